"""Refund one order line to the sources that paid it: one function for every reason.

Used when a packed item is missing (``shop.logistics``), when a booking is refused, not
answered in time or cancelled by the buyer (``shop.bookings``), and when a supplier or the
manager cancels a line (``shop.marketplace``).

The split rule for an order paid partly with welfare credit and partly otherwise (at the
door, by POS or cash):

* a line's **credit part** is what checkout reserved on that line in the ledger (the
  per-line allocation made when the order was placed, one RESERVE per line and wallet);
* its **other part** is the line's price (VAT and discounts included) minus its credit part;
* refunding the line gives the credit part back to the wallets it came from (a release while
  the reservation is open, a refund once spent: ``credit_return_line``) and records it on the
  order's welfare-credit payment source; the other part is refunded on the order's other
  sources, oldest first, never more than each still holds; shipping and surcharges belong to
  no line and are never part of a line refund;
* a line is refunded once: a second call, whatever its reference, writes nothing and returns
  the same figures. Credit already returned by a status change (Oscar's signals) still
  counts as the line's credit part, so the other source is never refunded the credit's share.

An Oscar refund payment event, the line status "Annullato" and an order note record it.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.welfare.checkout import is_credit_source
from shop.welfare.models import LedgerEntry
from shop.welfare.services import credit_return_line

logger = logging.getLogger(__name__)

PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Source = get_model("payment", "Source")
EventHandler = get_class("order.processing", "EventHandler")

ZERO = Decimal("0.00")
REFUND_EVENT_CODE = "rimborso"
REFUND_EVENT_NAME = "Rimborso"
CANCELLED_LINE_STATUS = "Annullato"


@dataclass(frozen=True)
class LineRefund:
    amount: Decimal  # the whole line, VAT included
    credit: Decimal  # of which back to the welfare wallets
    rest: Decimal  # of which back to the other payment source


def line_refund_split(*, line) -> LineRefund:
    """The line's price split into its credit part and its other part (the rule above)."""
    amount = line.line_price_incl_tax
    reserved = LedgerEntry.objects.filter(order_line=line, kind=LedgerEntry.Kind.RESERVE).aggregate(
        total=Sum("held")
    )["total"]
    credit = min(Decimal(reserved or ZERO).quantize(Decimal("0.01")), amount)
    return LineRefund(amount=amount, credit=credit, rest=amount - credit)


def line_is_refunded(*, line) -> bool:
    """Whether refund payment events already cover every unit of the line."""
    units = PaymentEventQuantity.objects.filter(
        line=line, event__event_type__code__in=settings.SHOP_WELFARE_REFUND_EVENT_CODES
    ).aggregate(units=Sum("quantity"))["units"]
    return (units or 0) >= line.quantity


def _sources_refund(*, sources, amount: Decimal, reference: str, order) -> None:
    """Refund ``amount`` on ``sources`` oldest first, each at most what it still holds."""
    left = amount
    for source in sources:
        room = source.amount_allocated - source.amount_refunded
        part = min(left, room)
        if part > 0:
            source.refund(part, reference=reference)
            left -= part
        if left <= 0:
            return
    if left > 0:
        logger.warning("Order %s: %s € of a line refund found no payment source", order.number, left)


@transaction.atomic
def order_line_refund(*, line, reference: str, reason: str, by=None) -> LineRefund:
    """Give back everything ``line`` took, to the sources that paid it, and cancel the line.

    ``reference`` names the refund in the ledger, the payment sources and the event;
    ``reason`` is the translated sentence written in the ledger and the note. Idempotent per
    line (see the module's rule).
    """
    order = line.order
    split = line_refund_split(line=line)
    if line_is_refunded(line=line):
        return split
    credit_return_line(line=line, reference=reference, by=by, note=reason)
    sources = list(
        Source.objects.select_for_update().filter(order=order).select_related("source_type").order_by("pk")
    )
    credit_sources = [s for s in sources if is_credit_source(s)]
    other_sources = [s for s in sources if not is_credit_source(s)]
    _sources_refund(sources=credit_sources, amount=split.credit, reference=reference, order=order)
    _sources_refund(sources=other_sources, amount=split.rest, reference=reference, order=order)
    handler = EventHandler(user=by)
    event_type, _created = PaymentEventType.objects.get_or_create(
        code=REFUND_EVENT_CODE, defaults={"name": REFUND_EVENT_NAME}
    )
    # The order fork returns credit on refund events too; it finds the line already returned.
    handler.handle_payment_event(
        order, event_type, split.amount, lines=[line], line_quantities=[line.quantity], reference=reference
    )
    if CANCELLED_LINE_STATUS in line.available_statuses():
        line.set_status(CANCELLED_LINE_STATUS)
    handler.create_note(
        order,
        _(
            "%(reason)s: %(title)s × %(quantity)s. Refunded %(amount)s € "
            "(welfare credit %(credit)s €, other payment %(rest)s €)."
        )
        % {
            "reason": reason,
            "title": line.title,
            "quantity": line.quantity,
            "amount": split.amount,
            "credit": split.credit,
            "rest": split.rest,
        },
    )
    return split
