"""Factories for the km-0 tests: real municipalities (coordinates from fixtures/comuni_lombardia.csv)."""

from decimal import Decimal

import factory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from shop.territory.models import Municipality
from tests.factories import PartnerFactory, ProductClassFactory
from tests.factories import eligibility as people

Product = get_model("catalogue", "Product")

# name, lat, lon, social-services area — copied by hand from the CSV (Openpolis, ISTAT).
PLACES = {
    "016218": ("Trescore Balneario", "45.69937", "9.85115", "Val Cavallina"),
    "016128": ("Lovere", "45.81939", "10.07051", ""),
    "016193": ("Sarnico", "45.67452", "9.96888", "Basso Sebino"),
    "016093": ("Endine Gaiano", "45.78631", "9.97846", "Val Cavallina"),
    "016119": ("Grone", "45.73083", "9.93091", "Val Cavallina"),
}


def municipality(code: str) -> Municipality:
    name, lat, lon, area = PLACES[code]
    return Municipality.objects.get_or_create(
        istat_code=code,
        defaults={
            "name": name,
            "province": "BG",
            "cadastral_code": f"T{code[-3:]}",
            "lat": Decimal(lat),
            "lon": Decimal(lon),
            "area": area,
        },
    )[0]


class EmployerFactory(people.EmployerFactory):
    """An employer with its seat in Grone (Val Cavallina), at its real coordinates."""

    area = "Val Cavallina"
    seat = factory.LazyFunction(lambda: municipality("016119"))


class EmployeeFactory(people.EmployeeFactory):
    """A signed-in employee of a Grone employer, living in Trescore Balneario."""

    employer = factory.SubFactory(EmployerFactory)
    user = factory.SubFactory(oscar_factories.UserFactory)
    home_municipality = factory.LazyFunction(lambda: municipality("016218"))


def goods_class():
    return ProductClassFactory(name="Prodotti Km 0", track_stock=True, requires_shipping=True, vat_rate="4")


def services_class():
    return ProductClassFactory(
        name="Servizi alla persona", track_stock=False, requires_shipping=False, vat_rate="esente"
    )


def may_sell(partner):
    """Admit the supplier and sign the charter in force, once: only such suppliers are listed."""
    from shop.charter.models import Signature
    from tests.factories.charter import admit_and_sign

    if not Signature.objects.filter(partner=partner).exists():
        admit_and_sign(partner)


def product(*, title, origin=None, partner=None, product_class=None, price="10.00", categories=(), **kwargs):
    """A browsable standalone product with one stock record at ``partner`` (admitted, charter signed)."""
    item = oscar_factories.ProductFactory(
        title=title,
        origin=origin,
        product_class=product_class or goods_class(),
        stockrecords=[],
        categories=[],
        **kwargs,
    )
    partner = partner or PartnerFactory()
    may_sell(partner)
    oscar_factories.StockRecordFactory(
        product=item,
        partner=partner,
        price=Decimal(price),
        price_currency="EUR",
        num_in_stock=10,
    )
    for category in categories:
        oscar_factories.ProductCategoryFactory(product=item, category=category)
    return item
