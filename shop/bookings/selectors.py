"""Reads of calendars and bookings, one selector per role.

Buyers see their own bookings, supplier users those of their partners, staff all of them.
"""

import datetime
from dataclasses import replace

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shop.bookings import notifications
from shop.bookings.models import Booking, BookingSession, ServiceCalendar
from shop.bookings.slots import Slot, booking_zone, generate_slots
from shop.charter.selectors import sellable_partner_ids
from shop.core.access import partners_of_user
from shop.core.compiled import CompiledOnce
from shop.core.public_holidays import is_public_holiday
from shop.km0.selectors import partner_reaches


def taking_places(*, now: datetime.datetime | None = None) -> Q:
    """Bookings that occupy a place: ordered or confirmed, or held and not yet lapsed."""
    now = now or timezone.now()
    return Q(status__in=[Booking.Status.PENDING, Booking.Status.CONFIRMED]) | Q(
        status=Booking.Status.HELD, held_until__gt=now
    )


def places_taken(*, calendar: ServiceCalendar, starts, now: datetime.datetime | None = None) -> dict:
    """{start: places taken} for the given slot starts of a calendar."""
    starts = list(starts)
    if not starts:
        return {}
    bookings = Booking.objects.filter(taking_places(now=now), calendar=calendar)
    rows = (
        BookingSession.objects.filter(booking__in=bookings, start__in=starts)
        .order_by()
        .values("start")
        .annotate(taken=Count("pk"))
    )
    return {row["start"]: row["taken"] for row in rows}


def slots_available(
    *, calendar: ServiceCalendar, date_from: datetime.date, date_to: datetime.date, now=None
) -> list[Slot]:
    """Slots a buyer may book between two local dates, with their remaining places (> 0).

    A multi-session slot has the fewest remaining places of its sessions.
    """
    now = now or timezone.now()
    if not calendar.is_active:
        return []
    slots = generate_slots(calendar=calendar, date_from=date_from, date_to=date_to, now=now)
    taken = places_taken(
        calendar=calendar, starts={start for slot in slots for start, _end in slot.sessions}, now=now
    )
    available = []
    for slot in slots:
        busiest = max(taken.get(start, 0) for start, _end in slot.sessions)
        slot = replace(slot, taken=busiest)
        if slot.remaining > 0:
            available.append(slot)
    return available


def calendar_reaches(*, calendar: ServiceCalendar, municipality) -> bool:
    """A home service reaches the municipalities its supplier serves; a seat service anyone."""
    if not calendar.is_home:
        return True
    if municipality is None:
        return False
    return partner_reaches(partner=calendar.partner, municipality=municipality)


def calendars_bookable() -> QuerySet[ServiceCalendar]:
    return ServiceCalendar.objects.filter(
        is_active=True, product__is_public=True, partner_id__in=sellable_partner_ids()
    ).select_related("partner", "product", "stockrecord")


def calendar_for_product(*, product) -> ServiceCalendar | None:
    return calendars_bookable().filter(product=product).first()


def earliest_slot(
    *,
    product=None,
    calendar: ServiceCalendar | None = None,
    municipality=None,
    within_hours: int = 48,
    now: datetime.datetime | None = None,
) -> tuple[ServiceCalendar, Slot] | None:
    """The first slot with a free place starting within ``within_hours`` that reaches
    ``municipality`` (home services must serve it), for the emergency flow; None if none.

    Given a product, every bookable calendar of that product is considered.
    """
    now = now or timezone.now()
    if calendar is not None:
        calendars = [calendar]
    else:
        calendars = list(calendars_bookable().filter(product=product))
    limit = now + datetime.timedelta(hours=within_hours)
    today = now.astimezone(booking_zone()).date()
    last_day = limit.astimezone(booking_zone()).date()
    best = None
    for candidate in calendars:
        if not calendar_reaches(calendar=candidate, municipality=municipality):
            continue
        for slot in slots_available(calendar=candidate, date_from=today, date_to=last_day, now=now):
            if slot.start > limit:
                break
            if best is None or slot.start < best[1].start:
                best = (candidate, slot)
            break
    return best


def _with_relations(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related(
        "calendar", "partner", "product", "municipality", "order_line__order"
    ).prefetch_related("sessions")


def bookings_of_order(*, order) -> QuerySet[Booking]:
    """The bookings an order placed, oldest first, with their calendars (asked as each order is
    placed: read with SQL compiled once)."""
    return _ORDER_BOOKINGS_SQL.queryset(order.pk)


_ORDER_BOOKINGS_SQL = CompiledOnce(
    "order-bookings",
    lambda order_id: (
        Booking.objects.filter(order_line__order_id=order_id).select_related("calendar").order_by("pk")
    ),
)


def bookings_for_buyer(*, user) -> QuerySet[Booking]:
    """The buyer's own bookings past the basket (held and released ones are basket business)."""
    if not user.is_authenticated:
        return Booking.objects.none()
    return _with_relations(
        Booking.objects.filter(buyer=user).exclude(status__in=[Booking.Status.HELD, Booking.Status.RELEASED])
    )


def bookings_for_partner_user(*, user) -> QuerySet[Booking]:
    """Ordered bookings of the partners ``user`` belongs to; all of them for staff."""
    if not user.is_authenticated:
        return Booking.objects.none()
    bookings = Booking.objects.exclude(status__in=[Booking.Status.HELD, Booking.Status.RELEASED])
    if not user.is_staff:
        bookings = bookings.filter(partner__in=partners_of_user(user))
    return _with_relations(bookings.select_related("buyer"))


def bookings_upcoming_and_past(*, user, now: datetime.datetime | None = None) -> tuple[list, list]:
    now = now or timezone.now()
    bookings = list(bookings_for_buyer(user=user))
    upcoming = [b for b in bookings if b.ends_at >= now]
    past = sorted((b for b in bookings if b.ends_at < now), key=lambda b: b.starts_at, reverse=True)
    return upcoming, past


def booking_cancellable(*, booking: Booking, now: datetime.datetime | None = None) -> bool:
    """Within the terms: not yet answered negatively, and more than ``cancel_free_hours`` before
    the first session."""
    now = now or timezone.now()
    if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED):
        return False
    return now <= booking.starts_at - datetime.timedelta(hours=booking.calendar.cancel_free_hours)


def reminder_horizon(now: datetime.datetime) -> datetime.datetime | None:
    """Until when the reminders sent at ``now`` reach: SHOP_BOOKING_REMIND_HOURS ahead, plus one
    day for each public holiday that follows today, so a booking of the day after Christmas's
    holidays is reminded on the 24th. None on a public holiday itself: no reminder is sent then.
    """
    today = timezone.localdate(now)
    if is_public_holiday(today):
        return None
    holidays_ahead = 0
    while is_public_holiday(today + datetime.timedelta(days=holidays_ahead + 1)):
        holidays_ahead += 1
    return now + datetime.timedelta(hours=settings.SHOP_BOOKING_REMIND_HOURS, days=holidays_ahead)


def booking_line_text(booking: Booking) -> str:
    """The line option's value: the reference, then every session's date and time, so the
    basket, checkout, order and emails list the dates of the line."""
    sessions = [notifications.session_text(s.start, s.end) for s in booking.sessions.all()]
    return f"{booking.reference} · " + "; ".join(sessions)
