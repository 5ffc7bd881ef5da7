"""Scoped reads: a supplier sees only its partners' bookings, a buyer only their own; the
earliest slot for the emergency flow reaches the buyer's home within the hours asked."""

import datetime

from django.contrib.auth.models import AnonymousUser

from shop.bookings.selectors import bookings_for_buyer, bookings_for_partner_user, earliest_slot
from tests.factories import MunicipalityFactory
from tests.factories.bookings import booking_made, rome, service_calendar
from tests.factories.eligibility import UserFactory

T = datetime.time


def test_a_supplier_sees_its_partners_bookings_and_never_another_suppliers(db, buyer, clock):
    mine, theirs = service_calendar(), service_calendar()
    own = booking_made(calendar=mine, buyer=buyer, start=rome(2026, 3, 3, 9))
    booking_made(calendar=theirs, buyer=buyer, start=rome(2026, 3, 3, 9))
    booking_made(calendar=mine, buyer=buyer, start=rome(2026, 3, 3, 10), status="held")
    supplier = mine.partner.users.first()

    assert list(bookings_for_partner_user(user=supplier)) == [own]
    assert bookings_for_partner_user(user=UserFactory()).count() == 0
    assert bookings_for_partner_user(user=AnonymousUser()).count() == 0
    assert bookings_for_partner_user(user=UserFactory(is_staff=True)).count() == 2


def test_a_buyer_sees_only_their_own_ordered_bookings(db, buyer, other_buyer, clock):
    calendar = service_calendar()
    own = booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 3, 3, 9))
    booking_made(calendar=calendar, buyer=other_buyer, start=rome(2026, 3, 3, 10))
    booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 3, 3, 11), status="released")

    assert list(bookings_for_buyer(user=buyer)) == [own]
    assert bookings_for_buyer(user=AnonymousUser()).count() == 0


def test_earliest_slot_reaches_the_home_within_the_hours(db, clock):
    home = MunicipalityFactory(name="Sarnico")
    far = MunicipalityFactory(name="Milano")
    clock.set(rome(2026, 3, 3, 10))
    calendar = service_calendar(where="home", windows=((T(9), T(12)),), min_notice_hours=4)
    calendar.partner.served_municipalities.add(home)

    found_calendar, slot = earliest_slot(product=calendar.product, municipality=home, within_hours=24)

    assert found_calendar == calendar and slot.start == rome(2026, 3, 4, 9)
    assert earliest_slot(product=calendar.product, municipality=far, within_hours=48) is None
    assert earliest_slot(calendar=calendar, municipality=home, within_hours=20) is None
