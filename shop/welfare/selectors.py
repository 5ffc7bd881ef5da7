"""Reads of welfare credit, one selector per audience: the employee, HR (aggregates), checkout."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone
from oscar.core.loading import get_model

from shop.core.cards import CacheVersion, KeptAnswers, versioned_value
from shop.core.compiled import CompiledOnce
from shop.core.money import MoneySum, round_money
from shop.core.privacy import MIN_GROUP_SIZE
from shop.eligibility.selectors import employers_for_hr, employments_active_on, may_use_welfare_credit
from shop.welfare.allocation import CATEGORIES_VERSION, CreditLine, PlanRules, allocate, allowed_total
from shop.welfare.fiscal import BenefitType, TaxYearRules, tax_year_rules
from shop.welfare.models import ZERO, ChildrenDeclaration, CreditPlan, LedgerEntry, Wallet

Kind = LedgerEntry.Kind
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


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


# Read by each checkout step's credit quote: compiled once (shop/core/compiled.py).
USABLE_WALLETS_SQL = CompiledOnce(
    "usable-wallets", lambda user_id, on: usable_wallets(user=get_user_model()(pk=user_id), on=on)
)


def available_credit(*, user, on: datetime.date | None = None) -> Decimal:
    """Credit ``user`` could spend on ``on`` (today): what each usable wallet's stored balance
    leaves beyond its reserve, summed over the few wallets (read with the SQL compiled once)."""
    if not getattr(user, "is_authenticated", False):
        return ZERO
    on = on or timezone.localdate()
    wallets = USABLE_WALLETS_SQL.queryset(user.pk, on)
    return sum((wallet.available for wallet in wallets), ZERO)


# The header's credit and the c.3 figures are kept in the cache under this version, bumped by
# every ledger entry (``services._post``, the one writer of a wallet's balance and reserve)
# and by saves and deletions of wallets, plans, roster entries, employers and children
# declarations (``receivers.connect_credit_version``): everything ``may_use_welfare_credit``,
# ``available_credit`` and ``fringe_status`` read.
CREDIT_VERSION = CacheVersion("welfare:credit:version", "welfare-credit-cache.stamp")
CREDIT_SECONDS = 10 * 60


def header_credit(*, user) -> Decimal | None:
    """The credit the header shows: ``available_credit`` today for a user who may use
    welfare credit, else None. Read once, then from the cache until the next change.

    Only for showing: checkout quotes and spends from the locked wallets, never from here.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()

    def read():
        eligible = may_use_welfare_credit(user=user, on=today)
        return {"credit": available_credit(user=user, on=today) if eligible else None}

    key = f"welfare:credit:{user.pk}:{today.isoformat()}:{CREDIT_VERSION.tag()}"
    return versioned_value(key, read, CREDIT_SECONDS)["credit"]


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


# Every checkout step quotes the credit more than once: the plans' categories are kept until
# a category or a plan changes (allocation.CATEGORIES_VERSION).
_plan_categories_memo = KeptAnswers("plan_categories", CATEGORIES_VERSION)


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
    on = on or timezone.localdate()
    wallets = list(USABLE_WALLETS_SQL.queryset(user.pk, on))
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


# --- Orders and payments: what credit paid, what a line refund gives back -------------------

CREDIT_SOURCE_NAME = "Credito welfare"
# Payment sources are recognised by their type's code (Oscar's slug of the first name), never by
# the name people see and may rename.
CREDIT_SOURCE_CODE = "credito-welfare"


def is_credit_source(source) -> bool:
    """Whether a payment source of an order is welfare credit."""
    return source.source_type.code == CREDIT_SOURCE_CODE


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


def line_credit_position(*, line, wallet_id: int) -> dict:
    """Reserved, spent, released, refunded euros and returned units of one line in one wallet."""
    rows = (
        LedgerEntry.objects.filter(order_line=line, wallet_id=wallet_id)
        .order_by()
        .values("kind")
        .annotate(amount=Sum("amount"), held=Sum("held"), units=Sum("units"))
    )
    position = defaultdict(lambda: {"amount": ZERO, "held": ZERO, "units": 0})
    for row in rows:
        position[row["kind"]] = {"amount": row["amount"], "held": row["held"], "units": row["units"] or 0}
    return position


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


# --- The art. 51 c.3 cap: what was received, what is held, what room is left -------------------
# Two figures per employee and year:
#
# * ``fringe_used``: what was actually received, the figure payroll taxes. The c.3 SPENDs of
#   confirmed order lines minus their REFUNDs, each in its ``LedgerEntry.tax_year`` (the
#   purchase's year by the 12 January rule, ``fiscal.tax_year_of``; a refund reverses in the
#   year of the spend it gives back). Reservations of unconfirmed orders are not income.
#   Entries written before ``tax_year`` existed count in the calendar year of the entry.
# * ``fringe_pending``: c.3 credit reserved by orders not yet confirmed. Checkout adds it to
#   what was received before it offers room under the cap, so two open orders cannot together
#   go over it; checkout reads both under the wallets' row lock (``checkout_take_payment``).


def _received_in(year: int) -> Q:
    """The c.3 entries that count as received in tax year ``year`` (entries written before
    the tax year was recorded count in the year they were made, as ``created_year``)."""
    return Q(kind__in=[Kind.SPEND, Kind.REFUND]) & (
        Q(tax_year=year) | Q(tax_year__isnull=True, created_year=year)
    )


def _fringe_totals_rows(employee_id: int, year: int) -> QuerySet:
    """(received in ``year``, held today) of an employee's c.3 entries: one row, none without
    entries. The year compared as a number (not as the bounds of a period), so that the SQL
    is the same for every year and compiled once."""
    return (
        LedgerEntry.objects.filter(wallet__employee_id=employee_id, benefit_type=BenefitType.C3_FRINGE)
        # Cast: Django turns a comparison of ExtractYear itself into the bounds of the year.
        .annotate(created_year=Cast(ExtractYear("created_at"), IntegerField()))
        .values("benefit_type")
        .annotate(received=MoneySum("amount", filter=_received_in(year)), held=MoneySum("held"))
        .values_list("received", "held")
    )


# Checkout asks on each writing step: compiled once (shop/core/compiled.py).
FRINGE_TOTALS_SQL = CompiledOnce("fringe-totals", _fringe_totals_rows)


def _fringe_totals(*, employee, year: int) -> dict[str, Decimal]:
    """Both figures in one statement: ``used`` in tax year ``year`` and ``pending`` today."""
    received, held = FRINGE_TOTALS_SQL.first(employee.pk, year) or (ZERO, ZERO)
    return {"used": -received, "pending": held}


def fringe_used(*, employee, year: int) -> Decimal:
    """c.3 benefits ``employee`` (a roster entry) received in tax year ``year``."""
    return _fringe_totals(employee=employee, year=year)["used"]


def fringe_pending(*, employee) -> Decimal:
    """c.3 credit held today by ``employee``'s orders not yet confirmed (open reservations)."""
    return _fringe_totals(employee=employee, year=timezone.localdate().year)["pending"]


def children_declaration_for(*, employee, year: int) -> ChildrenDeclaration | None:
    """The latest declaration of ``employee`` for ``year``, None if never declared."""
    return CHILDREN_DECLARATION_SQL.first(employee.pk, year)


CHILDREN_DECLARATION_SQL = CompiledOnce(
    "children-declaration",
    lambda employee_id, year: ChildrenDeclaration.objects.filter(employee_id=employee_id, year=year).order_by(
        "-declared_at", "-pk"
    )[:1],
)


@dataclass
class FringeStatus:
    year: int
    used: Decimal  # received in the tax year
    cap: Decimal
    with_children: bool
    declaration: ChildrenDeclaration | None
    pending: Decimal = ZERO  # reserved by orders not yet confirmed
    law: str = ""

    @property
    def committed(self) -> Decimal:
        return self.used + self.pending

    @property
    def room(self) -> Decimal:
        return max(self.cap - self.committed, ZERO)

    @property
    def over_cap(self) -> bool:
        return self.used > self.cap


def fringe_status(*, employee, year: int | None = None) -> FringeStatus:
    """``employee``'s c.3 figures for tax year ``year`` (this year). Page reads keep them until
    the next ledger entry, wallet or children declaration (``CREDIT_VERSION``): the payment
    page, shown again, reads nothing; checkout's writing steps read them afresh."""
    today = timezone.localdate()
    year = year or today.year
    return _fringe_memo.get((employee.pk, year, today), lambda: _fringe_status(employee=employee, year=year))


def _fringe_status(*, employee, year: int) -> FringeStatus:
    declaration = children_declaration_for(employee=employee, year=year)
    with_children = bool(declaration and declaration.has_dependent_children)
    rules = tax_year_rules(year=year)
    totals = _fringe_totals(employee=employee, year=year)
    return FringeStatus(
        year=year,
        used=totals["used"],
        cap=rules.cap_for(with_children=with_children),
        with_children=with_children,
        declaration=declaration,
        # What open orders hold counts only for the current year.
        pending=totals["pending"] if year == timezone.localdate().year else ZERO,
        law=rules.law,
    )


_fringe_memo = KeptAnswers("fringe_status", CREDIT_VERSION, fresh_when_writing=True)
