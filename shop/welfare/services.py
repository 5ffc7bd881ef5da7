"""Writes of welfare credit. Every movement goes through ``_post``: wallet row locked, entry
appended, stored figures updated, all in one transaction, at most once per idempotency key.

Lifecycle of an order paid partly with credit:

* placement: ``credit_allocate`` (locks, checks) then ``credit_reserve_for_order`` posts one
  RESERVE per (order line, wallet) — the per-line allocation;
* confirmation (order status in SHOP_WELFARE_SPEND_STATUSES): ``credit_spend_for_order``
  turns each open reservation into a SPEND;
* cancellation or refund (order or line status in SHOP_WELFARE_RETURN_STATUSES, or a partial
  refund of some units): ``credit_return_line`` gives back exactly what the line took, as a
  RELEASE if not yet spent, a REFUND if spent.
"""

import datetime
import uuid
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.eligibility.selectors import employments_active_on, may_use_welfare_credit
from shop.welfare.allocation import (
    Allocation,
    CreditLine,
    allocate,
    allowed_total,
    amount_clean,
    euros,
    share,
)
from shop.welfare.exceptions import (
    CreditNotAllowed,
    InsufficientCredit,
    InvalidAmount,
    NotEligible,
    WelfareError,
)
from shop.welfare.fiscal import tax_year_of
from shop.welfare.models import ZERO, CreditPlan, LedgerEntry, PlanBeneficiary, Wallet
from shop.welfare.selectors import plan_rules, usable_wallets

Kind = LedgerEntry.Kind


def _lock(wallet_ids) -> dict[int, Wallet]:
    """Lock wallet rows in primary-key order (so two transactions never deadlock)."""
    wallets = Wallet.objects.select_for_update().filter(pk__in=set(wallet_ids)).order_by("pk")
    return {wallet.pk: wallet for wallet in wallets}


def _post(
    *, wallet: Wallet, kind: str, key: str, amount: Decimal = ZERO, held: Decimal = ZERO, **fields
) -> LedgerEntry:
    """Append one entry to a wallet locked by the caller; a repeated key returns the first entry."""
    existing = LedgerEntry.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    balance = wallet.balance + amount
    reserved = wallet.reserved + held
    if balance < 0 or reserved < 0 or reserved > balance:
        raise InsufficientCredit()
    entry = LedgerEntry.objects.create(
        wallet=wallet,
        kind=kind,
        amount=amount,
        held=held,
        balance_after=balance,
        reserved_after=reserved,
        idempotency_key=key,
        **fields,
    )
    Wallet.objects.filter(pk=wallet.pk).update(balance=balance, reserved=reserved)
    wallet.balance, wallet.reserved = balance, reserved
    return entry


# --- Plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    employer,
    name: str,
    year: int,
    amount_per_employee: Decimal,
    valid_from: datetime.date,
    valid_to: datetime.date,
    categories=(),
    benefit_types=(),
    employees=(),
    created_by=None,
    regulation_reference: str = "",
    regulation_text: str = "",
    employee_categories=(),
) -> CreditPlan:
    amount = amount_clean(amount_per_employee)
    if valid_to < valid_from:
        raise WelfareError(_("The end date must not come before the start date."))
    if any(employee.employer_id != employer.pk for employee in employees):
        raise WelfareError(_("Only employees of the plan's employer can be listed."))
    plan = CreditPlan.objects.create(
        employer=employer,
        name=name,
        year=year,
        amount_per_employee=amount,
        valid_from=valid_from,
        valid_to=valid_to,
        allowed_benefit_types=list(benefit_types),
        created_by=created_by,
        regulation_reference=regulation_reference,
        regulation_text=regulation_text,
        employee_categories=list(employee_categories),
    )
    plan.allowed_categories.set(categories)
    PlanBeneficiary.objects.bulk_create(
        PlanBeneficiary(plan=plan, employee=employee) for employee in employees
    )
    return plan


@transaction.atomic
def plan_fund(*, plan: CreditPlan, by=None, on: datetime.date | None = None) -> list[LedgerEntry]:
    """Credit every eligible employee of the plan once; running it again funds only newcomers.

    Eligible: employed on ``on`` (default today) by the plan's employer, which must be an
    active member, listed on the plan if the plan lists employees, and of one of the
    categories of employees the plan's regulation addresses, if it names any.
    """
    on = on or timezone.localdate()
    if on > plan.valid_to:
        raise WelfareError(_("This plan has ended: it can no longer be funded."))
    listed = {b.employee_id: b.amount for b in plan.listed.all()}
    employees = employments_active_on(on=on).filter(employer=plan.employer)
    if listed:
        employees = employees.filter(pk__in=listed)
    if plan.employee_categories:
        employees = employees.filter(welfare_profile__category__in=plan.employee_categories)
    entries = []
    for employee in employees.order_by("pk"):
        wallet, _created = Wallet.objects.get_or_create(employee=employee, plan=plan)
        wallet = _lock([wallet.pk])[wallet.pk]
        entries.append(
            _post(
                wallet=wallet,
                kind=Kind.FUND,
                key=f"fund:p{plan.pk}:e{employee.pk}",
                amount=listed.get(employee.pk) or plan.amount_per_employee,
                reference=f"plan:{plan.pk}",
                created_by=by,
                note=plan.name,
            )
        )
    CreditPlan.objects.filter(pk=plan.pk).update(funded_at=timezone.now())
    return entries


# --- Checkout ----------------------------------------------------------------------------


def wallets_lock_for_user(*, user, on: datetime.date | None = None) -> dict[int, Wallet]:
    """Lock ``user``'s usable wallets until the caller's transaction ends (call it inside one)."""
    return _lock(usable_wallets(user=user, on=on).values_list("pk", flat=True))


@transaction.atomic
def credit_allocate(
    *,
    user,
    lines: list[CreditLine],
    amount: Decimal | None = None,
    on: datetime.date | None = None,
    type_limits: dict[str, Decimal] | None = None,
) -> list[Allocation]:
    """Lock the user's usable wallets and spread ``amount`` (None: the most possible) on lines.

    Raises NotEligible (no active employment at an active member), CreditNotAllowed (more
    than the plan-allowed lines are worth), InsufficientCredit (more than is available).
    The row locks last until the surrounding transaction ends, so the reservation that
    follows in the same request cannot be overtaken by a concurrent checkout.
    """
    if amount is not None:
        amount = amount_clean(amount)
    if not may_use_welfare_credit(user=user, on=on):
        raise NotEligible()
    wallet_ids = list(usable_wallets(user=user, on=on).values_list("pk", flat=True))
    locked = _lock(wallet_ids)
    if not locked:
        raise InsufficientCredit(_("You have no welfare credit available today."))
    wallets = sorted(locked.values(), key=lambda wallet: (wallet.plan.valid_to, wallet.pk))
    rules = plan_rules(plans={wallet.plan for wallet in wallets})
    allocations = allocate(lines=lines, wallets=wallets, rules=rules, cap=amount, type_limits=type_limits)
    taken = sum((allocation.amount for allocation in allocations), ZERO)
    if amount is not None and taken < amount:
        if allowed_total(lines=lines, rules=rules.values()) < amount:
            raise CreditNotAllowed(
                _(
                    "Welfare credit can pay at most %(max)s € of this order: "
                    "the other products are outside your plan."
                )
                % {"max": euros(taken)}
            )
        raise InsufficientCredit(
            _("Your available welfare credit for these products is %(max)s €.") % {"max": euros(taken)}
        )
    return allocations


@transaction.atomic
def credit_reserve_for_order(*, order, basket, allocations: list[Allocation], by=None) -> list[LedgerEntry]:
    """Post one RESERVE per (order line, wallet) for an order just created from ``basket``.

    Oscar creates order lines in basket order, so the n-th order line is the n-th basket
    line; the pairing is checked product by product before anything is written.
    """
    basket_lines = list(basket.all_lines())
    order_lines = list(order.lines.order_by("pk"))
    if [line.product_id for line in basket_lines] != [line.product_id for line in order_lines]:
        raise WelfareError(_("The order does not match the basket: no credit was reserved."))
    order_line_for = {str(b.pk): o for b, o in zip(basket_lines, order_lines, strict=True)}
    locked = _lock(allocation.wallet.pk for allocation in allocations)
    entries = []
    for allocation in allocations:
        line = order_line_for[allocation.line_key]
        entries.append(
            _post(
                wallet=locked[allocation.wallet.pk],
                kind=Kind.RESERVE,
                key=f"reserve:{order.number}:l{line.pk}:w{allocation.wallet.pk}",
                held=allocation.amount,
                order_number=order.number,
                order_line=line,
                units=line.quantity,
                benefit_type=allocation.benefit_type,
                created_by=by,
            )
        )
    return entries


def _line_position(*, line, wallet_id: int) -> dict:
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


@transaction.atomic
def credit_spend_for_order(*, order, by=None, on: datetime.date | None = None) -> list[LedgerEntry]:
    """Turn every open reservation of ``order`` into a spend (on confirmation). Idempotent.

    The spend records the tax year of the benefit: the year the order was placed if it is
    confirmed (``on``, default today) by 12 January of the next year, else ``on``'s year.
    """
    reserves = LedgerEntry.objects.filter(order_number=order.number, kind=Kind.RESERVE).select_related(
        "order_line"
    )
    reserves = list(reserves)
    locked = _lock(entry.wallet_id for entry in reserves)
    tax_year = _spend_tax_year(order=order, on=on or timezone.localdate())
    entries = []
    for reserve in reserves:
        position = _line_position(line=reserve.order_line, wallet_id=reserve.wallet_id)
        open_amount = reserve.held + position[Kind.SPEND]["held"] + position[Kind.RELEASE]["held"]
        if open_amount <= 0:
            continue
        entries.append(
            _post(
                wallet=locked[reserve.wallet_id],
                kind=Kind.SPEND,
                key=f"spend:{order.number}:l{reserve.order_line_id}:w{reserve.wallet_id}",
                amount=-open_amount,
                held=-open_amount,
                order_number=order.number,
                order_line=reserve.order_line,
                units=reserve.units,
                benefit_type=reserve.benefit_type,
                tax_year=tax_year,
                created_by=by,
            )
        )
    return entries


def _spend_tax_year(*, order, on: datetime.date) -> int:
    """The tax year of what ``order`` delivers when confirmed on ``on`` (the 12 January rule)."""
    placed = timezone.localdate(order.date_placed) if order.date_placed else on
    return tax_year_of(purchased_on=placed, received_on=on)


@transaction.atomic
def credit_return_line(
    *, line, quantity: int | None = None, reference: str = "", by=None, note: str = ""
) -> list[LedgerEntry]:
    """Give back what ``quantity`` units (None: all units not yet returned) of a line took.

    Per wallet the line drew on: a RELEASE while the reservation is still open, a REFUND once
    it was spent. Amounts telescope (see ``allocation.share``) so returning every unit, in
    one go or unit by unit, restores exactly what was taken. ``reference`` (e.g. the id of
    the refund event) makes a partial return idempotent; a whole-line return always is.
    """
    reserves = list(LedgerEntry.objects.filter(order_line=line, kind=Kind.RESERVE))
    locked = _lock(entry.wallet_id for entry in reserves)
    entries = []
    for reserve in reserves:
        position = _line_position(line=line, wallet_id=reserve.wallet_id)
        returned_units = position[Kind.RELEASE]["units"] + position[Kind.REFUND]["units"]
        units_left = reserve.units - returned_units
        units = units_left if quantity is None else min(quantity, units_left)
        if units <= 0:
            continue
        amount = share(amount=reserve.held, units=returned_units + units, of_units=reserve.units) - share(
            amount=reserve.held, units=returned_units, of_units=reserve.units
        )
        if amount <= 0:
            continue
        open_amount = reserve.held + position[Kind.SPEND]["held"] + position[Kind.RELEASE]["held"]
        kind = Kind.RELEASE if open_amount >= amount else Kind.REFUND
        # A refund lowers the tax year in which the line was received, not the current one.
        tax_year = (
            LedgerEntry.objects.filter(order_line=line, wallet_id=reserve.wallet_id, kind=Kind.SPEND)
            .values_list("tax_year", flat=True)
            .first()
            if kind == Kind.REFUND
            else None
        )
        suffix = reference or f"u{returned_units + units}"
        entries.append(
            _post(
                wallet=locked[reserve.wallet_id],
                kind=kind,
                key=f"{kind}:{reserve.order_number}:l{line.pk}:w{reserve.wallet_id}:{suffix}",
                amount=ZERO if kind == Kind.RELEASE else amount,
                held=-amount if kind == Kind.RELEASE else ZERO,
                order_number=reserve.order_number,
                order_line=line,
                units=units,
                benefit_type=reserve.benefit_type,
                reference=reference,
                tax_year=tax_year,
                note=note,
                created_by=by,
            )
        )
    return entries


@transaction.atomic
def credit_return_order(*, order, by=None, note: str = "") -> list[LedgerEntry]:
    """Give back, line by line, everything ``order`` took and has not yet returned."""
    entries = []
    for line in order.lines.order_by("pk"):
        entries += credit_return_line(line=line, by=by, note=note)
    return entries


def credit_on_order_status(*, order, new_status: str) -> list[LedgerEntry]:
    if new_status in settings.SHOP_WELFARE_SPEND_STATUSES:
        return credit_spend_for_order(order=order)
    if new_status in settings.SHOP_WELFARE_RETURN_STATUSES:
        return credit_return_order(order=order, note=new_status)
    return []


def credit_on_line_status(*, line, new_status: str) -> list[LedgerEntry]:
    if new_status in settings.SHOP_WELFARE_RETURN_STATUSES:
        return credit_return_line(line=line, note=new_status)
    return []


# --- Reimbursement claims ------------------------------------------------------------------


@transaction.atomic
def credit_reserve_for_claim(*, claim, by=None) -> LedgerEntry:
    """Hold a claim's amount on its wallet while it is reviewed (RESERVE, once per claim).

    Refused when the wallet's available credit, read under the lock, is smaller.
    """
    wallet = _lock([claim.wallet_id])[claim.wallet_id]
    if wallet.available < claim.amount:
        raise InsufficientCredit(_("The claim is larger than your available credit on this plan."))
    return _claim_post(
        claim=claim, wallet=wallet, kind=Kind.RESERVE, held=claim.amount, by=by, note=_("Reimbursement claim")
    )


@transaction.atomic
def credit_release_for_claim(*, claim, by=None) -> LedgerEntry:
    """A rejected claim: its held amount is available again (RELEASE, once per claim)."""
    wallet = _lock([claim.wallet_id])[claim.wallet_id]
    return _claim_post(
        claim=claim, wallet=wallet, kind=Kind.RELEASE, held=-claim.amount, by=by, note=_("Claim rejected")
    )


@transaction.atomic
def credit_spend_for_claim(*, claim, by=None) -> LedgerEntry:
    """An approved claim: its held amount is spent (SPEND, once per claim); payroll pays it."""
    wallet = _lock([claim.wallet_id])[claim.wallet_id]
    return _claim_post(
        claim=claim,
        wallet=wallet,
        kind=Kind.SPEND,
        amount=-claim.amount,
        held=-claim.amount,
        by=by,
        note=_("Claim approved"),
    )


def _claim_post(
    *, claim, wallet: Wallet, kind: str, by, note: str, amount: Decimal = ZERO, held: Decimal = ZERO
) -> LedgerEntry:
    return _post(
        wallet=wallet,
        kind=kind,
        key=f"{claim.reference}:{kind}",
        amount=amount,
        held=held,
        benefit_type=claim.benefit_type,
        reference=claim.reference,
        created_by=by,
        note=note,
    )


# --- Expiry and corrections ---------------------------------------------------------------


@transaction.atomic
def credit_expire(*, on: datetime.date | None = None, by=None) -> list[LedgerEntry]:
    """Expire the available credit of every wallet whose plan ended before ``on``.

    Reserved credit is left alone (the order was placed in time); if it is released later,
    the next run expires it. Running twice posts nothing the second time: the key names the
    wallet's last entry, and an emptied wallet has nothing left to expire.
    """
    on = on or timezone.localdate()
    candidates = Wallet.objects.filter(plan__valid_to__lt=on, balance__gt=0).values_list("pk", flat=True)
    entries = []
    for wallet_id in candidates.order_by("pk"):
        wallet = _lock([wallet_id])[wallet_id]
        available = wallet.balance - wallet.reserved
        if available <= 0:
            continue
        last = LedgerEntry.objects.filter(wallet=wallet).order_by("-pk").values_list("pk", flat=True).first()
        entries.append(
            _post(
                wallet=wallet,
                kind=Kind.EXPIRE,
                key=f"expire:w{wallet.pk}:after{last}",
                amount=-available,
                reference=f"plan:{wallet.plan_id}",
                note=_("Plan ended on %(date)s") % {"date": wallet.plan.valid_to.isoformat()},
                created_by=by,
            )
        )
    return entries


@transaction.atomic
def wallet_adjust(*, wallet: Wallet, amount: Decimal, note: str, by, key: str | None = None) -> LedgerEntry:
    """A manager's correction: a new entry, never an edit of an old one."""
    amount = Decimal(amount)
    if amount == 0 or not note:
        raise InvalidAmount(_("A correction needs a non-zero amount and a note."))
    wallet = _lock([wallet.pk])[wallet.pk]
    return _post(
        wallet=wallet,
        kind=Kind.ADJUST,
        key=key or f"adjust:{uuid.uuid4()}",
        amount=amount,
        note=note,
        created_by=by,
    )
