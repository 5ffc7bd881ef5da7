"""Helpers for the fiscal tests: receipts, claims filed the way the employee files them."""

import datetime
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from shop.welfare.claims import claim_file
from shop.welfare.models import Wallet
from shop.welfare.services import children_declare
from tests.factories import pdf_bytes
from tests.factories.eligibility import codice_fiscale, partita_iva
from tests.factories.welfare import ON

PDF = pdf_bytes()
SUPPLIER_VAT = partita_iva(4242)


_receipts = itertools.count(1)


def receipt_pdf(name="ricevuta.pdf", content=None):
    """A PDF receipt; each one different from the last unless ``content`` is given."""
    content = content or PDF + b"%% receipt " + str(next(_receipts)).encode() + b"\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def declare_child(*, employee, year=ON.year):
    """The employee's own declaration of one dependent child (what f-bis for a child needs)."""
    if not employee.children_declarations.filter(year=year, has_dependent_children=True).exists():
        children_declare(employee=employee, year=year, children_count=1, by=employee.user)


def claim_data(**overrides):
    data = {
        "benefit_type": "c2_fbis",
        "beneficiary_name": "Luca Rossi",
        "beneficiary_codice_fiscale": codice_fiscale(777),
        "relation": "child",
        "receipt_date": ON - datetime.timedelta(days=1) if ON.month > 1 or ON.day > 1 else ON,
        "receipt_number": "2026/117",
        "supplier_name": "Asilo nido Il Girasole",
        "supplier_tax_code": SUPPLIER_VAT,
        "description": "Retta asilo nido di ottobre",
        "amount": Decimal("120.00"),
    }
    data.update(overrides)
    return data


def file_claim(*, user, wallet: Wallet, receipt=None, **overrides):
    data = claim_data(**overrides)
    if data["relation"] == "child" and data["benefit_type"] == "c2_fbis":
        declare_child(employee=wallet.employee, year=data["receipt_date"].year)
    return claim_file(user=user, wallet=wallet, receipt=receipt or receipt_pdf(), **data)


def household_with(*, user, people):
    """``user``'s household profile with ``people``: (kind, relation, birth year) triples."""
    from django.utils import timezone

    from shop.needs.models import CaredPerson, HouseholdProfile
    from tests.factories import MunicipalityFactory

    profile, _created = HouseholdProfile.objects.get_or_create(
        user=user,
        defaults={
            "home_municipality": MunicipalityFactory(),
            "consent_version": "test",
            "consent_given_at": timezone.now(),
        },
    )
    for kind, relation, birth_year in people:
        CaredPerson.objects.create(profile=profile, kind=kind, relation=relation, birth_year=birth_year)
    return profile
