"""``manage.py check_invariants``: holds on a consistent shop, fails on each kind of breakage.

Each breaking test writes what a bug (or a lost write) would leave behind, bypassing the
services, and checks that the right invariant reports it and the command fails.
"""

import io
import json
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from shop.demo.welfare import payment_sources_record
from shop.invariants.checks import invariants_check
from shop.welfare.gateways import PayOnDelivery
from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.selectors import CREDIT_SOURCE_NAME
from tests.factories.welfare import basket_with, funded_plan, order_with_credit, product_in

Line = get_model("order", "Line")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")

CREDIT = Decimal("25.00")


def record_payment(order, credit: Decimal):
    """The payment sources a checkout records: the credit, the rest paid at the door."""
    payment_sources_record(order=order, credit=credit)


@pytest.fixture
def shop(employer, employee, employee_user):
    """One funded wallet, one order paid partly with credit, one paid at the door."""
    funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="30.00")
    with_credit = order_with_credit(user=employee_user, lines=[(product, 2)], credit=CREDIT)
    record_payment(with_credit, CREDIT)
    at_the_door = create_order(
        basket=basket_with(user=employee_user, lines=[(product, 1)]), user=employee_user
    )
    record_payment(at_the_door, Decimal("0.00"))
    return {
        "wallet": Wallet.objects.get(employee=employee),
        "product": product,
        "with_credit": with_credit,
        "at_the_door": at_the_door,
    }


def failed(name: str) -> list[str]:
    """The violations of one check, after asserting the command fails naming it."""
    with pytest.raises(CommandError, match=name):
        call_command("check_invariants", stdout=io.StringIO(), stderr=io.StringIO())
    return [str(v) for v in invariants_check()[name]]


@contextmanager
def wallet_constraint_off():
    """Let a write through the database's own overdraft check (restored with the test's rollback)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                yield
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks left to block ALTER
            cursor.execute(f"ALTER TABLE {Wallet._meta.db_table} DROP CONSTRAINT wallet_never_overdrawn")
            yield


def test_every_invariant_holds_on_a_consistent_shop(shop):
    out = io.StringIO()
    call_command("check_invariants", stdout=out)

    assert all(found == [] for found in invariants_check().values())
    assert "Every invariant holds." in out.getvalue()
    shop["wallet"].refresh_from_db()
    assert shop["wallet"].reserved == CREDIT  # the order really reserved credit
    assert StockRecord.objects.get(product=shop["product"]).num_allocated == 3


def test_json_output_names_every_check(shop):
    out = io.StringIO()
    call_command("check_invariants", "--json", stdout=out)

    report = json.loads(out.getvalue())
    assert report["held"] is True
    assert set(report["checks"]) == set(invariants_check())
    assert report["checked"]["orders"] == 2
    assert report["checked"]["orders_with_credit"] == 1


def test_a_wallet_below_zero_fails(shop):
    wallet = shop["wallet"]
    with wallet_constraint_off():
        Wallet.objects.filter(pk=wallet.pk).update(balance=Decimal("-5.00"), reserved=Decimal("0.00"))

        found = failed("wallets_not_below_zero")

    assert found == [f"wallets_not_below_zero: wallet {wallet.pk}: balance -5.00, reserved 0.00"]


def test_a_ledger_entry_that_left_a_wallet_below_zero_fails(shop):
    wallet = shop["wallet"]
    # An entry whose recorded "after" figures show an overdraft, written past the services.
    entry = LedgerEntry.objects.create(
        wallet=wallet,
        kind="adjust",
        amount=Decimal("-1.00"),
        balance_after=Decimal("-1.00"),
        reserved_after=Decimal("0.00"),
        idempotency_key="test:overdraft",
    )

    found = failed("wallets_not_below_zero")

    assert found == [
        f"wallets_not_below_zero: wallet {wallet.pk}: "
        f"ledger entry {entry.pk} left balance -1.00, reserved 0.00"
    ]


def test_a_balance_that_differs_from_its_ledger_fails(shop):
    wallet = shop["wallet"]
    Wallet.objects.filter(pk=wallet.pk).update(balance=wallet.balance + Decimal("0.01"))

    found = failed("wallets_match_ledger")

    assert len(found) == 1 and f"wallet {wallet.pk}" in found[0]
    assert invariants_check()["wallets_not_below_zero"] == []


def test_oversold_stock_fails(shop):
    StockRecord.objects.filter(product=shop["product"]).update(num_in_stock=2)  # 3 allocated

    found = failed("stock_not_oversold")

    assert len(found) == 1 and found[0].endswith("3 allocated, 2 in stock")


def test_more_allocated_than_in_stock_is_fine_when_stock_is_not_tracked(shop):
    product_class = shop["product"].get_product_class()
    type(product_class).objects.filter(pk=product_class.pk).update(track_stock=False)
    StockRecord.objects.filter(product=shop["product"]).update(num_in_stock=0)

    assert invariants_check()["stock_not_oversold"] == []


def test_an_order_paid_short_fails(shop):
    order = shop["at_the_door"]
    Source.objects.filter(order=order).update(amount_allocated=order.total_incl_tax - Decimal("0.01"))

    found = failed("orders_paid_exactly")

    assert found == [
        f"orders_paid_exactly: order {order.number}: total {order.total_incl_tax}, "
        f"payment sources {order.total_incl_tax - Decimal('0.01')}"
    ]


def test_an_order_without_payment_fails(shop):
    Source.objects.filter(order=shop["at_the_door"]).delete()

    assert failed("orders_paid_exactly")


def test_credit_source_that_differs_from_the_ledger_fails(shop):
    order = shop["with_credit"]
    # Still paid exactly in total, but the credit part says more than the wallets gave.
    Source.objects.filter(order=order, source_type__name=CREDIT_SOURCE_NAME).update(
        amount_allocated=CREDIT + 1
    )
    Source.objects.filter(order=order, source_type__name=PayOnDelivery.source_name).update(
        amount_allocated=order.total_incl_tax - CREDIT - 1
    )

    found = failed("orders_credit_match_ledger")

    assert found == [
        f"orders_credit_match_ledger: order {order.number}: credit source {CREDIT + 1}, "
        f"ledger reserved {CREDIT}"
    ]
    assert invariants_check()["orders_paid_exactly"] == []


def test_credit_reserved_for_an_order_that_does_not_exist_fails(shop):
    wallet = shop["wallet"]
    wallet.refresh_from_db()
    # Written past the services, as a bug would: a reservation naming an order nobody placed.
    LedgerEntry.objects.create(
        wallet=wallet,
        kind="reserve",
        held=Decimal("5.00"),
        balance_after=wallet.balance,
        reserved_after=wallet.reserved + Decimal("5.00"),
        idempotency_key="reserve:GHOST:1",
        order_number="GHOST",
    )
    Wallet.objects.filter(pk=wallet.pk).update(reserved=F("reserved") + Decimal("5.00"))

    found = failed("orders_credit_match_ledger")

    assert found == ["orders_credit_match_ledger: order GHOST: ledger entries name a missing order"]


def test_a_half_written_order_fails(shop):
    order = shop["at_the_door"]
    Line.objects.filter(order=order).delete()

    found = failed("orders_complete")

    assert found == [f"orders_complete: order {order.number}: no lines"]


def test_an_order_whose_lines_do_not_make_its_total_fails(shop):
    order = shop["at_the_door"]
    type(order).objects.filter(pk=order.pk).update(total_incl_tax=order.total_incl_tax + 1)
    Source.objects.filter(order=order).update(amount_allocated=order.total_incl_tax + 1)

    found = failed("orders_complete")

    assert len(found) == 1 and found[0].startswith(f"orders_complete: order {order.number}: total")
    assert invariants_check()["orders_paid_exactly"] == []
