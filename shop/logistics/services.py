"""Writes of the logistics app: rounds, boxes, packing steps, refunds of missing items, deliveries.

Rules:

* an order with at least one line whose product class requires shipping gets one box in the
  round of its zone (the zone of its delivery municipality) for the first delivery day whose
  cut-off it meets (``rules.delivery_date_for``); a round past its cut-off takes no more boxes;
* a trainee packs one box at a time, one item at a time; every step can be undone until the
  box is closed;
* closing a box refunds every missing item to the buyer, line by line: the welfare credit the
  line took goes back to the wallets (``shop.welfare.services.credit_return_line``), the rest
  back to the other payment source, with an Oscar refund payment event and an order note;
  the buyer gets one email listing what was missing;
* a packed box is delivered or found "not at home" (with a note), and may be tried again.
"""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.core.compiled import CompiledOnce
from shop.core.public_holidays import is_public_holiday
from shop.core.roles import Role, grant_role
from shop.logistics.exceptions import LogisticsError, NoWorkSession, WrongState
from shop.logistics.models import Box, BoxItem, Round, TraineeCode, WorkSession, Zone
from shop.logistics.rules import delivery_date_for, round_cutoff
from shop.logistics.selectors import DELIVERED_LINES_SQL, order_delivery_municipality
from shop.welfare.services import order_line_refund

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")

ZERO = Decimal("0.00")
DELIVERED_EVENT_CODE = "consegnato"
DELIVERED_EVENT_NAME = "Consegnato"


# --- Rounds --------------------------------------------------------------------------------


def _round_for(*, zone: Zone, placed_at: datetime.datetime) -> Round:
    """The earliest round of ``zone`` whose cut-off ``placed_at`` has not passed (created if needed).

    A round is closed by its cut-off, not by its state: one the operator already closed or
    started packing still takes orders placed before its cut-off (the packing station picks up
    the new box). Delivery days that are public holidays are skipped.
    """
    days, hours = settings.SHOP_DELIVERY_DAYS, settings.SHOP_DELIVERY_CUTOFF_HOURS
    after = None
    while True:
        day = delivery_date_for(
            placed_at=placed_at, delivery_days=days, cutoff_hours=hours, after=after, closed=is_public_holiday
        )
        # Read locked (a new row is locked by its insert): one statement for a round that exists.
        round_, _created = Round.objects.select_for_update().get_or_create(
            zone=zone,
            delivery_date=day,
            defaults={"cutoff_at": round_cutoff(delivery_date=day, cutoff_hours=hours)},
        )
        if placed_at <= round_.cutoff_at:
            return round_
        # A round stored with an earlier cut-off than today's rule: the next delivery day.
        after = day


# Asked as each order is placed: compiled once (shop/core/compiled.py).
_ORDER_BOX_SQL = CompiledOnce(
    "order-box", lambda order_id: Box.objects.filter(order_id=order_id).order_by("pk")[:1]
)


_ZONE_SQL = CompiledOnce(
    "municipality-zone",
    lambda municipality_id: Zone.objects.filter(municipalities__pk=municipality_id).order_by("pk")[:1],
)


@transaction.atomic
def box_assign(*, order, placed_at: datetime.datetime | None = None) -> Box | None:
    """Put ``order`` in a round; None when it has no delivered goods or no zone serves its town.

    Idempotent: an order already in a box keeps it.
    """
    existing = _ORDER_BOX_SQL.first(order.pk)
    if existing is not None:
        return existing
    lines = list(DELIVERED_LINES_SQL.rows_of(order, type(order).lines.field, order.pk))
    if not lines:
        return None
    municipality = order_delivery_municipality(order=order)
    zone = _ZONE_SQL.first(municipality.pk) if municipality else None
    if zone is None:
        logger.warning("Order %s: no delivery zone serves %s", order.number, municipality)
        return None
    round_ = _round_for(zone=zone, placed_at=placed_at or order.date_placed)
    box = Box.objects.create(round=round_, order=order, municipality=municipality)
    BoxItem.objects.bulk_create(BoxItem(box=box, line=line) for line in lines)
    return box


@transaction.atomic
def rounds_close_due(*, now: datetime.datetime | None = None) -> int:
    """Close every open round whose cut-off has passed: it takes no more orders and can be packed."""
    return Round.objects.filter(status=Round.Status.OPEN, cutoff_at__lt=now or timezone.now()).update(
        status=Round.Status.CLOSED
    )


@transaction.atomic
def round_close(*, round: Round) -> Round:
    """Close a round before its cut-off (new orders go to the next delivery day)."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status != Round.Status.OPEN:
        raise WrongState(_("This round is already closed."))
    round.status = Round.Status.CLOSED
    round.save(update_fields=["status"])
    return round


def _round_follow_boxes(round_id: int) -> None:
    """Move a round on with its boxes: one taken → packing, all packed → ready, all tried → done."""
    round_ = Round.objects.select_for_update().get(pk=round_id)
    statuses = set(round_.boxes.values_list("status", flat=True))
    new = round_.status
    if statuses and statuses <= {Box.Status.DELIVERED, Box.Status.NOT_HOME}:
        new = Round.Status.DONE
    elif statuses and statuses <= {Box.Status.PACKED, Box.Status.DELIVERED, Box.Status.NOT_HOME}:
        new = Round.Status.PACKED
    elif statuses & {Box.Status.PACKING, Box.Status.PACKED}:
        new = Round.Status.PACKING
    if new != round_.status:
        round_.status = new
        round_.save(update_fields=["status"])


# --- Trainees and their work sessions ----------------------------------------------------


@transaction.atomic
def trainee_code_create(*, code: str) -> TraineeCode:
    """A trainee code with its own station login: no name, no email, no password to type."""
    code = code.strip().upper()
    if not code or TraineeCode.objects.filter(code=code).exists():
        raise LogisticsError(_("Choose a new, non-empty code."))
    User = get_user_model()
    user = User(username=f"sfa-{code.lower()}", is_active=True)
    user.set_unusable_password()
    user.save()
    grant_role(user, Role.SFA_TRAINEE)
    return TraineeCode.objects.create(code=code, user=user)


@transaction.atomic
def work_session_open(*, trainee: TraineeCode, by) -> WorkSession:
    """Start a session for ``trainee``; a session left open elsewhere is closed first."""
    if not trainee.is_active:
        raise LogisticsError(_("This trainee code is not active."))
    for session in WorkSession.objects.select_for_update().filter(trainee=trainee, ended_at=None):
        work_session_close(session=session)
    return WorkSession.objects.create(trainee=trainee, opened_by=by)


@transaction.atomic
def work_session_close(*, session: WorkSession) -> WorkSession:
    """End the session; a box left half-packed goes back to the queue with its steps kept."""
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
    for box in Box.objects.select_for_update().filter(session=session, status=Box.Status.PACKING):
        box.status, box.session = Box.Status.TO_PACK, None
        box.save(update_fields=["status", "session"])
    return session


def _require_open(session: WorkSession | None) -> WorkSession:
    if session is None or session.ended_at is not None:
        raise NoWorkSession()
    return session


# --- Packing -------------------------------------------------------------------------------


@transaction.atomic
def box_take_next(*, session: WorkSession) -> Box | None:
    """The box this session is packing, or the next one waiting (None: nothing left to pack).

    Boxes wait in rounds past their cut-off, earliest delivery day first. The row lock means
    two tablets never take the same box.
    """
    session = _require_open(session)
    current = Box.objects.filter(session=session, status=Box.Status.PACKING).first()
    if current is not None:
        return current
    box = (
        Box.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Box.Status.TO_PACK, round__status__in=[Round.Status.CLOSED, Round.Status.PACKING])
        .order_by("round__delivery_date", "round__zone__name", "pk")
        .first()
    )
    if box is None:
        return None
    box.status, box.session = Box.Status.PACKING, session
    box.save(update_fields=["status", "session"])
    _round_follow_boxes(box.round_id)
    return box


def _box_of_session(*, session: WorkSession, box_id: int) -> Box:
    session = _require_open(session)
    box = (
        Box.objects.select_for_update().filter(pk=box_id, session=session, status=Box.Status.PACKING).first()
    )
    if box is None:
        raise WrongState(_("This box is not yours to pack now."))
    return box


@transaction.atomic
def item_mark(*, session: WorkSession, item_id: int, status: str) -> BoxItem:
    """Record that an item was put in the box (DONE) or is not there (MISSING).

    A repeated tap on the same item (a double tap on a tablet) changes nothing.
    """
    if status not in (BoxItem.Status.DONE, BoxItem.Status.MISSING):
        raise WrongState()
    item = BoxItem.objects.select_related("box").filter(pk=item_id).first()
    if item is None:
        raise WrongState()
    _box_of_session(session=session, box_id=item.box_id)
    if item.status != BoxItem.Status.TO_DO:
        return item
    item.status, item.handled_by, item.handled_at = status, session.trainee, timezone.now()
    item.save(update_fields=["status", "handled_by", "handled_at"])
    return item


@transaction.atomic
def item_undo_last(*, session: WorkSession, box_id: int) -> BoxItem | None:
    """Put the last handled item of the box back to "to do" (None if nothing was done yet)."""
    box = _box_of_session(session=session, box_id=box_id)
    item = box.items.exclude(status=BoxItem.Status.TO_DO).order_by("-handled_at", "-pk").first()
    if item is None:
        return None
    item.status, item.handled_by, item.handled_at = BoxItem.Status.TO_DO, None, None
    item.save(update_fields=["status", "handled_by", "handled_at"])
    # A mistake corrected: counted per session for the inclusion figures.
    WorkSession.objects.filter(pk=session.pk).update(undo_count=F("undo_count") + 1)
    return item


@transaction.atomic
def box_finish(*, session: WorkSession, box_id: int, by=None) -> Box:
    """Close a box whose items are all handled; missing items are refunded and the buyer told."""
    box = _box_of_session(session=session, box_id=box_id)
    if box.items.filter(status=BoxItem.Status.TO_DO).exists():
        raise WrongState(_("Some items still have to be put in the box."))
    box.status, box.packed_at = Box.Status.PACKED, timezone.now()
    box.save(update_fields=["status", "packed_at"])
    missing = list(box.items.filter(status=BoxItem.Status.MISSING).select_related("line__order"))
    for item in missing:
        item.refunded_amount = item_refund_missing(item=item, by=by)
    if missing:
        _tell_buyer_missing(box=box, items=missing)
    _round_follow_boxes(box.round_id)
    return box


@transaction.atomic
def item_refund_missing(*, item: BoxItem, by=None) -> Decimal:
    """Refund a missing item's whole line: welfare credit to the wallets, the rest to the other source.

    Idempotent (the item remembers its refund). Returns the amount refunded.
    """
    item = BoxItem.objects.select_for_update().select_related("line__order").get(pk=item.pk)
    if item.refunded_amount is not None:
        return item.refunded_amount
    if item.status != BoxItem.Status.MISSING:
        raise WrongState()
    refund = order_line_refund(
        line=item.line, reference=f"logistica-mancante-{item.pk}", reason=_("Missing at packing"), by=by
    )
    item.refunded_amount = refund.amount
    item.save(update_fields=["refunded_amount"])
    return refund.amount


@transaction.atomic
def box_line_withdraw(*, line) -> bool:
    """Take a cancelled line out of its box while the box waits to be packed.

    A box with nothing left leaves its round. Once packing started the item stays (the
    station records it as missing); returns whether the line was taken out.
    """
    item = (
        BoxItem.objects.select_for_update()
        .filter(line=line, status=BoxItem.Status.TO_DO, box__status=Box.Status.TO_PACK)
        .select_related("box")
        .first()
    )
    if item is None:
        return False
    box = item.box
    item.delete()
    if not box.items.exists():
        round_id = box.round_id
        box.delete()
        _round_follow_boxes(round_id)
    return True


def _tell_buyer_missing(*, box: Box, items: list[BoxItem]) -> None:
    order = box.order
    email = order.email
    if not email:
        return
    context = {"order": order, "items": items, "total": sum((item.refunded_amount for item in items), ZERO)}
    subject = _("Your order %(number)s: some products were missing") % {"number": order.number}
    body = render_to_string("logistics/email/missing_items.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))


# --- Delivery ------------------------------------------------------------------------------

DELIVERED_STATUS = "Consegnato"
FINAL_LINE_STATUSES = {"Consegnato", "Annullato", "Rimborsato"}


def _advance(obj, target: str) -> None:
    """Walk ``obj`` (an order or a line) along the status pipeline to ``target`` if it can get there."""
    for _step in range(3):
        if obj.status == target:
            return
        available = obj.available_statuses()
        if target in available:
            obj.set_status(target)
        elif "Confermato" in available:
            obj.set_status("Confermato")  # confirmation spends the reserved credit
        else:
            return


def _order_follow_delivery(*, order, lines) -> None:
    """Delivered lines become "Consegnato"; the order too once none of its lines is still open.

    Lines delivered otherwise (booked services) keep their own status, and so does the order.
    """
    for line in lines:
        _advance(line, DELIVERED_STATUS)
    if all(status in FINAL_LINE_STATUSES for status in order.lines.values_list("status", flat=True)):
        _advance(order, DELIVERED_STATUS)


@transaction.atomic
def box_record_delivery(
    *, box: Box, delivered: bool, by, trainee: TraineeCode | None = None, note: str = ""
) -> Box:
    """Mark a packed box delivered, or not at home (then a note is required); retry allowed."""
    box = Box.objects.select_for_update().select_related("order").get(pk=box.pk)
    if box.status not in (Box.Status.PACKED, Box.Status.NOT_HOME):
        raise WrongState(_("Only a packed box can be delivered."))
    note = note.strip()
    if not delivered and not note:
        raise LogisticsError(_("Say why the box could not be delivered."))
    box.status = Box.Status.DELIVERED if delivered else Box.Status.NOT_HOME
    box.delivered_at, box.delivered_by, box.delivery_recorded_by = timezone.now(), trainee, by
    box.delivery_note = note
    box.save(
        update_fields=["status", "delivered_at", "delivered_by", "delivery_recorded_by", "delivery_note"]
    )
    handler = EventHandler(user=by)
    if delivered:
        lines = [item.line for item in box.items.filter(status=BoxItem.Status.DONE).select_related("line")]
        if lines:
            event_type, _created = ShippingEventType.objects.get_or_create(
                code=DELIVERED_EVENT_CODE, defaults={"name": DELIVERED_EVENT_NAME}
            )
            handler.create_shipping_event(
                box.order, event_type, lines, [line.quantity for line in lines], reference=_("Box delivered")
            )
            _order_follow_delivery(order=box.order, lines=lines)
    else:
        handler.create_note(box.order, _("Delivery attempted, nobody at home: %(note)s") % {"note": note})
    _round_follow_boxes(box.round_id)
    return box
