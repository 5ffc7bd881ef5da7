"""The calendar file parses back (icalendar) to the booked wall-clock times in Europe/Rome,
on both sides of a daylight-saving change."""

import datetime

from icalendar import Calendar

from shop.bookings.notifications import booking_ics
from shop.bookings.services import booking_hold
from tests.factories.bookings import ROME, rome, service_calendar

T = datetime.time


def events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, [component for component in calendar.walk("VEVENT")]


def test_weekly_sessions_across_the_spring_change_parse_back_to_six_pm_rome(db, buyer, clock):
    calendar = service_calendar(
        weekdays=(3,), windows=((T(18), T(19)),), session_count=3, session_every_days=7
    )
    booking = booking_hold(calendar=calendar, buyer=buyer, start=rome(2026, 3, 19, 18))

    parsed, vevents = events(booking_ics(booking))

    starts = [event.decoded("dtstart") for event in vevents]
    assert [start.astimezone(ROME).strftime("%d/%m %H:%M") for start in starts] == [
        "19/03 18:00",
        "26/03 18:00",
        "02/04 18:00",
    ]
    # The same instants as stored: 17:00 UTC in winter, 16:00 UTC in summer.
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [17, 17, 16]
    assert [event.decoded("dtend").astimezone(ROME).hour for event in vevents] == [19, 19, 19]
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Rome"]
    assert all(event["DTSTART"].params["TZID"] == "Europe/Rome" for event in vevents)
    assert len({str(event["UID"]) for event in vevents}) == 3


def test_autumn_change_parses_back_to_nine_am(db, buyer, clock):
    calendar = service_calendar(
        weekdays=(5, 0), windows=((T(9), T(10)),), session_count=2, session_every_days=2
    )
    booking = booking_hold(calendar=calendar, buyer=buyer, start=rome(2026, 10, 24, 9))

    _parsed, vevents = events(booking_ics(booking))

    starts = [event.decoded("dtstart") for event in vevents]
    assert [start.astimezone(ROME).strftime("%a %d %H:%M") for start in starts] == [
        "Sat 24 09:00",
        "Mon 26 09:00",
    ]
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [7, 8]
    assert str(vevents[0]["SUMMARY"]) == calendar.product.get_title()
