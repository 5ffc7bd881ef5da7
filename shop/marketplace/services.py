"""Writes on a shared order's lines: each supplier acts on its own lines only.

* confirm a line ("Confermato"); then mark it ready for the SFA round (a line carried in a
  box) or shipped (a line the supplier delivers itself): a shipping event on that line;
* cancel a line with a reason: the line is refunded by ``shop.welfare.services.order_line_refund`` (its credit
  part to the wallets, the rest to the other payment source), leaves its box while the box
  waits to be packed (once packing started, the SFA operator records it as missing instead),
  and the order's status follows its lines;
* the manager's administrators may do all of it on any line, and cancel a whole order (every
  line still open); a supplier never changes the order's status, address or payments.

The order's status is derived, never chosen by a supplier: every line cancelled →
"Annullato", some → "Parzialmente annullato".
"""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.logistics.selectors import line_box_packing_started, lines_in_sfa_boxes
from shop.logistics.services import box_line_withdraw
from shop.marketplace.exceptions import MarketplaceError, NotYourLine, WrongLineState
from shop.marketplace.selectors import lines_delivered_by_supplier, order_lines_visible_to
from shop.welfare.selectors import LineRefund, line_is_refunded
from shop.welfare.services import CANCELLED_LINE_STATUS, order_line_refund

Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")

CONFIRMED = "Confermato"
CANCELLED = CANCELLED_LINE_STATUS
PARTLY_CANCELLED = "Parzialmente annullato"
READY_EVENT = ("pronto-giro-sfa", "Pronto per il giro SFA")
SHIPPED_EVENT = ("spedito", "Spedito dal fornitore")


def _own_line(*, user, line) -> Line:
    """The line, locked, if ``user`` may act on it."""
    if not order_lines_visible_to(user=user, order=line.order).filter(pk=line.pk).exists():
        raise NotYourLine()
    return Line._default_manager.select_for_update().select_related("order").get(pk=line.pk)


def _shipping_event(*, line, by, code_name: tuple[str, str], reference: str):
    event_type, _created = ShippingEventType._default_manager.get_or_create(
        code=code_name[0], defaults={"name": code_name[1]}
    )
    return EventHandler(user=by).create_shipping_event(
        line.order, event_type, [line], [line.quantity], reference=reference
    )


@transaction.atomic
def line_confirm(*, line, by) -> Line:
    line = _own_line(user=by, line=line)
    if CONFIRMED not in line.available_statuses():
        raise WrongLineState()
    line.set_status(CONFIRMED)
    return line


@transaction.atomic
def line_mark_ready(*, line, by):
    """A confirmed line carried by the SFA round is ready to be collected for its box."""
    line = _own_line(user=by, line=line)
    if line.status != CONFIRMED:
        raise WrongLineState(_("Confirm the line first."))
    if line.pk not in lines_in_sfa_boxes(lines=[line]):
        raise WrongLineState(_("The SFA round does not deliver this line: mark it shipped instead."))
    return _shipping_event(line=line, by=by, code_name=READY_EVENT, reference=_("Ready for the SFA round"))


@transaction.atomic
def line_mark_shipped(*, line, by):
    """A confirmed line the supplier delivers itself has left for the buyer."""
    line = _own_line(user=by, line=line)
    if line.status != CONFIRMED:
        raise WrongLineState(_("Confirm the line first."))
    if not lines_delivered_by_supplier(order=line.order, lines=[line]):
        raise WrongLineState(_("You do not deliver this line yourself."))
    return _shipping_event(line=line, by=by, code_name=SHIPPED_EVENT, reference=_("Shipped by the supplier"))


@transaction.atomic
def line_cancel(*, line, by, reason: str) -> LineRefund:
    """Cancel one line and refund exactly that line (see ``shop.welfare.services.order_line_refund``)."""
    line = _own_line(user=by, line=line)
    reason = (reason or "").strip()
    if not reason:
        raise MarketplaceError(_("Say why the line is cancelled."))
    if CANCELLED not in line.available_statuses():
        raise WrongLineState(_("This line can no longer be cancelled."))
    if line_box_packing_started(line=line):
        raise WrongLineState(
            _("The SFA round is already packing this box: ask the SFA operator to leave it out.")
        )
    return order_line_refund(
        line=line,
        reference=f"annullo-l{line.pk}",
        reason=_("Line cancelled (%(reason)s)") % {"reason": reason},
        by=by,
    )


@transaction.atomic
def order_cancel(*, order, by, reason: str) -> list[LineRefund]:
    """The manager cancels every line still open; the order's status follows."""
    refunds = []
    for line in order.lines.order_by("pk"):
        if CANCELLED in line.available_statuses():
            refunds.append(line_cancel(line=line, by=by, reason=reason))
    if not refunds:
        raise WrongLineState(_("No line of this order can still be cancelled."))
    return refunds


def order_follow_lines(*, order) -> str:
    """Set the order's status from its lines: all cancelled, or some; otherwise leave it."""
    statuses = list(order.lines.values_list("status", flat=True))
    cancelled = sum(status == CANCELLED for status in statuses)
    if not cancelled:
        return order.status
    target = CANCELLED if cancelled == len(statuses) else PARTLY_CANCELLED
    if target != order.status and target in order.available_statuses():
        order.set_status(target)
    return order.status


@transaction.atomic
def line_after_cancel(*, line) -> None:
    """Whatever cancelled the line: refund it if nothing did yet, take it out of its box, and
    let the order follow."""
    if not line_is_refunded(line=line):
        order_line_refund(line=line, reference=f"annullo-l{line.pk}", reason=_("Line cancelled"))
    box_line_withdraw(line=line)
    order_follow_lines(order=line.order)


@transaction.atomic
def order_after_cancel(*, order) -> None:
    """An order set to "Annullato" cascades to its lines without their signals: refund them."""
    for line in order.lines.filter(status=CANCELLED).order_by("pk"):
        if not line_is_refunded(line=line):
            order_line_refund(line=line, reference=f"annullo-l{line.pk}", reason=_("Order cancelled"))
        box_line_withdraw(line=line)
