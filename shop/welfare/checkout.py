"""Welfare credit as an Oscar payment method: what the checkout fork delegates to.

``checkout_take_payment`` runs in ``handle_payment``: it locks the wallets and allocates the
credit (raising the domain exceptions), authorises the rest through a gateway, and returns
the Oscar payment sources and events to record. ``checkout_reserve_credit`` runs right after
Oscar wrote the order lines, in the same transaction, and posts the per-line reservations.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from oscar.core.loading import get_model

from shop.eligibility.selectors import may_use_welfare_credit
from shop.welfare.allocation import Allocation, CreditLine
from shop.welfare.forms import CreditChoiceForm
from shop.welfare.gateways import PayOnDelivery, gateway_for
from shop.welfare.models import ZERO
from shop.welfare.selectors import credit_quote
from shop.welfare.services import credit_allocate, credit_reserve_for_order

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

CREDIT_SOURCE_NAME = "Credito welfare"
CREDIT_EVENT_NAME = "Credito welfare riservato"


def basket_credit_lines(basket) -> list[CreditLine]:
    return [
        CreditLine(
            key=str(line.pk),
            product=line.product,
            amount=line.line_price_incl_tax_incl_discounts,
            quantity=line.quantity,
        )
        for line in basket.all_lines()
    ]


@dataclass
class CheckoutPayment:
    allocations: list[Allocation]
    credit: Decimal
    rest: Decimal
    sources: list = field(default_factory=list)
    events: list[tuple[str, Decimal, str]] = field(default_factory=list)


def _source(name: str, amount: Decimal, reference: str = "", debited: Decimal = ZERO):
    source_type, _created = SourceType.objects.get_or_create(name=name)
    return Source(
        source_type=source_type, amount_allocated=amount, amount_debited=debited, reference=reference
    )


def checkout_credit_context(*, user, basket, submission: dict) -> dict:
    """What the payment and preview pages show: the quote, the choice, the split."""
    quote = credit_quote(user=user, lines=basket_credit_lines(basket))
    stored = submission.get("payment_kwargs", {}).get("credit")
    credit = Decimal(stored) if stored is not None else quote.maximum
    rest_method = submission.get("payment_kwargs", {}).get("rest_method") or "pos"
    total = submission.get("order_total")
    rest = (total.incl_tax - credit) if total is not None else None
    return {
        "credit_quote": quote,
        "credit_form": submission.get("credit_form")
        or CreditChoiceForm(
            maximum=quote.maximum, initial={"credit": min(credit, quote.maximum), "rest_method": rest_method}
        ),
        "credit_amount": credit,
        "rest_amount": rest,
        "rest_method_label": PayOnDelivery.METHODS.get(rest_method, ""),
    }


def checkout_take_payment(
    *,
    user,
    basket,
    order_number: str,
    total: Decimal,
    credit: Decimal | None,
    rest_gateway: str = "delivery",
    rest_method: str = "pos",
) -> CheckoutPayment:
    """Allocate ``credit`` (None: the most the basket allows) and send the rest to a gateway."""
    allocations = []
    if credit is None and may_use_welfare_credit(user=user):
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket))
        credit = sum((allocation.amount for allocation in allocations), ZERO)
    elif credit:
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), amount=credit)
    credit = credit or ZERO
    rest = total - credit
    payment = CheckoutPayment(allocations=allocations, credit=credit, rest=rest)
    if credit > 0:
        payment.sources.append(_source(CREDIT_SOURCE_NAME, credit, reference=order_number))
        payment.events.append((CREDIT_EVENT_NAME, credit, order_number))
    if rest > 0:
        gateway = gateway_for(rest_gateway)
        result = gateway.authorise(order_number=order_number, amount=rest, method=rest_method)
        payment.sources.append(_source(gateway.source_name, rest, result.reference, result.amount_debited))
        payment.events.append((result.event_name, rest, result.reference))
    return payment


def checkout_reserve_credit(*, order, basket, payment: CheckoutPayment | None, by=None):
    if payment is None or not payment.allocations:
        return []
    return credit_reserve_for_order(order=order, basket=basket, allocations=payment.allocations, by=by)
