"""Reads for the buyer's order pages: how each line is treated for tax, what each source kept.

The classification is the product's (``allocation.product_benefit_type``, the parent's for a
variant) with the labels of ``fiscal.BenefitType``; nothing here decides a treatment.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from shop.eligibility.selectors import employments_active_on
from shop.welfare.allocation import product_benefit_type
from shop.welfare.fiscal import BenefitType
from shop.welfare.selectors import is_credit_source, usable_wallets, wallets_for_employee


@dataclass(frozen=True)
class LineTreatment:
    title: str
    quantity: int
    treatment: str  # the art. 51 label, e.g. "Art. 51 c.3: fringe-benefit goods and services…"


@dataclass(frozen=True)
class PaymentRow:
    name: str
    is_credit: bool
    paid: Decimal  # allocated at checkout
    refunded: Decimal
    kept: Decimal  # what the order still takes from this source


def order_paid_with_credit(*, order) -> bool:
    return any(is_credit_source(s) for s in order.sources.all())


def order_lines_tax_treatment(*, order) -> list[LineTreatment]:
    """Each line of ``order`` with the art. 51 TUIR category of its product."""
    rows = []
    for line in order.lines.all():
        code = product_benefit_type(line.product) if line.product_id else ""
        label = BenefitType(code).label if code in BenefitType.values else _("Not classified")
        rows.append(LineTreatment(title=line.title, quantity=line.quantity, treatment=str(label)))
    return rows


def order_payment_rows(*, order) -> list[PaymentRow]:
    """Per payment source: paid at checkout, refunded since (cancelled lines), still kept."""
    return [
        PaymentRow(
            name=source.source_type.name,
            is_credit=is_credit_source(source),
            paid=source.amount_allocated,
            refunded=source.amount_refunded,
            kept=source.amount_allocated - source.amount_refunded,
        )
        for source in order.sources.all()
    ]


def claim_refusal_reason(*, user, on: datetime.date | None = None) -> str:
    """Why ``user`` cannot file a reimbursement claim today, "" when they can."""
    on = on or timezone.localdate()
    if usable_wallets(user=user, on=on).exists():
        return ""
    running = wallets_for_employee(user=user).filter(
        employee__in=employments_active_on(on=on), plan__valid_from__lte=on, plan__valid_to__gte=on
    )
    if running.exists():
        return _(
            "You cannot file a new claim: the welfare credit of your plan is used up or held by "
            "orders and claims still open. When your employer adds credit, or a claim is rejected, "
            "the button comes back."
        )
    return _(
        "You cannot file a new claim: you have no welfare plan running today. Claims are paid "
        "from the credit of a running plan of your employer."
    )
