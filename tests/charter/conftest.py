import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.charter.models import Admission
from shop.core.roles import Role, grant_role
from tests.factories import PartnerFactory, ProductClassFactory
from tests.factories.charter import admit, published_version, sign, supplier_user

User = get_user_model()
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def v1(db, today):
    return published_version(number=1, effective_date=today - datetime.timedelta(days=400))


@pytest.fixture
def category(db):
    return Category.add_root(name="Dispensa")


@pytest.fixture
def make_product(category):
    def _make(partner, *, title: str, price: str = "10.00", num_in_stock: int = 10):
        product = oscar_factories.ProductFactory(
            title=title, product_class=ProductClassFactory(), stockrecords=[], categories=[]
        )
        oscar_factories.StockRecordFactory(
            product=product,
            partner=partner,
            price=Decimal(price),
            price_currency="EUR",
            num_in_stock=num_in_stock,
        )
        ProductCategory.objects.create(product=product, category=category)
        return product

    return _make


@pytest.fixture
def good_supplier(v1):
    """Approved and signed the version in force: always on sale."""
    partner = PartnerFactory(name="Cascina Buona", admitted=False)
    admit(partner)
    sign(partner, v1)
    return partner


@pytest.fixture
def manager_admin(db):
    user = User.objects.create_user(
        username="gestore@example.org",
        email="gestore@example.org",
        password="pw-Gestore-2026",
        is_staff=True,
        first_name="Giulia",
        last_name="Gestore",
    )
    grant_role(user, Role.MANAGER)
    return user


@pytest.fixture
def customer(db):
    return User.objects.create_user(
        username="cliente@example.org", email="cliente@example.org", password="pw-Cliente-2026"
    )


def _never_signed(v1, today):
    partner = PartnerFactory(name="Fornitore Mai Firmato", admitted=False)
    admit(partner)
    supplier_user(partner)
    return partner


def _old_inside_grace(v1, today):
    partner = PartnerFactory(name="Fornitore In Proroga", admitted=False)
    admit(partner)
    sign(partner, v1)
    published_version(number=2, effective_date=today - datetime.timedelta(days=10))
    return partner


def _old_outside_grace(v1, today):
    partner = PartnerFactory(name="Fornitore Scaduto", admitted=False)
    admit(partner)
    sign(partner, v1)
    published_version(number=2, effective_date=today - datetime.timedelta(days=100))
    return partner


def _suspended(v1, today):
    partner = PartnerFactory(name="Fornitore Sospeso", admitted=False)
    admit(partner, status=Admission.Status.SUSPENDED)
    sign(partner, v1)
    return partner


def _approved_again(v1, today):
    from shop.charter.services import admission_decide

    partner = PartnerFactory(name="Fornitore Riammesso", admitted=False)
    admission = admit(partner, status=Admission.Status.SUSPENDED)
    sign(partner, v1)
    manager = User.objects.create_user(username="g2@example.org", email="g2@example.org", is_staff=True)
    grant_role(manager, Role.MANAGER)
    admission_decide(admission=admission, actor=manager, action="approved")
    return partner


# (case id, builder, may sell?)
GATING_CASES = [
    pytest.param(_never_signed, False, id="never-signed"),
    pytest.param(_old_inside_grace, True, id="old-version-inside-grace"),
    pytest.param(_old_outside_grace, False, id="old-version-outside-grace"),
    pytest.param(_suspended, False, id="suspended"),
    pytest.param(_approved_again, True, id="approved-again"),
]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Pages render {% static %}; tests have no collected manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
