"""Factories for employers, rosters and HR contacts, with valid Italian identifiers."""

import datetime

import factory
from django.contrib.auth import get_user_model
from stdnum import luhn
from stdnum.it import codicefiscale

from shop.core.roles import Role, grant_role
from shop.eligibility.models import Employee, Employer, HRContact
from tests.factories import MunicipalityFactory


def partita_iva(n: int) -> str:
    base = f"{n:07d}001"  # office code 001: a valid province office
    return base + luhn.calc_check_digit(base)


def codice_fiscale(n: int) -> str:
    letters = "".join(chr(65 + (n // 26**i) % 26) for i in range(3))
    base = f"RSS{letters}85T10A562"
    return base + codicefiscale.calc_check_digit(base)


class TerritoryMunicipalityFactory(MunicipalityFactory):
    area = "Basso Sebino"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.it")
    password = factory.PostGenerationMethodCall("set_password", "pw-Segreta-2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    legal_name = factory.Sequence(lambda n: f"Cooperativa Sociale {n}")
    vat_number = factory.Sequence(lambda n: partita_iva(n + 1))
    status = Employer.Status.ACTIVE
    member_since = datetime.date(2020, 1, 1)
    area = "Basso Sebino"
    seat = factory.SubFactory(TerritoryMunicipalityFactory)


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    employer = factory.SubFactory(EmployerFactory)
    first_name = factory.Sequence(lambda n: f"Nome{n}")
    last_name = factory.Sequence(lambda n: f"Cognome{n}")
    codice_fiscale = factory.Sequence(codice_fiscale)
    work_email = factory.Sequence(lambda n: f"dip{n}@coop.example.it")
    home_municipality = factory.SubFactory(TerritoryMunicipalityFactory)
    start_date = datetime.date(2024, 1, 1)
    end_date = None


def make_hr_contact(*, employer: Employer, **user_kwargs):
    user = UserFactory(**user_kwargs)
    HRContact.objects.create(employer=employer, user=user)
    grant_role(user, Role.HR_CONTACT)
    return user
