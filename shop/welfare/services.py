"""Writes of welfare credit, the only module that locks wallets and posts ledger entries. Every
movement goes through ``_post``: wallet rows locked in primary-key order (``_lock``), entry
appended, stored figures updated, all in one transaction, at most once per idempotency key.
Claims (``claims.py``) and line refunds call the public functions below, like other apps.

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
import logging
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.core.cards import CacheVersion, KeptAnswers
from shop.core.compiled import CompiledOnce
from shop.core.validators import period_problem
from shop.eligibility.selectors import employments_active_on, may_use_welfare_credit, roster_for_hr
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
from shop.welfare.models import (
    ZERO,
    ChildrenDeclaration,
    CreditPlan,
    EmployeeCategory,
    EmployeeWelfareProfile,
    LedgerEntry,
    PlanBeneficiary,
    Wallet,
)
from shop.welfare.selectors import (
    CREDIT_VERSION,
    LineRefund,
    is_credit_source,
    line_credit_position,
    line_is_refunded,
    line_refund_split,
    plan_rules,
    usable_wallets,
)

Kind = LedgerEntry.Kind
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
logger = logging.getLogger(__name__)


def _lock(wallet_ids) -> dict[int, Wallet]:
    """Lock wallet rows in primary-key order (so two transactions never deadlock); each with
    its credit plan, read in the same statement (only the wallet rows are locked).

    ``wallet_ids`` is an iterable of ids, or a queryset of ids that becomes a subquery of the
    locking statement (one statement instead of two)."""
    ids = wallet_ids if isinstance(wallet_ids, QuerySet) else set(wallet_ids)
    wallets = (
        Wallet.objects.select_for_update(of=("self",))
        .select_related("plan")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {wallet.pk: wallet for wallet in wallets}


# Asked by every ledger entry written: compiled once (shop/core/compiled.py).
_ENTRY_BY_KEY_SQL = CompiledOnce(
    "ledger-entry-by-key", lambda key: LedgerEntry.objects.filter(idempotency_key=key).order_by("pk")[:1]
)


def _post(
    *, wallet: Wallet, kind: str, key: str, amount: Decimal = ZERO, held: Decimal = ZERO, **fields
) -> LedgerEntry:
    """Append one entry to a wallet locked by the caller; a repeated key returns the first entry."""
    existing = _ENTRY_BY_KEY_SQL.first(key)
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
    CREDIT_VERSION.bump()  # the header's credit is read again (selectors.header_credit)
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
    problem = period_problem(valid_from, valid_to)
    if problem is not None:
        raise WelfareError(problem)
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
    return _lock(usable_wallets(user=user, on=on).values("pk"))


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
    locked = _lock(usable_wallets(user=user, on=on).values("pk"))  # found and locked in one statement
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
    order_lines = sorted(order.lines.all(), key=lambda line: line.pk)  # none to read when just placed
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
        position = line_credit_position(line=reserve.order_line, wallet_id=reserve.wallet_id)
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
        position = line_credit_position(line=line, wallet_id=reserve.wallet_id)
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


# --- Refund of one order line to the sources that paid it ------------------------------------
# One function for every reason: a packed item missing (``shop.logistics``), a booking
# refused, not answered in time or cancelled by the buyer (``shop.bookings``), a line cancelled
# by a supplier or the manager (``shop.marketplace``).
#
# The split rule for an order paid partly with welfare credit and partly otherwise (at the
# door, by POS or cash):
#
# * a line's **credit part** is what checkout reserved on that line in the ledger (the
#   per-line allocation made when the order was placed, one RESERVE per line and wallet);
# * its **other part** is the line's price (VAT and discounts included) minus its credit part;
# * refunding the line gives the credit part back to the wallets it came from (a release while
#   the reservation is open, a refund once spent: ``credit_return_line``) and records it on the
#   order's welfare-credit payment source; the other part is refunded on the order's other
#   sources, oldest first, never more than each still holds; shipping and surcharges belong to
#   no line and are never part of a line refund;
# * a line is refunded once: a second call, whatever its reference, writes nothing and returns
#   the same figures. Credit already returned by a status change (Oscar's signals) still
#   counts as the line's credit part, so the other source is never refunded the credit's share.
#
# An Oscar refund payment event, the line status "Annullato" and an order note record it.

REFUND_EVENT_CODE = "rimborso"
REFUND_EVENT_NAME = "Rimborso"
CANCELLED_LINE_STATUS = "Annullato"


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
    # Loaded here: Oscar's order processing (forked_apps/order/processing.py) imports this module.
    handler = get_class("order.processing", "EventHandler")(user=by)
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


# --- Payment source types, the children declaration, regulation categories -------------------


# Payment source and event types are reference rows every order uses: kept in the cache until
# one is saved or deleted (the key is computed before a row is created, so a row created in a
# transaction that rolls back is never kept under the current version).
PAYMENT_TYPES_VERSION = CacheVersion("welfare:payment-types:version", "payment-types-cache.stamp")
_payment_types = KeptAnswers("payment_types", PAYMENT_TYPES_VERSION)


def source_type_for(name: str):
    """The payment source type whose code is ``name``'s slug, created with that name if missing."""
    code = slugify(name)
    return _payment_types.get(
        ("source", code), lambda: SourceType.objects.get_or_create(code=code, defaults={"name": name})[0]
    )


def payment_event_type_for(name: str):
    """The payment event type called ``name``, created if missing (as Oscar's checkout does)."""
    return _payment_types.get(("event", name), lambda: PaymentEventType.objects.get_or_create(name=name)[0])


@transaction.atomic
def children_declare(
    *, employee, year: int, children_count: int, by, on: datetime.date | None = None
) -> ChildrenDeclaration:
    """Record the employee's own statement (a new dated row; the latest of the year counts).

    Only the employee may declare, for the current or the next tax year.
    """
    on = on or timezone.localdate()
    if by is None or employee.user_id != by.pk:
        raise WelfareError(_("Only the employee can make this declaration."))
    if year not in (on.year, on.year + 1):
        raise WelfareError(_("You can declare only for the current or the next tax year."))
    return ChildrenDeclaration.objects.create(
        employee=employee,
        year=year,
        has_dependent_children=children_count > 0,
        children_count=children_count,
        declared_by=by,
    )


@transaction.atomic
def employee_categories_set(*, user, employer, categories: dict[int, str]) -> int:
    """HR sets the regulation category of employees of ``employer`` (its own roster only).

    ``categories`` maps employee ids to a category code ("" removes it). Ids outside the HR
    contact's roster are ignored. Returns how many employees changed.
    """
    roster = {employee.pk: employee for employee in roster_for_hr(user=user, employer=employer)}
    changed = 0
    current = dict(
        EmployeeWelfareProfile.objects.filter(employee__in=roster.values()).values_list(
            "employee", "category"
        )
    )
    for employee_id, category in categories.items():
        if employee_id not in roster or current.get(employee_id, "") == category:
            continue
        if category and category not in EmployeeCategory.values:
            raise WelfareError(_("Unknown category of employees."))
        if category:
            EmployeeWelfareProfile.objects.update_or_create(
                employee_id=employee_id, defaults={"category": category}
            )
        else:
            EmployeeWelfareProfile.objects.filter(employee_id=employee_id).delete()
        changed += 1
    return changed
