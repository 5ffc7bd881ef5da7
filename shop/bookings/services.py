"""Writes of bookings: hold, release, placement, the supplier's answer, cancellation.

Lifecycle: HELD (in the basket, until ``held_until``) → PENDING (ordered; the supplier answers
by ``respond_by``) → CONFIRMED, or REFUSED / EXPIRED (not answered in time) with a refund; the
buyer may cancel a PENDING or CONFIRMED booking within the calendar's terms (CANCELLED, with a
refund). A hold that lapses or whose basket line is removed becomes RELEASED.

A place is decided under the row locks of the slot counters of every session (taken in start
order, so two holds never deadlock); the places taken are recounted under the lock, so two
buyers never get the last place.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.bookings import notifications
from shop.bookings.exceptions import (
    AddressRequired,
    BookingError,
    HoldExpired,
    InvalidTransition,
    MunicipalityNotServed,
    NotAllowed,
    NotCancellable,
    NoticeTooShort,
    SlotFull,
    SlotUnavailable,
)
from shop.bookings.models import Booking, BookingSession, ServiceCalendar, SlotCounter
from shop.bookings.selectors import (
    booking_cancellable,
    booking_line_text,
    calendar_reaches,
    places_taken,
    reminder_horizon,
)
from shop.bookings.slots import bookable_window, booking_zone, generate_slots, opening_slots
from shop.charter.selectors import partner_sale_refusal
from shop.core.access import is_manager, partners_of_user

# What bookings tells the app that holds the money: a booking ended unserved (refused,
# cancelled, expired, its supplier stopped) and its order line is to be refunded to the
# sources that paid it and cancelled. Sent inside the transaction that closes the booking,
# with ``line``, ``reference``, ``reason`` and ``by``; shop.welfare refunds in it. A signal,
# because welfare sits below bookings (it reads needs, which reads bookings).
booking_refund_due = Signal()

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BOOKING_OPTION_CODE = "prenotazione"


def _reference() -> str:
    while True:
        reference = "P" + "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(7))
        if not Booking.objects.filter(reference=reference).exists():
            return reference


def _lock_slots(*, calendar: ServiceCalendar, starts) -> list[SlotCounter]:
    """Create the counters if missing, then lock them in start order."""
    starts = sorted(set(starts))
    SlotCounter.objects.bulk_create(
        [SlotCounter(calendar=calendar, start=start) for start in starts], ignore_conflicts=True
    )
    return list(
        SlotCounter.objects.select_for_update().filter(calendar=calendar, start__in=starts).order_by("start")
    )


def _recount(*, calendar: ServiceCalendar, starts, now=None) -> None:
    taken = places_taken(calendar=calendar, starts=starts, now=now)
    for start in set(starts):
        SlotCounter.objects.filter(calendar=calendar, start=start).update(taken=taken.get(start, 0))


def _slot_for(*, calendar: ServiceCalendar, start: datetime.datetime, now: datetime.datetime):
    """The bookable slot starting at ``start``, or the reason it is not bookable."""
    if start <= now:
        raise SlotUnavailable(_("This slot is in the past: please choose another one."))
    earliest, last_day = bookable_window(calendar=calendar, now=now)
    if start < earliest:
        raise NoticeTooShort(
            _("This service must be booked at least %(hours)s hours ahead.")
            % {"hours": calendar.min_notice_hours}
        )
    day = start.astimezone(booking_zone()).date()
    if day > last_day:
        raise SlotUnavailable(
            _("This service can be booked at most %(days)s days ahead.") % {"days": calendar.horizon_days}
        )
    for slot in generate_slots(calendar=calendar, date_from=day, date_to=day, now=now):
        if slot.start == start:
            return slot
    raise SlotUnavailable()


def _claim_places(*, calendar: ServiceCalendar, starts, capacity: int, now) -> None:
    """Lock the counters of ``starts`` and check a place is left in each; raises SlotFull."""
    _lock_slots(calendar=calendar, starts=starts)
    taken = places_taken(calendar=calendar, starts=starts, now=now)
    if any(taken.get(start, 0) >= capacity for start in starts):
        raise SlotFull()


def _hold_until(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(minutes=settings.SHOP_BOOKING_HOLD_MINUTES)


@transaction.atomic
def booking_hold(
    *,
    calendar: ServiceCalendar,
    buyer,
    start: datetime.datetime,
    municipality=None,
    address: str = "",
    basket_line=None,
) -> Booking:
    """Hold one place in the slot starting at ``start`` (and in each following session of a
    multi-session service) for ``SHOP_BOOKING_HOLD_MINUTES``.

    Refused: an inactive calendar, a past slot, one within the minimum notice or beyond the
    horizon, one not in the calendar (closed day, no opening), a full slot (any session), a
    home service without an address or in a municipality its supplier does not serve.
    """
    now = timezone.now()
    if not calendar.is_active:
        raise SlotUnavailable(_("This service cannot be booked at the moment."))
    address = (address or "").strip()
    if calendar.is_home:
        if not calendar_reaches(calendar=calendar, municipality=municipality):
            raise MunicipalityNotServed()
        if not address:
            raise AddressRequired()
    else:
        municipality, address = None, ""
    slot = _slot_for(calendar=calendar, start=start, now=now)
    starts = [session_start for session_start, _end in slot.sessions]
    _claim_places(calendar=calendar, starts=starts, capacity=slot.capacity, now=now)
    booking = Booking.objects.create(
        reference=_reference(),
        calendar=calendar,
        partner_id=calendar.partner_id,
        product_id=calendar.product_id,
        buyer=buyer,
        basket_line=basket_line,
        status=Booking.Status.HELD,
        held_until=_hold_until(now),
        municipality=municipality,
        address=address,
        starts_at=slot.sessions[0][0],
        ends_at=slot.sessions[-1][1],
    )
    BookingSession.objects.bulk_create(
        BookingSession(booking=booking, start=session_start, end=session_end)
        for session_start, session_end in slot.sessions
    )
    _recount(calendar=calendar, starts=starts, now=now)
    return booking


def _session_starts(booking: Booking) -> list[datetime.datetime]:
    return list(booking.sessions.values_list("start", flat=True))


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("calendar").get(pk=booking.pk)


@transaction.atomic
def booking_release(*, booking: Booking) -> Booking:
    """A held place goes back on sale (hold lapsed, basket line removed). Other statuses stay."""
    booking = _locked(booking)
    if booking.status != Booking.Status.HELD:
        return booking
    booking.status = Booking.Status.RELEASED
    booking.held_until = None
    booking.save(update_fields=["status", "held_until"])
    _recount(calendar=booking.calendar, starts=_session_starts(booking))
    return booking


def bookings_release_for_basket_line(*, line_id: int) -> int:
    """Release the holds of a basket line being removed."""
    held = Booking.objects.filter(basket_line_id=line_id, status=Booking.Status.HELD)
    released = 0
    for booking in held:
        booking_release(booking=booking)
        released += 1
    return released


def holds_release_expired(*, now: datetime.datetime | None = None) -> int:
    """Release every hold whose time ran out; the basket line stays, and checkout asks the buyer
    to book again if the place was taken meanwhile."""
    now = now or timezone.now()
    released = 0
    for booking in Booking.objects.filter(status=Booking.Status.HELD, held_until__lte=now).order_by("pk"):
        with transaction.atomic():
            booking = _locked(booking)
            if booking.status != Booking.Status.HELD or booking.held_until > now:
                continue
            booking.status = Booking.Status.RELEASED
            booking.held_until = None
            booking.save(update_fields=["status", "held_until"])
            _recount(calendar=booking.calendar, starts=_session_starts(booking), now=now)
            released += 1
    return released


@transaction.atomic
def booking_renew_hold(*, booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """Make sure a basket's booking still holds its place before checkout goes on.

    A hold still running is extended; a lapsed or released one is taken again if every session
    still has a place, otherwise HoldExpired tells the buyer to book another slot.
    """
    now = now or timezone.now()
    booking = _locked(booking)
    if booking.status not in (Booking.Status.HELD, Booking.Status.RELEASED):
        raise HoldExpired()
    if booking.status == Booking.Status.RELEASED or booking.held_until <= now:
        if booking.starts_at <= now + datetime.timedelta(hours=booking.calendar.min_notice_hours):
            raise HoldExpired()
        starts = _session_starts(booking)
        capacity = _capacity_of(booking=booking)
        try:
            _claim_places(calendar=booking.calendar, starts=starts, capacity=capacity, now=now)
        except SlotFull as exc:
            if booking.status == Booking.Status.HELD:
                booking.status = Booking.Status.RELEASED
                booking.held_until = None
                booking.save(update_fields=["status", "held_until"])
            raise HoldExpired(
                _(
                    "The hold on %(service)s, %(when)s, has lapsed and the slot is now full: "
                    "remove it from the basket and choose another slot."
                )
                % {"service": booking.product.get_title(), "when": notifications.when_text(booking)}
            ) from exc
    booking.status = Booking.Status.HELD
    booking.held_until = _hold_until(now)
    booking.save(update_fields=["status", "held_until"])
    _recount(calendar=booking.calendar, starts=_session_starts(booking), now=now)
    return booking


def _capacity_of(*, booking: Booking) -> int:
    """The fewest places of the booking's slots today (the supplier may have changed them)."""
    starts = _session_starts(booking)
    days = [start.astimezone(booking_zone()).date() for start in starts]
    openings = opening_slots(calendar=booking.calendar, date_from=min(days), date_to=max(days))
    capacities = [openings[start][2] for start in starts if start in openings]
    return min(capacities) if len(capacities) == len(starts) else 0


def _shipped(line) -> bool:
    product_class = line.product.get_product_class()  # read with the basket's lines
    return product_class is not None and product_class.requires_shipping


def bookings_check_basket(*, basket, now: datetime.datetime | None = None) -> list[Booking]:
    """Before checkout goes on: every line of a bookable service has its booking, of quantity
    one, whose hold is renewed (or taken again while the slot has a place).

    Raises HoldExpired (a lapsed hold whose place is gone) or BookingError.
    """
    lines = list(basket.all_lines())
    if all(_shipped(line) for line in lines):
        return []  # goods are shipped, never booked: no query at each checkout step
    booked = {
        booking.basket_line_id: booking
        for booking in Booking.objects.filter(basket_line__basket=basket).select_related(
            "calendar", "product"
        )
    }
    bookable = set(
        ServiceCalendar.objects.filter(
            product_id__in=[line.product_id for line in lines], is_active=True
        ).values_list("product_id", flat=True)
    )
    renewed = []
    for line in lines:
        booking = booked.get(line.pk)
        if booking is None:
            if line.product_id in bookable:
                raise BookingError(
                    _(
                        "Choose a date and time for %(service)s: remove it from the basket "
                        "and book it from its page."
                    )
                    % {"service": line.product.get_title()}
                )
            continue
        if line.quantity != 1:
            raise BookingError(
                _("A booked service is one line per booking: set the quantity of %(service)s to 1.")
                % {"service": booking.product.get_title()}
            )
        renewed.append(booking_renew_hold(booking=booking, now=now))
    return renewed


def _booking_reference_of(order_line) -> str | None:
    for attribute in order_line.attributes.all():
        if attribute.type == BOOKING_OPTION_CODE and isinstance(attribute.value, str):
            return attribute.value.split(" ", 1)[0]
    return None


def bookings_place_for_order(*, order) -> list[Booking]:
    """Turn the holds of a just-placed order into bookings waiting for the supplier.

    Each booked line carries its booking's reference as a line option. The supplier must
    answer within the calendar's ``confirm_within_hours`` (or SHOP_BOOKING_CONFIRM_HOURS), and
    at the latest by the start of the first session. An order that books nothing opens no
    transaction (its lines and options are already in memory when it has just been placed).
    """
    prefetch_related_objects([order], "lines__attributes")  # none to read when just placed
    booked = [(line, reference) for line in order.lines.all() if (reference := _booking_reference_of(line))]
    if not booked:
        return []
    return _bookings_place(order=order, booked=booked)


@transaction.atomic
def _bookings_place(*, order, booked) -> list[Booking]:
    now = timezone.now()
    placed = []
    for line, reference in booked:
        booking = Booking.objects.filter(reference=reference, buyer_id=order.user_id).first()
        if booking is None:
            raise HoldExpired(_("The booking of %(service)s was not found.") % {"service": line.title})
        if booking.status != Booking.Status.HELD or booking.held_until <= now:
            booking = booking_renew_hold(booking=booking, now=now)
        booking = _locked(booking)
        hours = booking.calendar.confirm_within_hours or settings.SHOP_BOOKING_CONFIRM_HOURS
        booking.status = Booking.Status.PENDING
        booking.order_line = line
        booking.held_until = None
        booking.respond_by = min(now + datetime.timedelta(hours=hours), booking.starts_at)
        booking.save(update_fields=["status", "order_line", "held_until", "respond_by"])
        placed.append(booking)
    for booking in placed:
        transaction.on_commit(lambda booking=booking: notifications.supplier_new_booking(booking=booking))
    return placed


def _may_answer(*, booking: Booking, user) -> bool:
    if user.is_staff:
        return True
    return partners_of_user(user).filter(pk=booking.partner_id).exists()


def _answerable(booking: Booking, *, by, now) -> Booking:
    if not _may_answer(booking=booking, user=by):
        raise NotAllowed()
    booking = _locked(booking)
    if booking.status != Booking.Status.PENDING:
        raise InvalidTransition(_("This booking was already answered or cancelled."))
    if booking.respond_by and booking.respond_by < now:
        raise InvalidTransition(_("The time to answer this booking is over."))
    return booking


LINE_CONFIRMED_STATUS = "Confermato"


@transaction.atomic
def booking_confirm(*, booking: Booking, by) -> Booking:
    """The supplier (a user of the booking's partner, or staff) confirms a pending booking; the
    buyer gets the confirmation email with the calendar file. A supplier that may not sell
    (suspended, charter not signed) confirms nothing: its pending bookings are being refused."""
    now = timezone.now()
    booking = _answerable(booking, by=by, now=now)
    refusal = partner_sale_refusal(booking.partner)
    if refusal:
        raise InvalidTransition(
            _("This booking cannot be confirmed: the supplier may not sell (%(reason)s).")
            % {"reason": refusal}
        )
    booking.status = Booking.Status.CONFIRMED
    booking.answered_at = now
    booking.answered_by = by
    booking.save(update_fields=["status", "answered_at", "answered_by"])
    line = booking.order_line
    if line is not None and LINE_CONFIRMED_STATUS in line.available_statuses():
        line.set_status(LINE_CONFIRMED_STATUS)
    transaction.on_commit(lambda: notifications.buyer_confirmed(booking=booking))
    return booking


def _refund(*, booking: Booking, reason: str, by=None) -> None:
    """Give back what the order line took, to the sources that paid it, and cancel the line
    (welfare does it, on ``booking_refund_due``, in this transaction)."""
    _recount(calendar=booking.calendar, starts=_session_starts(booking))
    if booking.order_line is None:
        return
    responses = booking_refund_due.send(
        sender=Booking,
        line=booking.order_line,
        reference=f"booking:{booking.reference}",
        reason=reason,
        by=by,
    )
    if not responses:  # a refund nobody makes must not pass for one
        raise RuntimeError("booking_refund_due has no receiver: shop.welfare is not ready")
    order = booking.order_line.order
    cancelled = "Annullato"
    if not order.lines.exclude(status=cancelled).exists() and cancelled in order.available_statuses():
        order.set_status(cancelled)


def _close_with_refund(*, booking: Booking, status: str, reason: str, notify, by=None, **fields) -> Booking:
    """End a booking in ``status`` (with ``fields``), refund its line, tell the buyer on commit."""
    booking.status = status
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", *fields])
    _refund(booking=booking, reason=reason % {"reference": booking.reference}, by=by)
    transaction.on_commit(lambda: notify(booking=booking))
    return booking


def _close_if_pending(booking: Booking, **close) -> bool:
    """Lock ``booking`` and, if it still waits for the supplier, close it with a refund
    (``_close_with_refund``'s arguments); False when someone answered it meanwhile."""
    booking = _locked(booking)
    if booking.status != Booking.Status.PENDING:
        return False
    _close_with_refund(booking=booking, **close)
    return True


@transaction.atomic
def booking_refuse(*, booking: Booking, by, note: str = "") -> Booking:
    """The supplier refuses a pending booking: the place is freed, the line refunded and
    cancelled, the buyer told (with the supplier's note)."""
    now = timezone.now()
    booking = _answerable(booking, by=by, now=now)
    return _close_with_refund(
        booking=booking,
        status=Booking.Status.REFUSED,
        reason=_("Booking %(reference)s refused by the supplier"),
        notify=notifications.buyer_refused,
        by=by,
        answered_at=now,
        answered_by=by,
        supplier_note=(note or "").strip(),
    )


def bookings_expire_unanswered(*, now: datetime.datetime | None = None) -> int:
    """Bookings the supplier did not answer by ``respond_by`` expire, with a refund."""
    now = now or timezone.now()
    expired = 0
    due = Booking.objects.filter(status=Booking.Status.PENDING, respond_by__lt=now).order_by("pk")
    for booking in due:
        with transaction.atomic():
            expired += _close_if_pending(
                booking,
                status=Booking.Status.EXPIRED,
                reason=_("Booking %(reference)s not answered in time"),
                notify=notifications.buyer_expired,
                answered_at=now,
            )
    return expired


@transaction.atomic
def booking_cancel(*, booking: Booking, by) -> Booking:
    """The buyer cancels a pending or confirmed booking, only up to ``cancel_free_hours`` before
    the first session; the line is refunded and cancelled."""
    now = timezone.now()
    if by is None or booking.buyer_id != by.pk:
        raise NotAllowed()
    booking = _locked(booking)
    if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED):
        raise InvalidTransition(_("This booking is not active any more."))
    if not booking_cancellable(booking=booking, now=now):
        raise NotCancellable(
            _(
                "This booking can be cancelled free of charge only up to %(hours)s hours before it "
                "starts: that time is over."
            )
            % {"hours": booking.calendar.cancel_free_hours}
        )
    return _close_with_refund(
        booking=booking,
        status=Booking.Status.CANCELLED,
        reason=_("Booking %(reference)s cancelled by the buyer"),
        notify=notifications.buyer_cancelled,
        by=by,
        cancelled_at=now,
    )


def bookings_supplier_stopped(*, partner, reason: str) -> tuple[int, int]:
    """A supplier that may no longer sell (``shop.charter.services.sale_stopped``).

    Its pending bookings are refused at once, each order line refunded in full to the sources
    that paid it, and the buyer told by email. Its confirmed bookings with sessions still to
    come go to the manager's review (the bookings inbox), who keeps or cancels each one
    (``booking_review``): a booking already under way may be better kept. Returns (refused,
    sent to review). Runs in the transaction that stops the sale.
    """
    now = timezone.now()
    refused = 0
    for booking in Booking.objects.filter(partner=partner, status=Booking.Status.PENDING).order_by("pk"):
        refused += _close_if_pending(
            booking,
            status=Booking.Status.REFUSED,
            reason=_("Booking %(reference)s refused: the supplier may no longer sell"),
            notify=notifications.buyer_withdrawn,
            answered_at=now,
            supplier_note=_("The supplier may no longer sell in the shop (%(reason)s).") % {"reason": reason},
        )
    queued = Booking.objects.filter(
        partner=partner,
        status=Booking.Status.CONFIRMED,
        ends_at__gt=now,
        review_requested_at__isnull=True,
    ).update(review_requested_at=now, reviewed_at=None, reviewed_by=None)
    return refused, queued


@transaction.atomic
def booking_review(*, booking: Booking, by, keep: bool) -> Booking:
    """The manager keeps or cancels a confirmed booking of a supplier that may no longer sell.

    Cancelling refunds the order line in full and tells the buyer why; keeping lets the
    sessions take place as booked. Either way the booking leaves the review queue.
    """
    if not is_manager(by):
        raise NotAllowed()
    booking = _locked(booking)
    if booking.review_requested_at is None or booking.reviewed_at is not None:
        raise InvalidTransition(_("This booking is not waiting for a review."))
    now = timezone.now()
    if keep or booking.status != Booking.Status.CONFIRMED:
        booking.reviewed_at = now
        booking.reviewed_by = by
        booking.save(update_fields=["reviewed_at", "reviewed_by"])
        return booking
    return _close_with_refund(
        booking=booking,
        status=Booking.Status.CANCELLED,
        reason=_("Booking %(reference)s cancelled by the manager: the supplier may no longer sell"),
        notify=notifications.buyer_withdrawn,
        by=by,
        cancelled_at=now,
        reviewed_at=now,
        reviewed_by=by,
        supplier_note=_("The supplier may no longer sell in the shop: the manager cancelled the booking."),
    )


def bookings_remind(*, now: datetime.datetime | None = None) -> int:
    """Send the reminder of every confirmed booking starting before ``reminder_horizon``, once
    (``reminded_at``); nothing on an Italian public holiday."""
    now = now or timezone.now()
    limit = reminder_horizon(now)
    if limit is None:
        return 0
    sent = 0
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=limit
    )
    for booking in due.order_by("pk"):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now)
            if not updated:
                continue
            notifications.buyer_reminder(booking=booking)
            sent += 1
    return sent


def _booking_option():
    Option = get_model("catalogue", "Option")
    option, _created = Option._default_manager.get_or_create(
        code=BOOKING_OPTION_CODE, defaults={"name": "Prenotazione", "type": Option.TEXT, "required": False}
    )
    return option


@transaction.atomic
def booking_add_to_basket(
    *,
    basket,
    calendar: ServiceCalendar,
    buyer,
    start: datetime.datetime,
    municipality=None,
    address: str = "",
) -> Booking:
    """Hold the slot and add the service to ``basket`` as its own line (the booking's reference
    is a line option, so two bookings of one service never merge into one line)."""
    booking = booking_hold(
        calendar=calendar, buyer=buyer, start=start, municipality=municipality, address=address
    )
    line, _created = basket.add_product(
        calendar.product, 1, options=[{"option": _booking_option(), "value": booking_line_text(booking)}]
    )
    booking.basket_line = line
    booking.save(update_fields=["basket_line"])
    return booking
