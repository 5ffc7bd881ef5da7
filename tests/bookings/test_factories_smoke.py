from shop.bookings.models import Booking
from tests.factories.bookings import booking_made, rome, service_calendar
from tests.factories.eligibility import UserFactory


def test_factories_make_a_calendar_and_a_booking(db):
    calendar = service_calendar()
    booking = booking_made(calendar=calendar, buyer=UserFactory(), start=rome(2026, 12, 1, 9))

    assert calendar.weekly_slots.count() == 7
    assert booking.status == Booking.Status.PENDING and booking.sessions.count() == 1
