"""Writes of the supplier's calendar: settings and weekly windows, closures, extra openings.

Callers pass objects already read through the scoped selectors (``selectors.py``), so a
supplier only ever reaches its own partners' calendars. Each write validates again what the
forms check, and writes nothing when something is wrong (``CalendarInvalid``). Bookings
already made keep their sessions: a new closure over them is reported, not applied to them.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shop.bookings.dashboard.selectors import Window, overlapping, window_problem
from shop.bookings.exceptions import BookingError
from shop.bookings.models import Closure, ExtraSlot, LocalFeastDay, ServiceCalendar, WeeklySlot

# Where and how many sessions are the product's (shop.bookings.choices): edited with the product.
CALENDAR_FIELDS = (
    "slot_minutes",
    "default_capacity",
    "min_notice_hours",
    "horizon_days",
    "cancel_free_hours",
    "confirm_within_hours",
    "session_every_days",
    "is_active",
)


class CalendarInvalid(BookingError):
    pass


def _check_windows(windows: list[Window], *, slot_minutes: int) -> None:
    for window in windows:
        problem = window_problem(start=window.start, end=window.end, slot_minutes=slot_minutes)
        if problem:
            raise CalendarInvalid(problem)
        if window.capacity is not None and window.capacity < 1:
            raise CalendarInvalid(_("A slot needs at least one place."))
    if overlapping(windows):
        raise CalendarInvalid(_("Two opening windows on the same day overlap."))


def _check_settings(fields: dict) -> None:
    if fields["default_capacity"] < 1:
        raise CalendarInvalid(_("A slot needs at least one place."))
    if fields["slot_minutes"] < 1 or fields["session_every_days"] < 1:
        raise CalendarInvalid(_("Slot length and days between sessions must be at least 1."))


@transaction.atomic
def calendar_save(*, stockrecord, fields: dict, weekly: list[Window]) -> ServiceCalendar:
    """Create or update the calendar of a service stock record; ``weekly`` replaces its windows."""
    values = {name: fields[name] for name in CALENDAR_FIELDS}
    _check_settings(values)
    _check_windows(weekly, slot_minutes=values["slot_minutes"])
    calendar, _created = ServiceCalendar.objects.select_for_update().update_or_create(
        stockrecord=stockrecord,
        defaults={**values, "partner_id": stockrecord.partner_id, "product_id": stockrecord.product_id},
    )
    calendar.weekly_slots.all().delete()
    WeeklySlot.objects.bulk_create(
        WeeklySlot(calendar=calendar, weekday=w.day, start=w.start, end=w.end, capacity=w.capacity)
        for w in weekly
    )
    return calendar


@transaction.atomic
def closure_add(
    *, calendar: ServiceCalendar, date_from: datetime.date, date_to: datetime.date, reason: str = ""
) -> Closure:
    if date_to < date_from:
        raise CalendarInvalid(_("The last day of the closure cannot come before the first."))
    return Closure.objects.create(calendar=calendar, date_from=date_from, date_to=date_to, reason=reason)


@transaction.atomic
def closure_delete(*, closure: Closure) -> None:
    closure.delete()


@transaction.atomic
def feast_day_add(*, partner, day: int, month: int, name: str) -> LocalFeastDay:
    """A feast day of the supplier's town, every year: its calendars offer no slot on it. The
    same day twice is refused by the table's unique constraint (a double click included)."""
    try:
        with transaction.atomic():
            return LocalFeastDay.objects.create(partner=partner, day=day, month=month, name=name)
    except IntegrityError:
        raise CalendarInvalid(
            _("%(day)s/%(month)s is already a feast day of %(supplier)s.")
            % {"day": f"{day:02d}", "month": f"{month:02d}", "supplier": partner.name}
        ) from None


@transaction.atomic
def feast_day_delete(*, feast: LocalFeastDay) -> None:
    feast.delete()


@transaction.atomic
def extra_slot_add(
    *,
    calendar: ServiceCalendar,
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    capacity: int | None = None,
) -> ExtraSlot:
    window = Window(day=date, start=start, end=end, capacity=capacity)
    same_day = [Window(day=e.date, start=e.start, end=e.end) for e in calendar.extra_slots.filter(date=date)]
    _check_windows([*same_day, window], slot_minutes=calendar.slot_minutes)
    return ExtraSlot.objects.create(calendar=calendar, date=date, start=start, end=end, capacity=capacity)


@transaction.atomic
def extra_slot_delete(*, extra: ExtraSlot) -> None:
    extra.delete()
