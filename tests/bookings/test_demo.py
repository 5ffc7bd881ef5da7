"""Demo calendars: home care and the demo supplier's two services, loaded idempotently."""

import io
import random

from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shop.bookings.models import ServiceCalendar, WeeklySlot
from shop.demo import bookings as demo
from shop.demo.logins import SUPPLIER_PARTNER
from tests.factories import MunicipalityFactory, PartnerFactory
from tests.factories.bookings import service_product

ProductCategory = get_model("catalogue", "ProductCategory")


def test_demo_gives_calendars_and_a_home_service_to_the_demo_supplier(db):
    seat = MunicipalityFactory(name="Vigolo", area="Basso Sebino")
    neighbour = MunicipalityFactory(name="Tavernola Bergamasca", area="Basso Sebino")
    supplier = PartnerFactory(name=SUPPLIER_PARTNER, seat=seat)
    supplier.served_municipalities.add(seat, neighbour)  # as the core demo gives it
    create_from_breadcrumbs("Tempo libero e benessere > Corsi e laboratori")
    care_partner = PartnerFactory()
    care_partner.served_municipalities.add(seat)
    care, _record = service_product(partner=care_partner, title="Assistenza domiciliare anziani")
    ProductCategory.objects.create(
        product=care, category=create_from_breadcrumbs("Cura della persona > Assistenza domiciliare")
    )

    demo.load(stdout=io.StringIO(), rng=random.Random(1))
    counts = (ServiceCalendar.objects.count(), WeeklySlot.objects.count())
    demo.load(stdout=io.StringIO(), rng=random.Random(1))

    assert (ServiceCalendar.objects.count(), WeeklySlot.objects.count()) == counts
    own = ServiceCalendar.objects.filter(partner=supplier)
    assert sorted(own.values_list("product__service_place", "product__session_count")) == [
        ("home", 1),
        ("seat", 5),
    ]
    assert ServiceCalendar.objects.get(product=care).where == "home"
    assert all(calendar.product.images.count() == 1 for calendar in own)


def test_demo_calendars_book_the_sessions_that_are_sold_where_they_are_sold(db):
    """A single physiotherapy session books one session, the 10-session cycle ten, and the
    home physiotherapy takes place at the buyer's home."""
    seat = MunicipalityFactory(name="Trescore Balneario", area="Val Cavallina")
    partner = PartnerFactory(seat=seat)
    partner.served_municipalities.add(seat)
    products = {}
    for title, price in [
        ("Seduta di fisioterapia — singola", "50.50"),
        ("Seduta di fisioterapia — ciclo di 10", "421.00"),
        ("Fisioterapia a domicilio — seduta", "60.00"),
    ]:
        products[title], _record = service_product(partner=partner, title=title, price=price)
    physio = create_from_breadcrumbs("Salute > Fisioterapia e riabilitazione")
    for product in products.values():
        ProductCategory.objects.create(product=product, category=physio)

    demo.load(stdout=io.StringIO(), rng=random.Random(1))

    calendar = {title: ServiceCalendar.objects.get(product=p) for title, p in products.items()}
    assert calendar["Seduta di fisioterapia — singola"].session_count == 1
    assert calendar["Seduta di fisioterapia — ciclo di 10"].session_count == 10
    home = calendar["Fisioterapia a domicilio — seduta"]
    assert (home.where, home.session_count) == ("home", 1)
