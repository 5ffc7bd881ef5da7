"""The booking panel of a service's page: next days with places, the day's slots, the form."""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import ngettext

from shop.bookings.forms import SlotForm, day_or_none
from shop.bookings.models import ServiceCalendar
from shop.bookings.notifications import day_text
from shop.bookings.selectors import calendar_for_product, calendar_reaches, slots_available
from shop.bookings.slots import Slot, booking_zone
from shop.km0.selectors import home_of_user

DAYS_SHOWN = 21


@dataclass
class Panel:
    calendar: ServiceCalendar
    form: SlotForm
    day: datetime.date | None
    days: list[datetime.date] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)

    @property
    def day_label(self) -> str:
        return day_text(self.day) if self.day else ""

    @property
    def options(self) -> list[tuple[Slot, str]]:
        return [(slot, slot_label(slot)) for slot in self.slots]


def slot_label(slot: Slot) -> str:
    zone = booking_zone()
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    places = ngettext("%(count)s place left", "%(count)s places left", slot.remaining) % {
        "count": slot.remaining
    }
    return f"{start:%H:%M}–{end:%H:%M} ({places})"


def session_dates(slot: Slot) -> list[str]:
    zone = booking_zone()
    dates = []
    for start, end in slot.sessions:
        start, end = start.astimezone(zone), end.astimezone(zone)
        dates.append(f"{formats.date_format(start, 'D j M')} {start:%H:%M}–{end:%H:%M}")
    return dates


def booking_panel(*, calendar: ServiceCalendar, day=None, data=None, now=None, user=None) -> Panel:
    """Days with places in the next three weeks from the chosen (or first available) day, and
    the slots of that day; ``data`` binds the form (a refused POST keeps what was typed)."""
    now = now or timezone.now()
    today = now.astimezone(booking_zone()).date()
    if data is not None:
        day = day_or_none(data.get("day")) or day
    day = day if isinstance(day, datetime.date) else day_or_none(day)
    start_day = max(today, day) if day else today
    upcoming = slots_available(
        calendar=calendar,
        date_from=start_day,
        date_to=start_day + datetime.timedelta(days=DAYS_SHOWN),
        now=now,
    )
    days = sorted({slot.start.astimezone(booking_zone()).date() for slot in upcoming})
    if day is None or day < today:
        day = days[0] if days else None
    slots = [slot for slot in upcoming if slot.start.astimezone(booking_zone()).date() == day]
    choices = [(slot.key, slot_label(slot)) for slot in slots]
    initial = {"day": day}
    home = home_of_user(user=user) if calendar.is_home and user is not None else None
    if home is not None and calendar_reaches(calendar=calendar, municipality=home):
        initial["municipality"] = home.pk  # the buyer's home, when the supplier serves it
    form = SlotForm(data=data, calendar=calendar, choices=choices, initial=initial)
    return Panel(calendar=calendar, form=form, day=day, days=days, slots=slots)


def panel_for_product(*, product, day=None, user=None) -> Panel | None:
    product_class = product.get_product_class()
    if product_class is None or product_class.requires_shipping:
        return None  # goods are shipped, never booked: no query for them
    calendar = calendar_for_product(product=product)
    if calendar is None:
        return None
    return booking_panel(calendar=calendar, day=day, user=user)
