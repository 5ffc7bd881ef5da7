"""Which line may be paid from which wallet, and how much: pure functions, no queries but the
products' categories (read once per request).

A plan allows a product when every restriction it sets holds: the product (or its parent,
for a variant) is in one of the plan's categories or a subcategory of one, and its benefit
type is one of the plan's. A plan without restrictions allows everything.

Credit is taken line by line, from the wallet whose plan ends first, so credit about to
expire is used before credit that lasts longer. This greedy order does not always reach the
largest possible total when plans allow different categories; it is predictable for the
employee, and the payment page shows the resulting maximum.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats

from shop.core.cards import CacheVersion, KeptAnswers
from shop.core.money import round_money
from shop.welfare.exceptions import InvalidAmount

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CreditLine:
    """Something to pay: a basket line at checkout (key = basket line pk), a claim later."""

    key: str
    product: Any
    amount: Decimal
    quantity: int = 1


@dataclass(frozen=True)
class PlanRules:
    plan_id: int
    category_paths: tuple[str, ...]
    benefit_types: tuple[str, ...]

    def allows(self, *, category_paths: Iterable[str], benefit_type: str) -> bool:
        if self.benefit_types and benefit_type not in self.benefit_types:
            return False
        if self.category_paths:
            return any(path.startswith(allowed) for path in category_paths for allowed in self.category_paths)
        return True


@dataclass(frozen=True)
class Allocation:
    line_key: str
    wallet: Any
    amount: Decimal
    benefit_type: str


def _own_or_parent(product):
    # Variants take their category and fiscal treatment from their parent product.
    return product.parent if product.is_child else product


def product_benefit_type(product) -> str:
    return _own_or_parent(product).benefit_type


# Bumped by every save or deletion of a category, a product, a product's category or a credit
# plan, and every change of a plan's categories (receivers.connect_categories_version): the
# category rules of the credit below are kept in the cache until one of them changes (every
# checkout step quotes the credit, and the rules almost never change).
CATEGORIES_VERSION = CacheVersion("welfare:categories:version", "categories-cache.stamp")


def product_category_paths(product) -> tuple[str, ...]:
    """The product's category paths (its parent's for a variant): the credit quote asks for
    each line several times on every checkout step. Kept until a category changes."""
    product = _own_or_parent(product)
    return _category_paths_memo.get(
        product.pk, lambda: tuple(product.categories.values_list("path", flat=True))
    )


_category_paths_memo = KeptAnswers("product_category_paths", CATEGORIES_VERSION)


def allocate(
    *,
    lines: list[CreditLine],
    wallets: list,
    rules: dict[int, PlanRules],
    cap: Decimal | None = None,
    type_limits: dict[str, Decimal] | None = None,
) -> list[Allocation]:
    """Spread up to ``cap`` (None: as much as possible) of the wallets' available credit on lines.

    ``type_limits`` caps the credit per benefit type (e.g. the room left under the c.3
    fringe-benefit cap, when the employee pays the excess by other means).
    """
    remaining_by_wallet = {wallet.pk: wallet.available for wallet in wallets}
    left_by_type = dict(type_limits or {})
    budget = cap
    allocations = []
    for line in lines:
        paths = product_category_paths(line.product)
        benefit_type = product_benefit_type(line.product)
        left_on_line = line.amount
        for wallet in wallets:
            if left_on_line <= 0 or (budget is not None and budget <= 0):
                break
            if not rules[wallet.plan_id].allows(category_paths=paths, benefit_type=benefit_type):
                continue
            take = min(left_on_line, remaining_by_wallet[wallet.pk])
            if benefit_type in left_by_type:
                take = min(take, left_by_type[benefit_type])
                left_by_type[benefit_type] -= max(take, ZERO)
            if budget is not None:
                take = min(take, budget)
                budget -= take
            if take <= 0:
                continue
            remaining_by_wallet[wallet.pk] -= take
            left_on_line -= take
            allocations.append(
                Allocation(line_key=line.key, wallet=wallet, amount=take, benefit_type=benefit_type)
            )
    return allocations


def allowed_total(*, lines: list[CreditLine], rules: Iterable[PlanRules]) -> Decimal:
    """What the lines could take from credit if balances were unlimited."""
    rules = list(rules)
    total = ZERO
    for line in lines:
        paths = product_category_paths(line.product)
        benefit_type = product_benefit_type(line.product)
        if any(rule.allows(category_paths=paths, benefit_type=benefit_type) for rule in rules):
            total += line.amount
    return total


def amount_clean(amount) -> Decimal:
    """``amount`` as a Decimal of euros and cents above zero; InvalidAmount otherwise."""
    try:
        amount = Decimal(amount)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise InvalidAmount() from exc
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidAmount()
    return amount


def euros(amount: Decimal) -> str:
    """An amount for a message, written the way the active language writes it ("1.234,50")."""
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)


def share(*, amount: Decimal, units: int, of_units: int) -> Decimal:
    """The part of ``amount`` that ``units`` out of ``of_units`` carry, to the cent.

    Returns are computed as share(done + q) - share(done), so returning every unit, in any
    number of steps, gives back exactly ``amount``.
    """
    if units >= of_units:
        return amount
    return round_money(amount * units / of_units)
