"""Reads of welfare credit, one selector per audience: the employee, HR (aggregates), checkout."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed
from django.utils import timezone

from shop.core.money import MoneySum, round_money
from shop.core.privacy import MIN_GROUP_SIZE
from shop.core.request_memo import RequestMemo
from shop.eligibility.selectors import employers_for_hr, employments_active_on, may_use_welfare_credit
from shop.welfare.allocation import CreditLine, PlanRules, allocate, allowed_total
from shop.welfare.fiscal import TaxYearRules, tax_year_rules
from shop.welfare.models import ZERO, CreditPlan, LedgerEntry, Wallet


def fringe_rules(*, year: int) -> TaxYearRules:
    """The art. 51 c.3 figures and law of ``year`` for the HR plan page."""
    return tax_year_rules(year=year)


def fringe_benefit_cap(*, year: int, with_children: bool = False) -> Decimal:
    """The art. 51 c.3 yearly cap for ``year`` (``fiscal.FRINGE_CAPS``, the one table)."""
    return tax_year_rules(year=year).cap_for(with_children=with_children)


# --- The employee ------------------------------------------------------------------------


def wallets_for_employee(*, user) -> QuerySet[Wallet]:
    """Every wallet of ``user``'s roster entries, current or past: their own and nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return Wallet.objects.none()
    return Wallet.objects.filter(employee__user=user).select_related("plan", "plan__employer")


def usable_wallets(*, user, on: datetime.date | None = None) -> QuerySet[Wallet]:
    """Wallets ``user`` may pay from on ``on``: active employment, plan running, credit left."""
    on = on or timezone.localdate()
    employments = employments_active_on(on=on).filter(user=user)
    return (
        wallets_for_employee(user=user)
        .filter(employee__in=employments, plan__valid_from__lte=on, plan__valid_to__gte=on)
        .filter(balance__gt=F("reserved"))
        .order_by("plan__valid_to", "pk")
    )


def available_credit(*, user, on: datetime.date | None = None) -> Decimal:
    """Credit ``user`` could spend today: one aggregate over stored wallet figures."""
    if not getattr(user, "is_authenticated", False):
        return ZERO
    totals = usable_wallets(user=user, on=on).aggregate(
        balance=MoneySum("balance"), reserved=MoneySum("reserved")
    )
    return totals["balance"] - totals["reserved"]


@dataclass
class StatementRow:
    entry: LedgerEntry
    running_balance: Decimal


@dataclass
class WalletSummary:
    wallet: Wallet
    expires_on: datetime.date
    expired: bool
    rows: list[StatementRow] = field(default_factory=list)


def wallet_statement(*, wallet: Wallet, limit: int = 200) -> list[StatementRow]:
    """The latest ``limit`` entries, newest first, each with the balance it left behind."""
    entries = LedgerEntry.objects.filter(wallet=wallet).order_by("-created_at", "-pk")[:limit]
    return [StatementRow(entry=entry, running_balance=entry.balance_after) for entry in entries]


def employee_credit_summary(*, user, on: datetime.date | None = None) -> dict:
    on = on or timezone.localdate()
    summaries = []
    balance = reserved = ZERO
    for wallet in wallets_for_employee(user=user).order_by("-plan__valid_to", "pk"):
        expired = wallet.plan.valid_to < on
        summaries.append(
            WalletSummary(
                wallet=wallet,
                expires_on=wallet.plan.valid_to,
                expired=expired,
                rows=wallet_statement(wallet=wallet),
            )
        )
        if not expired:
            balance += wallet.balance
            reserved += wallet.reserved
    return {
        "wallets": summaries,
        "balance": balance,
        "reserved": reserved,
        "available": available_credit(user=user, on=on),
    }


# --- Checkout ----------------------------------------------------------------------------


def plan_rules(*, plans) -> dict[int, PlanRules]:
    rules = {}
    for plan in plans:
        rules[plan.pk] = PlanRules(
            plan_id=plan.pk,
            category_paths=_plan_categories_memo.get(
                plan.pk, lambda plan=plan: tuple(plan.allowed_categories.values_list("path", flat=True))
            ),
            benefit_types=tuple(plan.allowed_benefit_types or ()),
        )
    return rules


# Every checkout step quotes the credit more than once: the plans' categories once a request.
_plan_categories_memo = RequestMemo("plan_categories")
m2m_changed.connect(
    _plan_categories_memo.forget,
    sender=CreditPlan.allowed_categories.through,
    dispatch_uid="plan-categories-memo",
)


@dataclass
class CreditQuote:
    eligible: bool
    available: Decimal
    allowed: Decimal
    maximum: Decimal
    allocations: list = field(default_factory=list)


def credit_quote(
    *,
    user,
    lines: list[CreditLine],
    on: datetime.date | None = None,
    type_limits: dict[str, Decimal] | None = None,
) -> CreditQuote:
    """How much credit ``lines`` could take right now; no locks, for showing the payment page."""
    if not may_use_welfare_credit(user=user, on=on):
        return CreditQuote(eligible=False, available=ZERO, allowed=ZERO, maximum=ZERO)
    wallets = list(usable_wallets(user=user, on=on))
    rules = plan_rules(plans={wallet.plan for wallet in wallets})
    allocations = allocate(lines=lines, wallets=wallets, rules=rules, type_limits=type_limits)
    return CreditQuote(
        eligible=True,
        available=sum((wallet.available for wallet in wallets), ZERO),
        allowed=allowed_total(lines=lines, rules=rules.values()),
        maximum=sum((allocation.amount for allocation in allocations), ZERO),
        allocations=allocations,
    )


# --- HR: aggregates only -----------------------------------------------------------------


def plans_for_hr(*, user) -> QuerySet[CreditPlan]:
    """The plans of the employers an HR contact belongs to; nothing of any other employer."""
    return CreditPlan.objects.filter(employer__in=employers_for_hr(user=user)).select_related("employer")


@dataclass
class PlanTotals:
    funded: Decimal
    spent: Decimal
    reserved: Decimal
    expired: Decimal
    adjusted: Decimal
    remaining: Decimal
    shown: bool  # False when the plan has fewer wallets than MIN_GROUP_SIZE


def plan_totals(*, plan: CreditPlan) -> PlanTotals:
    """Funded, spent (net of refunds), reserved, expired and remaining euros of one plan.

    Sums over all the plan's wallets, never per person. When fewer than MIN_GROUP_SIZE people
    hold a wallet, only the funded total (which HR decided) is shown: the rest could reveal
    what one person bought.
    """

    def total(**filters):
        return MoneySum("amount", filter=Q(**filters))

    figures = LedgerEntry.objects.filter(wallet__plan=plan).aggregate(
        funded=total(kind=LedgerEntry.Kind.FUND),
        spent=total(kind=LedgerEntry.Kind.SPEND),
        refunded=total(kind=LedgerEntry.Kind.REFUND),
        expired=total(kind=LedgerEntry.Kind.EXPIRE),
        adjusted=total(kind=LedgerEntry.Kind.ADJUST),
    )
    wallets = Wallet.objects.filter(plan=plan).aggregate(
        people=Count("pk"), balance=Coalesce(Sum("balance"), ZERO), reserved=Coalesce(Sum("reserved"), ZERO)
    )
    return PlanTotals(
        funded=figures["funded"],
        spent=-(figures["spent"] + figures["refunded"]),
        reserved=wallets["reserved"],
        expired=-figures["expired"],
        adjusted=figures["adjusted"],
        remaining=wallets["balance"] - wallets["reserved"],
        shown=wallets["people"] >= MIN_GROUP_SIZE,
    )


# --- Integrity ---------------------------------------------------------------------------


@dataclass
class WalletMismatch:
    wallet_id: int
    stored_balance: Decimal
    stored_reserved: Decimal
    ledger_balance: Decimal
    ledger_reserved: Decimal


def wallets_out_of_balance() -> list[WalletMismatch]:
    """Wallets whose stored figures differ from the sums of their entries (one grouped query)."""
    sums = {
        row["wallet"]: row
        for row in LedgerEntry.objects.order_by()
        .values("wallet")
        .annotate(balance=Sum("amount"), reserved=Sum("held"))
    }
    mismatches = []
    for wallet_id, balance, reserved in Wallet.objects.values_list("pk", "balance", "reserved").order_by(
        "pk"
    ):
        row = sums.get(wallet_id, {"balance": ZERO, "reserved": ZERO})
        # SQLite sums decimals as floats (0.10 + 0.20 - 0.30 is 5.6e-17): compare to the cent.
        ledger_balance, ledger_reserved = round_money(row["balance"]), round_money(row["reserved"])
        if ledger_balance != balance or ledger_reserved != reserved:
            mismatches.append(WalletMismatch(wallet_id, balance, reserved, ledger_balance, ledger_reserved))
    return mismatches
