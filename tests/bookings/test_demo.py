"""Demo calendars: home care and the demo supplier's two services, loaded idempotently."""

import io
import random

from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shop.bookings import demo
from shop.bookings.models import ServiceCalendar, WeeklySlot
from shop.core.demo.logins import SUPPLIER_PARTNER
from tests.bookings.factories import service_product
from tests.factories import MunicipalityFactory, PartnerFactory

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
    assert sorted(own.values_list("where", "session_count")) == [("home", 1), ("seat", 5)]
    assert ServiceCalendar.objects.get(product=care).where == "home"
    assert all(calendar.product.images.count() == 1 for calendar in own)
