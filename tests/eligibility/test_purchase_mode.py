import datetime

import pytest

from shop.eligibility.exceptions import PurchaseNotAllowed
from shop.eligibility.models import ResidentProfile
from shop.eligibility.selectors import PurchaseMode, purchase_mode_for
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployeeFactory, TerritoryMunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_eligible_employee_may_buy_whatever_the_citizen_switch(settings):
    employee = EmployeeFactory(user=UserFactory())
    for switch in (False, True):
        settings.SHOP_CITIZEN_PURCHASES = switch
        assert purchase_mode_for(user=employee.user) == PurchaseMode.EMPLOYEE


def test_resident_who_is_not_employee_may_not_buy_while_citizen_purchases_are_off(settings):
    settings.SHOP_CITIZEN_PURCHASES = False
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=TerritoryMunicipalityFactory())
    with pytest.raises(PurchaseNotAllowed, match="dipendenti|employees"):
        purchase_mode_for(user=user)


def test_resident_of_territory_buys_as_citizen_when_switched_on(settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=TerritoryMunicipalityFactory())
    assert purchase_mode_for(user=user) == PurchaseMode.CITIZEN


def test_non_resident_may_not_buy_even_when_switched_on(settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    user = UserFactory()
    ResidentProfile.objects.create(user=user, home_municipality=MunicipalityFactory(area=""))
    with pytest.raises(PurchaseNotAllowed):
        purchase_mode_for(user=user)


def test_user_without_home_municipality_may_not_buy_as_citizen(settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    with pytest.raises(PurchaseNotAllowed):
        purchase_mode_for(user=UserFactory())


def test_former_employee_living_in_territory_buys_as_citizen_when_switched_on(settings):
    settings.SHOP_CITIZEN_PURCHASES = True
    employee = EmployeeFactory(user=UserFactory(), end_date=datetime.date(2024, 6, 30))
    assert purchase_mode_for(user=employee.user) == PurchaseMode.CITIZEN


def test_anonymous_may_not_buy(settings):
    from django.contrib.auth.models import AnonymousUser

    settings.SHOP_CITIZEN_PURCHASES = True
    with pytest.raises(PurchaseNotAllowed):
        purchase_mode_for(user=AnonymousUser())
