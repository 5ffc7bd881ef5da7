"""Logistics fixtures: a territory with zones, boxed products, buyers with credit, roles."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.core.roles import Role, grant_role
from shop.logistics.models import Zone
from shop.logistics.services import trainee_code_create
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployeeFactory, UserFactory


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SHOP_DELIVERY_DAYS = [4]
    settings.SHOP_DELIVERY_CUTOFF_HOURS = 36
    settings.SHOP_LOGISTICS_HUB_ISTAT = "016218"


@pytest.fixture
def hub(db):
    return MunicipalityFactory(
        istat_code="016218",
        name="Trescore Balneario",
        cadastral_code="L388",
        lat=Decimal("45.69937"),
        lon=Decimal("9.85115"),
        area="Val Cavallina",
    )


@pytest.fixture
def sarnico(db):
    return MunicipalityFactory(
        istat_code="016193",
        name="Sarnico",
        cadastral_code="I437",
        lat=Decimal("45.67452"),
        lon=Decimal("9.96888"),
        area="Basso Sebino",
    )


@pytest.fixture
def villongo(db):
    return MunicipalityFactory(
        istat_code="016242",
        name="Villongo",
        cadastral_code="M045",
        lat=Decimal("45.67380"),
        lon=Decimal("9.92759"),
        area="Basso Sebino",
    )


@pytest.fixture
def predore(db):
    return MunicipalityFactory(
        istat_code="016174",
        name="Predore",
        cadastral_code="H036",
        lat=Decimal("45.68537"),
        lon=Decimal("10.01864"),
        area="Basso Sebino",
    )


@pytest.fixture
def zone(sarnico, villongo, predore, hub):
    zone = Zone.objects.create(name="Basso Sebino")
    zone.municipalities.set([sarnico, villongo, predore])
    return zone


@pytest.fixture
def buyer(employer, sarnico):
    user = UserFactory(email="buyer@example.it")
    EmployeeFactory(employer=employer, user=user, home_municipality=sarnico)
    grant_role(user, Role.EMPLOYEE)
    return user


@pytest.fixture
def operator_user(db):
    user = UserFactory()
    grant_role(user, Role.SFA_OPERATOR)
    return user


@pytest.fixture
def supplier_user(db):
    user = UserFactory()
    grant_role(user, Role.SUPPLIER)
    return user


@pytest.fixture
def trainee(db):
    return trainee_code_create(code="T-07")


@pytest.fixture
def wednesday_morning():
    """Wednesday 25 Nov 2026, 10:00 in Rome: before the cut-off (12:00) of Friday's round."""
    return timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))


@pytest.fixture
def no_auto_assign():
    """Orders placed without the order_placed receiver, so a test assigns them at a chosen time."""
    from oscar.apps.order.signals import order_placed

    from shop.logistics import receivers

    order_placed.disconnect(dispatch_uid="logistics_order_placed")
    yield
    order_placed.connect(receivers.order_placed, dispatch_uid="logistics_order_placed")
