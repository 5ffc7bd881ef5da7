from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.territory.models import Municipality
from tests.factories import PartnerFactory
from tests.factories.km0 import EmployeeFactory, municipality, product, services_class

Category = get_model("catalogue", "Category")
GRONE = "016119"


@pytest.fixture
def places(db, settings):
    settings.SHOP_TERRITORY_CENTRE_ISTAT = GRONE
    settings.SHOP_KM0_RADIUS_KM = 70
    return {code: municipality(code) for code in ("016218", "016128", "016193", "016093", GRONE)}


def far_place(code, name, lat):
    """A point due north of Grone: 1 degree of latitude is 111.195 km on the shop's sphere."""
    return Municipality.objects.create(
        istat_code=code,
        name=name,
        province="SO",
        cadastral_code=f"X{code[-3:]}",
        lat=Decimal(lat),
        lon=Decimal("9.93091"),
    )


@pytest.fixture
def boundary(places):
    """Two origins 69.9 km and 70.1 km from Grone, either side of the km-0 radius."""
    return {
        "inside": far_place("014901", "Dentro", "46.35945"),
        "outside": far_place("014902", "Fuori", "46.36125"),
    }


@pytest.fixture
def category(db):
    return Category.add_root(name="Prodotti Km 0")


@pytest.fixture
def employee(places):
    """An employee of an active member who lives in Trescore Balneario."""
    return EmployeeFactory(home_municipality=places["016218"])


@pytest.fixture
def home_care(places):
    """A home-care service whose supplier serves Sarnico and Endine Gaiano, not Trescore or Lovere."""
    partner = PartnerFactory(name="Cooperativa Il Sorriso", seat=places["016193"])
    partner.served_municipalities.set([places["016193"], places["016093"]])
    return product(
        title="Assistenza domiciliare",
        origin=places["016193"],
        partner=partner,
        product_class=services_class(),
    )


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Pages render {% static %}; tests run without collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
