import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.core.roles import Role, grant_role
from shop.eligibility.models import HRContact
from shop.needs.models import Need, UrgentService
from shop.territory.models import Municipality
from tests.factories import PartnerFactory
from tests.factories.km0 import EmployeeFactory, goods_class, municipality, services_class

Category = get_model("catalogue", "Category")
User = get_user_model()
GRONE, TRESCORE, SARNICO, ENDINE = "016119", "016218", "016193", "016093"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SHOP_KM0_RADIUS_KM = 70
    settings.SHOP_URGENT_RESPONSE_HOURS = 4


@pytest.fixture
def places(db):
    found = {code: municipality(code) for code in (GRONE, TRESCORE, SARNICO, ENDINE)}
    found["casazza"] = Municipality.objects.get_or_create(
        istat_code="016063",
        defaults={
            "name": "Casazza",
            "province": "BG",
            "cadastral_code": "B947",
            "lat": Decimal("45.74944"),
            "lon": Decimal("9.90722"),
            "area": "Val Cavallina",
        },
    )[0]
    return found


@pytest.fixture
def categories(db):
    """The demo's categories the seeded taxonomy links to, plus leisure, linked by the taxonomy helper."""
    care = Category.add_root(name="Cura della persona")
    kids = Category.add_root(name="Educazione e cura dei figli")
    leisure = Category.add_root(name="Tempo libero e benessere")
    found = {
        "home_care": care.add_child(name="Assistenza domiciliare"),
        "nursery": kids.add_child(name="Nidi e baby sitting"),
        "wellness": leisure.add_child(name="Benessere e terme"),
    }
    from shop.needs.taxonomy import taxonomy_apply

    taxonomy_apply(Need=Need, Category=Category, link_only=True)
    return found


def need(slug: str) -> Need:
    return Need.objects.get(slug=slug)


def service(*, title, category, partner, origin, urgent_hours=None, price="30.00"):
    product = oscar_factories.ProductFactory(
        title=title, product_class=services_class(), stockrecords=[], categories=[], origin=origin
    )
    product.categories.add(category)
    oscar_factories.StockRecordFactory(
        product=product, partner=partner, price=Decimal(price), price_currency="EUR", num_in_stock=None
    )
    if urgent_hours is not None:
        UrgentService.objects.create(product=product, notice_hours=urgent_hours)
    return product


def good(*, title, category, partner, origin, price="5.00"):
    product = oscar_factories.ProductFactory(
        title=title, product_class=goods_class(), stockrecords=[], categories=[], origin=origin
    )
    product.categories.add(category)
    oscar_factories.StockRecordFactory(
        product=product, partner=partner, price=Decimal(price), price_currency="EUR", num_in_stock=10
    )
    return product


def supplier(*, name, seat, serves, phone="+39 035 123456", admitted=True):
    partner = PartnerFactory(
        name=name, seat=seat, phone=phone, email=f"{name.split()[0].lower()}@example.org", admitted=admitted
    )
    partner.served_municipalities.set(serves)
    return partner


def supplier_login(partner):
    from tests.factories.charter import supplier_user

    return partner.users.first() or supplier_user(partner)


@pytest.fixture
def employee(places):
    """An employee of an active member who lives in Grone."""
    return EmployeeFactory(home_municipality=places[GRONE], user__email="maria@example.org")


@pytest.fixture
def hr_contact(employee):
    user = User.objects.create_user(username="hr@example.org", email="hr@example.org", password="pw-Hr-2026")
    grant_role(user, Role.HR_CONTACT)
    HRContact.objects.create(employer=employee.employer, user=user)
    return user


@pytest.fixture
def now():
    return timezone.now()


def in_hours(hours: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)
