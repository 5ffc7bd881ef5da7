"""Slot generation: weekly windows plus extra openings, minus closures, notice and the past.

Windows are wall-clock times in the booking time zone (Europe/Rome). Each slot is built as a
local date and time and made aware with ``zoneinfo``, so a 9:00 slot stays at 9:00 across
the change to and from summer time; a wall-clock time that does not exist on the night the
clocks go forward is skipped, and an hour that happens twice when they go back is offered
once (its first occurrence).
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from shop.core.public_holidays import is_public_holiday


@dataclass(frozen=True)
class Slot:
    start: datetime.datetime
    end: datetime.datetime
    capacity: int
    taken: int = 0
    # For multi-session calendars: (start, end) of every session, the first one included.
    sessions: tuple[tuple[datetime.datetime, datetime.datetime], ...] = field(default=())

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.taken)

    @property
    def key(self) -> str:
        """The slot's start as the slot form posts it (UTC, ISO 8601)."""
        return slot_key(self.start)


def booking_zone() -> ZoneInfo:
    return ZoneInfo(settings.SHOP_BOOKING_TIME_ZONE)


def slot_key(start: datetime.datetime) -> str:
    return start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse_slot_key(value: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%MZ").replace(tzinfo=datetime.UTC)
    except (TypeError, ValueError):
        return None


def local_datetime(day: datetime.date, time: datetime.time, zone: ZoneInfo) -> datetime.datetime | None:
    """``day`` at wall-clock ``time`` in ``zone``; None if the clocks skip that time."""
    moment = datetime.datetime.combine(day, time, tzinfo=zone)
    back = moment.astimezone(datetime.UTC).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


def _window_slots(day, start, end, minutes, capacity, zone):
    """Wall-clock slots of ``minutes`` from ``start`` while they end by ``end``."""
    step = datetime.timedelta(minutes=minutes)
    cursor = datetime.datetime.combine(day, start)
    last = datetime.datetime.combine(day, end)
    while cursor + step <= last:
        slot_start = local_datetime(cursor.date(), cursor.time(), zone)
        if slot_start is not None:
            slot_end = local_datetime((cursor + step).date(), (cursor + step).time(), zone)
            if slot_end is None:  # ends in the skipped hour: as long as it lasts, in real time
                slot_end = (slot_start.astimezone(datetime.UTC) + step).astimezone(zone)
            yield slot_start, slot_end, capacity
        cursor += step


def opening_slots(*, calendar, date_from: datetime.date, date_to: datetime.date) -> dict:
    """{start: (start, end, capacity)} of every opening between two local dates, both included,
    closures, Italian public holidays (``shop.core.public_holidays``) and the supplier's local
    feast days (``LocalFeastDay``) removed; an extra opening the supplier adds on such a day
    still counts. Notice and horizon are not applied here."""
    zone = booking_zone()
    weekly = {}
    for window in calendar.weekly_slots.all():
        weekly.setdefault(window.weekday, []).append(window)
    closures = [
        (c.date_from, c.date_to)
        for c in calendar.closures.filter(date_to__gte=date_from, date_from__lte=date_to)
    ]
    feasts = set(calendar.partner.local_feast_days.values_list("month", "day"))
    extras = {}
    for extra in calendar.extra_slots.filter(date__gte=date_from, date__lte=date_to):
        extras.setdefault(extra.date, []).append(extra)
    found = {}
    day = date_from
    while day <= date_to:
        if not any(start <= day <= end for start, end in closures):
            holiday = is_public_holiday(day) or (day.month, day.day) in feasts
            weekly_windows = [] if holiday else weekly.get(day.weekday(), [])
            windows = [*weekly_windows, *extras.get(day, [])]
            for window in windows:
                capacity = window.capacity if window.capacity is not None else calendar.default_capacity
                for start, end, cap in _window_slots(
                    day, window.start, window.end, calendar.slot_minutes, capacity, zone
                ):
                    found[start] = (start, end, cap)  # an extra opening overrides the weekly one
        day += datetime.timedelta(days=1)
    return found


def session_starts(*, calendar, first: datetime.datetime, openings: dict) -> list | None:
    """(start, end) of every session of a booking whose first session starts at ``first``; None if
    one of them has no opening. Sessions repeat at the same wall-clock time: on the following
    opening days (every 1 day) or every N days."""
    zone = booking_zone()
    first_local = first.astimezone(zone)
    if first not in openings:
        return None
    sessions = [openings[first][:2]]
    day = first_local.date()
    if calendar.session_every_days == 1:
        later = sorted(
            start
            for start in openings
            if start.astimezone(zone).date() > day and start.astimezone(zone).time() == first_local.time()
        )
        if len(later) < calendar.session_count - 1:
            return None
        sessions += [openings[start][:2] for start in later[: calendar.session_count - 1]]
        return sessions
    for index in range(1, calendar.session_count):
        start = local_datetime(
            day + datetime.timedelta(days=index * calendar.session_every_days), first_local.time(), zone
        )
        if start is None or start not in openings:
            return None
        sessions.append(openings[start][:2])
    return sessions


def span_days(calendar) -> int:
    """Days past the first session that the following sessions may reach."""
    if calendar.session_count <= 1:
        return 0
    if calendar.session_every_days == 1:
        # Following opening days: allow for closed weekdays and short closures.
        return calendar.session_count * 3 + 14
    return (calendar.session_count - 1) * calendar.session_every_days


def bookable_window(*, calendar, now: datetime.datetime | None = None):
    """(earliest start, last local date) a first session may have."""
    now = now or timezone.now()
    earliest = now + datetime.timedelta(hours=calendar.min_notice_hours)
    last_day = now.astimezone(booking_zone()).date() + datetime.timedelta(days=calendar.horizon_days)
    return earliest, last_day


def generate_slots(
    *, calendar, date_from: datetime.date, date_to: datetime.date, now: datetime.datetime | None = None
) -> list[Slot]:
    """Bookable first-session slots between two local dates (places not counted)."""
    earliest, last_day = bookable_window(calendar=calendar, now=now)
    date_to = min(date_to, last_day)
    if date_to < date_from:
        return []
    openings = opening_slots(
        calendar=calendar, date_from=date_from, date_to=date_to + datetime.timedelta(days=span_days(calendar))
    )
    zone = booking_zone()
    slots = []
    for start in sorted(openings):
        if start < earliest or start.astimezone(zone).date() > date_to:
            continue
        _start, end, capacity = openings[start]
        sessions = ((start, end),)
        if calendar.session_count > 1:
            found = session_starts(calendar=calendar, first=start, openings=openings)
            if found is None:
                continue
            sessions = tuple(found)
            capacity = min(openings[session_start][2] for session_start, _end in sessions)
        slots.append(Slot(start=start, end=end, capacity=capacity, sessions=sessions))
    return slots
