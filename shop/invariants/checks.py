"""What must hold whatever the load or the faults: money, stock and orders.

Read-only checks behind ``manage.py check_invariants`` (run after every load run, see
docs/load.md). Each returns the violations it finds, one per wallet, stock record or order:

* ``wallets_not_below_zero``: no wallet, now or after any ledger entry, with a negative
  balance, negative reservations or more reserved than owned;
* ``wallets_match_ledger``: stored balance and reservations equal the sums of the wallet's
  entries (the check of ``manage.py verify_wallets``);
* ``stock_not_oversold``: no stock record below zero and, where the product class tracks
  stock, never more units allocated to orders than in stock;
* ``orders_paid_exactly``: the payment sources of each order add up to its total incl. tax;
* ``orders_credit_match_ledger``: the welfare credit source of each order equals the credit
  its ledger entries reserved, spent and returned no more than that, and no entry names a
  missing order;
* ``orders_complete``: each order has lines, and lines plus shipping plus surcharges make its
  total (no half-written order).
"""

from dataclasses import dataclass

from django.db.models import F, Q, Sum
from oscar.core.loading import get_model

from shop.core.money import round_money
from shop.welfare.models import ZERO, LedgerEntry, Wallet
from shop.welfare.selectors import CREDIT_SOURCE_CODE, wallets_out_of_balance

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Surcharge = get_model("order", "Surcharge")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")

Kind = LedgerEntry.Kind


@dataclass(frozen=True)
class Violation:
    check: str
    subject: str
    detail: str

    def __str__(self):
        return f"{self.check}: {self.subject}: {self.detail}"


def _money(value) -> object:
    # SQLite sums decimals as floats: compare to the cent.
    return round_money(value if value is not None else ZERO)


def _sums(queryset, key: str, value) -> dict:
    return {row[key]: _money(row["total"]) for row in queryset.order_by().values(key).annotate(total=value)}


def wallets_not_below_zero() -> list[Violation]:
    check = "wallets_not_below_zero"
    overdrawn = Q(balance__lt=0) | Q(reserved__lt=0) | Q(reserved__gt=F("balance"))
    found = [
        Violation(check, f"wallet {pk}", f"balance {balance}, reserved {reserved}")
        for pk, balance, reserved in Wallet.objects.filter(overdrawn)
        .order_by("pk")
        .values_list("pk", "balance", "reserved")
    ]
    history = Q(balance_after__lt=0) | Q(reserved_after__lt=0) | Q(reserved_after__gt=F("balance_after"))
    found += [
        Violation(
            check,
            f"wallet {wallet_id}",
            f"ledger entry {pk} left balance {balance}, reserved {reserved}",
        )
        for pk, wallet_id, balance, reserved in LedgerEntry.objects.filter(history)
        .order_by("pk")
        .values_list("pk", "wallet_id", "balance_after", "reserved_after")
    ]
    return found


def wallets_match_ledger() -> list[Violation]:
    return [
        Violation(
            "wallets_match_ledger",
            f"wallet {row.wallet_id}",
            f"stored balance {row.stored_balance} reserved {row.stored_reserved}, "
            f"entries give balance {row.ledger_balance} reserved {row.ledger_reserved}",
        )
        for row in wallets_out_of_balance()
    ]


def stock_not_oversold() -> list[Violation]:
    tracked = Q(product__product_class__track_stock=True) | Q(
        product__parent__product_class__track_stock=True
    )
    broken = (
        Q(num_in_stock__lt=0) | Q(num_allocated__lt=0) | (tracked & Q(num_allocated__gt=F("num_in_stock")))
    )
    return [
        Violation(
            "stock_not_oversold",
            f"stock record {pk} ({sku})",
            f"{allocated} allocated, {in_stock} in stock",
        )
        for pk, sku, in_stock, allocated in StockRecord._default_manager.filter(broken)
        .distinct()
        .order_by("pk")
        .values_list("pk", "partner_sku", "num_in_stock", "num_allocated")
    ]


def orders_paid_exactly() -> list[Violation]:
    paid = _sums(Source._default_manager.all(), "order_id", Sum("amount_allocated"))
    return [
        Violation(
            "orders_paid_exactly",
            f"order {number}",
            f"total {total}, payment sources {paid.get(pk, ZERO)}",
        )
        for pk, number, total in Order._default_manager.order_by("pk").values_list(
            "pk", "number", "total_incl_tax"
        )
        if paid.get(pk, ZERO) != total
    ]


def orders_credit_match_ledger() -> list[Violation]:
    check = "orders_credit_match_ledger"
    credit = _sums(
        Source._default_manager.filter(source_type__code=CREDIT_SOURCE_CODE),
        "order__number",
        Sum("amount_allocated"),
    )
    entries = LedgerEntry.objects.exclude(order_number="")
    reserved = _sums(entries.filter(kind=Kind.RESERVE), "order_number", Sum("held"))
    spent = _sums(entries.filter(kind=Kind.SPEND), "order_number", Sum("amount"))
    released = _sums(entries.filter(kind=Kind.RELEASE), "order_number", Sum("held"))
    refunded = _sums(entries.filter(kind=Kind.REFUND), "order_number", Sum("amount"))
    named = set(credit) | set(reserved) | set(spent) | set(released) | set(refunded)
    numbers = set(Order._default_manager.filter(number__in=named).values_list("number", flat=True))
    found = []
    for number in sorted(named):
        taken, held = credit.get(number, ZERO), reserved.get(number, ZERO)
        if number not in numbers:
            found.append(Violation(check, f"order {number}", "ledger entries name a missing order"))
            continue
        if taken != held:
            found.append(
                Violation(check, f"order {number}", f"credit source {taken}, ledger reserved {held}")
            )
        if -spent.get(number, ZERO) > held:
            found.append(Violation(check, f"order {number}", f"spent {-spent[number]} of {held} reserved"))
        returned = -released.get(number, ZERO) + refunded.get(number, ZERO)
        if returned > held:
            found.append(Violation(check, f"order {number}", f"returned {returned} of {held} reserved"))
    return found


def orders_complete() -> list[Violation]:
    lines = _sums(Line._default_manager.all(), "order_id", Sum("line_price_incl_tax"))
    surcharges = _sums(Surcharge._default_manager.all(), "order_id", Sum("incl_tax"))
    found = []
    for pk, number, total, shipping in Order._default_manager.order_by("pk").values_list(
        "pk", "number", "total_incl_tax", "shipping_incl_tax"
    ):
        if pk not in lines:
            found.append(Violation("orders_complete", f"order {number}", "no lines"))
            continue
        made = lines[pk] + _money(shipping) + surcharges.get(pk, ZERO)
        if made != total:
            found.append(
                Violation(
                    "orders_complete",
                    f"order {number}",
                    f"total {total}, lines {lines[pk]} + shipping {shipping} + surcharges "
                    f"{surcharges.get(pk, ZERO)} = {made}",
                )
            )
    return found


CHECKS = {
    "wallets_not_below_zero": wallets_not_below_zero,
    "wallets_match_ledger": wallets_match_ledger,
    "stock_not_oversold": stock_not_oversold,
    "orders_paid_exactly": orders_paid_exactly,
    "orders_credit_match_ledger": orders_credit_match_ledger,
    "orders_complete": orders_complete,
}


def invariants_check() -> dict[str, list[Violation]]:
    """Every check by name with its violations (empty lists: everything holds)."""
    return {name: check() for name, check in CHECKS.items()}


def invariants_counts() -> dict[str, int]:
    """What the checks looked at, for the report."""
    return {
        "wallets": Wallet.objects.count(),
        "ledger_entries": LedgerEntry.objects.count(),
        "stock_records": StockRecord._default_manager.count(),
        "orders": Order._default_manager.count(),
        "orders_with_credit": Source._default_manager.filter(source_type__code=CREDIT_SOURCE_CODE)
        .values("order_id")
        .distinct()
        .count(),
    }
