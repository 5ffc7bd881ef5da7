"""Welfare credit as an Oscar payment method: what the checkout fork delegates to.

``checkout_take_payment`` runs in ``handle_payment``: it locks the wallets and allocates the
credit (raising the domain exceptions), authorises the rest through a gateway, and returns
the Oscar payment sources and events to record. ``checkout_reserve_credit`` runs right after
Oscar wrote the order lines, in the same transaction, and posts the per-line reservations.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from oscar.core.loading import get_model

from shop.eligibility.selectors import employment_for_credit, may_use_welfare_credit
from shop.welfare.allocation import Allocation, CreditLine
from shop.welfare.fiscal import BenefitType
from shop.welfare.forms import WITHIN_CAP, CreditChoiceForm
from shop.welfare.gateways import PayOnDelivery, gateway_for
from shop.welfare.models import ZERO
from shop.welfare.selectors import (
    CREDIT_SOURCE_NAME,
    CreditQuote,
    FringeStatus,
    basket_credit_lines,
    credit_quote,
    fringe_status,
)
from shop.welfare.services import (
    credit_allocate,
    credit_reserve_for_order,
    source_type_for,
    wallets_lock_for_user,
)

Source = get_model("payment", "Source")

CREDIT_EVENT_NAME = "Credito welfare riservato"


@dataclass
class CheckoutPayment:
    allocations: list[Allocation]
    credit: Decimal
    rest: Decimal
    sources: list = field(default_factory=list)
    events: list[tuple[str, Decimal, str]] = field(default_factory=list)


def _source(name: str, amount: Decimal, reference: str = "", debited: Decimal = ZERO):
    source_type = source_type_for(name)
    return Source(
        source_type=source_type, amount_allocated=amount, amount_debited=debited, reference=reference
    )


@dataclass
class FringeCheck:
    """Whether the credit this basket could take goes over the employee's c.3 cap."""

    status: FringeStatus
    fringe_credit: Decimal  # c.3 credit of the basket at the most credit possible
    maximum_within_cap: Decimal  # the most credit possible keeping c.3 under the cap
    lines_over: list[str]  # titles of the lines that cross the cap

    @property
    def over(self) -> bool:
        return self.status.committed + self.fringe_credit > self.status.cap


def fringe_limits(*, user) -> dict[str, Decimal]:
    """The per-type limit that keeps ``user``'s c.3 credit within the cap (empty if unknown)."""
    employee = employment_for_credit(user=user)
    if employee is None:
        return {}
    return {BenefitType.C3_FRINGE: fringe_status(employee=employee).room}


def checkout_fringe_check(*, user, lines: list[CreditLine], quote) -> FringeCheck | None:
    """The c.3 warning for the payment page: None when the basket's ``lines`` (those ``quote``
    was made for) stay within the cap."""
    fringe = [a for a in quote.allocations if a.benefit_type == BenefitType.C3_FRINGE]
    if not fringe:
        return None  # no c.3 credit in this basket: nothing can cross the cap (no queries)
    employee = employment_for_credit(user=user)
    if employee is None or not quote.eligible:
        return None
    status = fringe_status(employee=employee)
    by_key = {line.key: line for line in lines}
    used, lines_over, fringe_credit = status.committed, [], ZERO
    for allocation in fringe:
        fringe_credit += allocation.amount
        used += allocation.amount
        title = by_key[allocation.line_key].product.get_title()
        if used > status.cap and title not in lines_over:
            lines_over.append(title)
    if not lines_over:
        return None
    within = credit_quote(user=user, lines=lines, type_limits={BenefitType.C3_FRINGE: status.room})
    return FringeCheck(
        status=status, fringe_credit=fringe_credit, maximum_within_cap=within.maximum, lines_over=lines_over
    )


@dataclass
class CreditOffer:
    """What the payment and preview pages offer: the quote and the c.3 warning (None when the
    basket stays within the cap). One request reads it once: the form posted and the page
    shown after it take the same offer."""

    quote: CreditQuote
    fringe: FringeCheck | None


def checkout_credit_offer(*, user, basket) -> CreditOffer:
    lines = basket_credit_lines(basket)
    quote = credit_quote(user=user, lines=lines)
    return CreditOffer(quote=quote, fringe=checkout_fringe_check(user=user, lines=lines, quote=quote))


def checkout_credit_form(*, user, basket, data=None, initial=None) -> CreditChoiceForm:
    """The credit choice, holding the offer it was built on as ``form.offer``."""
    offer = checkout_credit_offer(user=user, basket=basket)
    form = CreditChoiceForm(
        data,
        maximum=offer.quote.maximum,
        maximum_within_cap=offer.fringe.maximum_within_cap if offer.fringe else None,
        initial=initial,
    )
    form.offer = offer
    return form


def checkout_credit_context(*, user, basket, submission: dict, offer: CreditOffer | None = None) -> dict:
    """What the payment and preview pages show: the quote, the c.3 warning, the choice, the split.
    ``offer``: the one the request already read (the posted form's), else read here."""
    offer = offer or checkout_credit_offer(user=user, basket=basket)
    quote, fringe = offer.quote, offer.fringe
    kwargs = submission.get("payment_kwargs", {})
    fringe_choice = kwargs.get("fringe_choice") or WITHIN_CAP
    stored = kwargs.get("credit")
    default = fringe.maximum_within_cap if fringe else quote.maximum
    credit = Decimal(stored) if stored is not None else default
    rest_method = kwargs.get("rest_method") or "pos"
    total = submission.get("order_total")
    rest = (total.incl_tax - credit) if total is not None else None
    return {
        "credit_quote": quote,
        "fringe_check": fringe,
        "credit_form": submission.get("credit_form")
        or CreditChoiceForm(
            maximum=quote.maximum,
            maximum_within_cap=fringe.maximum_within_cap if fringe else None,
            initial={
                "credit": min(credit, quote.maximum),
                "rest_method": rest_method,
                "fringe_choice": fringe_choice,
            },
        ),
        "credit_amount": credit,
        "rest_amount": rest,
        # Whole cents for the sentence that follows the credit typed (welfare/js/rest_at_door.js).
        "total_cents": _cents(total.incl_tax) if total is not None else None,
        "maximum_cents": _cents(quote.maximum),
        "rest_method_label": PayOnDelivery.METHODS.get(rest_method, ""),
    }


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def checkout_take_payment(
    *,
    user,
    basket,
    order_number: str,
    total: Decimal,
    credit: Decimal | None,
    rest_gateway: str = "delivery",
    rest_method: str = "pos",
    fringe_choice: str | None = None,
) -> CheckoutPayment:
    """Allocate ``credit`` (None: the most the basket allows) and send the rest to a gateway.

    With ``fringe_choice == WITHIN_CAP`` c.3 lines take credit only up to the room left under
    the employee's fringe-benefit cap; the rest of those lines is paid by other means.
    """
    allocations = []
    limits = None
    if fringe_choice == WITHIN_CAP:
        # The room under the cap is read under the wallets' lock, held until the request's
        # transaction commits the reservation: two checkouts at once cannot both take it.
        wallets_lock_for_user(user=user)
        limits = fringe_limits(user=user)
    if credit is None and may_use_welfare_credit(user=user):
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), type_limits=limits)
        credit = sum((allocation.amount for allocation in allocations), ZERO)
    elif credit:
        allocations = credit_allocate(
            user=user, lines=basket_credit_lines(basket), amount=credit, type_limits=limits
        )
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
