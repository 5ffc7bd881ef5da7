"""What the partner dashboard shows of calendars and bookings, scoped per role.

A supplier's user sees the service stock records, calendars and bookings of its own partners
only; the manager's administrators (``shop.core.access.is_manager``) see
every supplier's. Anyone else sees nothing. Bookings come through the core selector
``bookings_for_partner_user``, so the dashboard and the services share one scoping rule.
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.bookings.models import Booking, LocalFeastDay, ServiceCalendar
from shop.bookings.selectors import bookings_for_partner_user, places_taken
from shop.bookings.slots import Slot, booking_zone, generate_slots
from shop.core.access import is_manager, is_supplier, partners_of_user
from shop.core.validators import period_problem

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

# Rows of the history list: the inbox is not an archive.
HISTORY_LIMIT = 50


def sees_every_supplier(user) -> bool:
    return is_manager(user)


def may_use_bookings_dashboard(user) -> bool:
    return is_manager(user) or is_supplier(user)


def service_records_for_user(*, user) -> QuerySet:
    """Stock records of services (product classes without stock) the user keeps calendars for."""
    records = StockRecord._default_manager.filter(product__product_class__track_stock=False)
    if not sees_every_supplier(user):
        records = records.filter(partner__in=partners_of_user(user))
    return records.select_related("product", "partner", "service_calendar").order_by(
        "partner__name", "product__title", "pk"
    )


def partners_for_user(*, user) -> QuerySet:
    """The suppliers whose calendars the user keeps: its own, or every one for the manager."""
    partners = Partner._default_manager.all() if sees_every_supplier(user) else partners_of_user(user)
    return partners.order_by("name", "pk")


def feast_days_for_user(*, user) -> QuerySet[LocalFeastDay]:
    return (
        LocalFeastDay.objects.filter(partner__in=partners_for_user(user=user))
        .select_related("partner")
        .order_by("partner__name", "month", "day")
    )


def dashboard_bookings(*, user) -> QuerySet[Booking]:
    """Bookings placed with an order (never baskets' holds), for the user's partners."""
    if sees_every_supplier(user):
        bookings = Booking.objects.all()
    else:
        bookings = bookings_for_partner_user(user=user).filter(partner__in=partners_of_user(user))
    return (
        bookings.exclude(status__in=[Booking.Status.HELD, Booking.Status.RELEASED])
        .select_related(
            "calendar", "product", "partner", "municipality", "buyer", "order_line__order__shipping_address"
        )
        .prefetch_related("sessions")
    )


def bookings_to_review(*, user) -> QuerySet[Booking]:
    """The manager's queue: confirmed bookings of suppliers that may no longer sell, to keep or
    cancel (soonest first). Nobody else has one."""
    if not sees_every_supplier(user):
        return Booking.objects.none()
    return (
        dashboard_bookings(user=user)
        .filter(status=Booking.Status.CONFIRMED, review_requested_at__isnull=False, reviewed_at__isnull=True)
        .order_by("starts_at", "pk")
    )


def bookings_inbox(*, user, now: datetime.datetime) -> dict[str, list[Booking]]:
    """The manager's review queue, pending (soonest deadline first), upcoming confirmed, and
    the latest of the rest."""
    bookings = dashboard_bookings(user=user)
    return {
        "to_review": list(bookings_to_review(user=user)),
        "pending": list(bookings.filter(status=Booking.Status.PENDING).order_by("respond_by", "starts_at")),
        "upcoming": list(
            bookings.filter(status=Booking.Status.CONFIRMED, ends_at__gte=now).order_by("starts_at")
        ),
        "history": list(
            bookings.exclude(status=Booking.Status.PENDING)
            .exclude(status=Booking.Status.CONFIRMED, ends_at__gte=now)
            .order_by("-starts_at")[:HISTORY_LIMIT]
        ),
    }


def buyer_contact(booking: Booking) -> dict:
    """Only what the supplier needs to deliver: name, place (home services), phone if given.

    Never the buyer's email, employer or other purchases (the order number only).
    """
    buyer = booking.buyer
    name = buyer.get_full_name() or buyer.first_name or ""
    phone = ""
    order = booking.order_line.order if booking.order_line_id else None
    if order is not None and order.shipping_address_id:
        phone = str(order.shipping_address.phone_number or "")
    return {
        "name": name,
        "municipality": booking.municipality.name if booking.is_home and booking.municipality_id else "",
        "address": booking.address if booking.is_home else "",
        "phone": phone,
        "order_number": order.number if order is not None else "",
    }


def bookings_between(*, calendar: ServiceCalendar, date_from: datetime.date, date_to: datetime.date):
    """Pending or confirmed bookings with a session on these local days (both included)."""
    zone = booking_zone()
    start = datetime.datetime.combine(date_from, datetime.time(0), tzinfo=zone)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone)
    return calendar.bookings.filter(
        status__in=[Booking.Status.PENDING, Booking.Status.CONFIRMED],
        sessions__start__lt=end,
        sessions__end__gt=start,
    ).distinct()


def week_slots(
    *, calendar: ServiceCalendar, date_from: datetime.date, date_to: datetime.date, now=None
) -> list[Slot]:
    """The slots buyers could book on these days, full ones included, with places taken.

    Unlike ``slots_available`` (the buyer's list) full slots stay, and an inactive calendar
    still shows what it would offer. A multi-session slot counts its busiest session.
    """
    slots = generate_slots(calendar=calendar, date_from=date_from, date_to=date_to, now=now)
    taken = places_taken(
        calendar=calendar, starts={start for slot in slots for start, _end in slot.sessions}, now=now
    )
    return [replace(slot, taken=max(taken.get(start, 0) for start, _end in slot.sessions)) for slot in slots]


@dataclass(frozen=True)
class Window:
    """An opening window: ``day`` is a weekday (0 = Monday) or a date."""

    day: int | datetime.date
    start: datetime.time
    end: datetime.time
    capacity: int | None = None


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def window_problem(*, start: datetime.time, end: datetime.time, slot_minutes: int | None) -> str | None:
    """Why a window cannot be opened (an Italian-ready sentence), or None."""
    if problem := period_problem(start, end, whole_days=False):
        return problem
    if slot_minutes and _minutes(end) - _minutes(start) < slot_minutes:
        return _("The window is shorter than one slot (%(minutes)s minutes).") % {"minutes": slot_minutes}
    return None


def overlapping(windows: list[Window]) -> list[tuple[Window, Window]]:
    """Pairs of windows on the same day that share some time (touching ends do not overlap)."""
    pairs = []
    ordered = sorted(windows, key=lambda w: (str(w.day), w.start))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.day == first.day and second.start < first.end:
                pairs.append((first, second))
    return pairs
