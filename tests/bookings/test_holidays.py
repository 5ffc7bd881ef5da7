"""No slot on an Italian public holiday nor on a supplier's local feast day."""

import datetime

from shop.bookings.models import ExtraSlot, LocalFeastDay
from shop.bookings.slots import generate_slots
from tests.factories.bookings import ROME, rome, service_calendar

T = datetime.time
D = datetime.date


def days(slots):
    return sorted({slot.start.astimezone(ROME).date() for slot in slots})


def test_christmas_st_stephen_and_new_year_have_no_slots(db, clock):
    clock.set(rome(2026, 12, 20, 10))
    calendar = service_calendar(windows=((T(9), T(10)),))

    slots = generate_slots(calendar=calendar, date_from=D(2026, 12, 24), date_to=D(2027, 1, 2))

    assert days(slots) == [D(2026, 12, 24), *[D(2026, 12, d) for d in range(27, 32)], D(2027, 1, 2)]


def test_a_supplier_local_feast_day_has_no_slots_every_year(db, clock):
    calendar = service_calendar(windows=((T(9), T(10)),))
    LocalFeastDay.objects.create(partner=calendar.partner, month=3, day=4, name="San Lucio")

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 5))

    assert days(slots) == [D(2026, 3, 3), D(2026, 3, 5)]


def test_an_extra_opening_on_a_holiday_is_kept(db, clock):
    clock.set(rome(2026, 12, 20, 10))
    calendar = service_calendar(windows=((T(9), T(10)),))
    ExtraSlot.objects.create(calendar=calendar, date=D(2026, 12, 26), start=T(15), end=T(16))

    slots = generate_slots(calendar=calendar, date_from=D(2026, 12, 25), date_to=D(2026, 12, 26))

    assert [s.start for s in slots] == [rome(2026, 12, 26, 15)]
