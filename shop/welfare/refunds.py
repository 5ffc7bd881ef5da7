"""Refund one order line to the sources that paid it: one function for every reason.

Used when a packed item is missing (``shop.logistics``) and when a booking is refused, not
answered in time or cancelled by the buyer (``shop.bookings``). The welfare credit the line
took goes back to the wallets (a release of a reservation, or a refund of spent credit), the
rest back to the other payment source; an Oscar refund payment event, the line status
"Annullato" and an order note record it.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.welfare.checkout import CREDIT_SOURCE_NAME
from shop.welfare.services import credit_return_line

logger = logging.getLogger(__name__)

PaymentEventType = get_model("order", "PaymentEventType")
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


def _source_refund(*, order, amount: Decimal, credit: bool, reference: str) -> None:
    if amount <= 0:
        return
    sources = list(order.sources.select_related("source_type").order_by("pk"))
    matching = [s for s in sources if (s.source_type.name == CREDIT_SOURCE_NAME) == credit]
    if not matching:
        logger.warning(
            "Order %s: no %s source to refund %s on", order.number, "credit" if credit else "other", amount
        )
        return
    matching[0].refund(amount, reference=reference)


@transaction.atomic
def order_line_refund(*, line, reference: str, reason: str, by=None) -> LineRefund:
    """Give back everything ``line`` took, to the sources that paid it, and cancel the line.

    ``reference`` must be unique per refund (it keys the ledger entries, so a retry writes
    nothing twice); ``reason`` is the translated sentence written in the ledger and the note.
    """
    order = line.order
    amount = line.line_price_incl_tax
    entries = credit_return_line(line=line, reference=reference, by=by, note=reason)
    # A release gives back a reservation (held < 0), a refund a spent amount (amount > 0).
    credit = sum((entry.amount if entry.amount > 0 else -entry.held for entry in entries), ZERO)
    rest = amount - credit
    _source_refund(order=order, amount=credit, credit=True, reference=reference)
    _source_refund(order=order, amount=rest, credit=False, reference=reference)
    handler = EventHandler(user=by)
    event_type, _created = PaymentEventType.objects.get_or_create(
        code=REFUND_EVENT_CODE, defaults={"name": REFUND_EVENT_NAME}
    )
    # The order fork returns credit on refund events too; it finds the line already returned.
    handler.handle_payment_event(
        order, event_type, amount, lines=[line], line_quantities=[line.quantity], reference=reference
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
            "amount": amount,
            "credit": credit,
            "rest": rest,
        },
    )
    return LineRefund(amount=amount, credit=credit, rest=rest)
