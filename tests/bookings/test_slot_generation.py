"""Slots: weekly windows plus extra openings, minus closures, minimum notice and the past;
wall-clock times kept across the daylight-saving changes of Europe/Rome."""

import datetime

from shop.bookings.models import Closure, ExtraSlot, WeeklySlot
from shop.bookings.selectors import slots_available
from shop.bookings.slots import generate_slots
from tests.factories.bookings import ROME, booking_made, rome, service_calendar

T = datetime.time
D = datetime.date


def starts(slots):
    return [slot.start.astimezone(ROME).strftime("%a %d %H:%M") for slot in slots]


def test_weekly_window_is_split_into_slots_of_the_calendar_length(db, clock):
    calendar = service_calendar(weekdays=(1,), windows=((T(9), T(12)),), slot_minutes=60)

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 3))

    assert starts(slots) == ["Tue 03 09:00", "Tue 03 10:00", "Tue 03 11:00"]
    assert [slot.end.astimezone(ROME).time() for slot in slots] == [T(10), T(11), T(12)]


def test_a_window_shorter_than_a_slot_offers_nothing_after_the_last_full_slot(db, clock):
    calendar = service_calendar(weekdays=(1,), windows=((T(9), T(11, 30)),), slot_minutes=60)

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 3))

    assert starts(slots) == ["Tue 03 09:00", "Tue 03 10:00"]


def test_closures_remove_whole_days_both_ends_included(db, clock):
    calendar = service_calendar(windows=((T(9), T(10)),))
    Closure.objects.create(calendar=calendar, date_from=D(2026, 3, 4), date_to=D(2026, 3, 5), reason="Ferie")

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 6))

    assert starts(slots) == ["Tue 03 09:00", "Fri 06 09:00"]


def test_extra_slot_opens_a_day_outside_the_weekly_pattern_with_its_own_capacity(db, clock):
    calendar = service_calendar(weekdays=(0,), windows=((T(9), T(10)),), default_capacity=2)
    ExtraSlot.objects.create(calendar=calendar, date=D(2026, 3, 7), start=T(15), end=T(17), capacity=5)

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 9))

    assert starts(slots) == ["Sat 07 15:00", "Sat 07 16:00", "Mon 09 09:00"]
    assert [slot.capacity for slot in slots] == [5, 5, 2]


def test_a_closure_wins_over_an_extra_slot(db, clock):
    calendar = service_calendar(weekdays=(), windows=())
    ExtraSlot.objects.create(calendar=calendar, date=D(2026, 3, 7), start=T(15), end=T(16))
    Closure.objects.create(calendar=calendar, date_from=D(2026, 3, 7), date_to=D(2026, 3, 7))

    assert generate_slots(calendar=calendar, date_from=D(2026, 3, 7), date_to=D(2026, 3, 7)) == []


def test_minimum_notice_and_the_past_are_not_offered(db, clock):
    clock.set(rome(2026, 3, 3, 9, 30))  # Tuesday 9:30
    calendar = service_calendar(windows=((T(9), T(13)),), min_notice_hours=2)

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 2), date_to=D(2026, 3, 4))

    # Monday is past, Tuesday 9-11 is past or within two hours; 11:30 would be the limit.
    assert starts(slots)[:3] == ["Tue 03 12:00", "Wed 04 09:00", "Wed 04 10:00"]


def test_nothing_beyond_the_horizon(db, clock):
    calendar = service_calendar(windows=((T(9), T(10)),), horizon_days=3)

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 2), date_to=D(2026, 3, 20))

    assert starts(slots) == ["Tue 03 09:00", "Wed 04 09:00", "Thu 05 09:00"]


def test_full_slots_are_not_available_and_remaining_places_are_counted(db, clock, buyer):
    calendar = service_calendar(weekdays=(1,), windows=((T(9), T(11)),), default_capacity=2)
    booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 3, 3, 9))
    booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 3, 3, 9))
    booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 3, 3, 10), status="refused")

    slots = slots_available(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 3))

    assert starts(slots) == ["Tue 03 10:00"]
    assert slots[0].remaining == 2


def test_weekly_slot_capacity_overrides_the_default(db, clock):
    calendar = service_calendar(weekdays=(), windows=(), default_capacity=3)
    WeeklySlot.objects.create(calendar=calendar, weekday=1, start=T(9), end=T(10), capacity=7)

    [slot] = generate_slots(calendar=calendar, date_from=D(2026, 3, 3), date_to=D(2026, 3, 3))

    assert slot.capacity == 7


def test_spring_forward_keeps_wall_clock_times_and_skips_the_missing_hour(db, clock):
    # Sunday 29 March 2026: at 02:00 clocks go to 03:00 in Rome.
    calendar = service_calendar(weekdays=(5, 6), windows=((T(1), T(4)),))

    slots = generate_slots(calendar=calendar, date_from=D(2026, 3, 28), date_to=D(2026, 3, 29))

    assert starts(slots) == ["Sat 28 01:00", "Sat 28 02:00", "Sat 28 03:00", "Sun 29 01:00", "Sun 29 03:00"]
    utc = [slot.start.astimezone(datetime.UTC).strftime("%d %H:%M") for slot in slots]
    assert utc == ["28 00:00", "28 01:00", "28 02:00", "29 00:00", "29 01:00"]


def test_nine_oclock_stays_nine_oclock_on_both_sides_of_each_change(db, clock):
    calendar = service_calendar(weekdays=(5, 0), windows=((T(9), T(10)),))

    spring = generate_slots(calendar=calendar, date_from=D(2026, 3, 28), date_to=D(2026, 3, 30))
    autumn = generate_slots(calendar=calendar, date_from=D(2026, 10, 24), date_to=D(2026, 10, 26))

    assert starts(spring) == ["Sat 28 09:00", "Mon 30 09:00"]
    assert [s.start.astimezone(datetime.UTC).hour for s in spring] == [8, 7]  # CET, then CEST
    assert starts(autumn) == ["Sat 24 09:00", "Mon 26 09:00"]
    assert [s.start.astimezone(datetime.UTC).hour for s in autumn] == [7, 8]  # CEST, then CET


def test_fall_back_offers_the_repeated_hour_once(db, clock):
    # Sunday 25 October 2026: at 03:00 clocks go back to 02:00.
    calendar = service_calendar(weekdays=(6,), windows=((T(1), T(4)),))

    slots = generate_slots(calendar=calendar, date_from=D(2026, 10, 25), date_to=D(2026, 10, 25))

    assert starts(slots) == ["Sun 25 01:00", "Sun 25 02:00", "Sun 25 03:00"]
    assert len({slot.start for slot in slots}) == 3


def test_multi_session_on_following_opening_days_skips_closed_days(db, clock):
    calendar = service_calendar(
        weekdays=(0, 1, 2, 3, 4),
        windows=((T(8, 30), T(16, 30)),),
        slot_minutes=480,
        session_count=5,
        session_every_days=1,
    )
    Closure.objects.create(calendar=calendar, date_from=D(2026, 7, 8), date_to=D(2026, 7, 8))

    [slot] = generate_slots(calendar=calendar, date_from=D(2026, 7, 6), date_to=D(2026, 7, 6))

    days = [start.astimezone(ROME).strftime("%a %d %H:%M") for start, _end in slot.sessions]
    assert days == ["Mon 06 08:30", "Tue 07 08:30", "Thu 09 08:30", "Fri 10 08:30", "Mon 13 08:30"]


def test_weekly_sessions_cross_the_dst_change_at_the_same_wall_clock_time(db, clock):
    calendar = service_calendar(
        weekdays=(3,), windows=((T(18), T(19)),), session_count=3, session_every_days=7
    )

    [slot] = generate_slots(calendar=calendar, date_from=D(2026, 3, 19), date_to=D(2026, 3, 19))

    local = [start.astimezone(ROME).strftime("%d/%m %H:%M") for start, _end in slot.sessions]
    assert local == ["19/03 18:00", "26/03 18:00", "02/04 18:00"]


def test_multi_session_slot_is_not_offered_when_a_later_session_is_closed_or_full(db, clock, buyer):
    calendar = service_calendar(
        weekdays=(3,), windows=((T(18), T(19)),), session_count=2, session_every_days=7
    )
    Closure.objects.create(calendar=calendar, date_from=D(2026, 3, 26), date_to=D(2026, 3, 26))
    booking_made(calendar=calendar, buyer=buyer, start=rome(2026, 4, 9, 18))

    slots = slots_available(calendar=calendar, date_from=D(2026, 3, 19), date_to=D(2026, 4, 2))

    # 19/3 needs 26/3 (closed); 2/4 needs 9/4 (full); 26/3 itself is closed.
    assert starts(slots) == []
