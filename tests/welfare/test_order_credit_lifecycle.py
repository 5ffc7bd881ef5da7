import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from oscar.core.loading import get_class, get_model

from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.services import credit_return_line, credit_spend_for_order
from tests.factories.welfare import YEAR_END, funded_plan, order_with_credit, product_in

EventHandler = get_class("order.processing", "EventHandler")
PaymentEventType = get_model("order", "PaymentEventType")


@pytest.fixture
def wallet(employer, employee):
    plan = funded_plan(employer=employer, amount="500.00")
    return Wallet.objects.get(employee=employee, plan=plan)


@pytest.fixture
def products(db):
    return (
        product_in(category_path="Servizi > Assistenza", price="40.00"),
        product_in(category_path="Alimentari > Verdura", price="3.33"),
    )


def entries_of(order, kind):
    return LedgerEntry.objects.filter(order_number=order.number, kind=kind)


def test_placement_reserves_per_line_and_confirmation_spends(wallet, employee_user, products):
    care, veg = products
    order = order_with_credit(user=employee_user, lines=[(care, 1), (veg, 3)])

    reserves = entries_of(order, "reserve").order_by("order_line_id")
    assert [entry.held for entry in reserves] == [Decimal("40.00"), Decimal("9.99")]
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved, wallet.available) == (
        Decimal("500.00"),
        Decimal("49.99"),
        Decimal("450.01"),
    )

    order.set_status("Confermato")
    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("450.01"), Decimal("0.00"))
    assert credit_spend_for_order(order=order) == []  # confirming twice spends nothing more


def test_cancelling_before_confirmation_releases_exactly(wallet, employee_user, products):
    order = order_with_credit(user=employee_user, lines=[(products[0], 1), (products[1], 3)])
    order.set_status("Annullato")

    wallet.refresh_from_db()
    assert (wallet.balance, wallet.reserved) == (Decimal("500.00"), Decimal("0.00"))
    assert entries_of(order, "release").aggregate(total=Sum("held"))["total"] == Decimal("-49.99")
    assert not entries_of(order, "refund").exists()


def test_refund_after_confirmation_restores_exactly_line_by_line(wallet, employee_user, products):
    care, veg = products
    order = order_with_credit(user=employee_user, lines=[(care, 1), (veg, 3)])
    order.set_status("Confermato")
    care_line, veg_line = order.lines.order_by("pk")

    # One missing vegetable refunded by the packing station, then the rest of the line.
    first = credit_return_line(line=veg_line, quantity=1, reference="missing-1")
    credit_return_line(line=veg_line, quantity=1, reference="missing-1")  # a retry returns nothing more
    rest = credit_return_line(line=veg_line)

    assert [entry.amount for entry in first] == [Decimal("3.33")]
    assert [entry.amount for entry in rest] == [Decimal("6.66")]
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("500.00") - Decimal("40.00")

    credit_return_line(line=care_line)
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("500.00")
    assert credit_return_line(line=care_line) == []  # nothing left to return


def test_uneven_split_returns_the_exact_cents_in_any_steps(wallet, employee_user):
    product = product_in(category_path="Servizi > Assistenza", price="10.00")
    order = order_with_credit(user=employee_user, lines=[(product, 3)], credit=Decimal("10.00"))
    order.set_status("Confermato")
    line = order.lines.get()

    returned = [credit_return_line(line=line, quantity=1, reference=f"r{i}")[0].amount for i in range(3)]

    assert returned == [Decimal("3.33"), Decimal("3.34"), Decimal("3.33")]
    assert sum(returned) == Decimal("10.00")


def test_credit_split_across_two_wallets_returns_to_each(employer, employee, employee_user):
    short = funded_plan(
        employer=employer, amount="15.00", name="Breve", valid_to=YEAR_END - datetime.timedelta(days=1)
    )
    longer = funded_plan(employer=employer, amount="100.00", name="Lungo")
    product = product_in(category_path="Servizi > Assistenza", price="40.00")
    order = order_with_credit(user=employee_user, lines=[(product, 1)])
    order.set_status("Confermato")

    short_wallet = Wallet.objects.get(plan=short)
    long_wallet = Wallet.objects.get(plan=longer)
    assert (short_wallet.balance, long_wallet.balance) == (Decimal("0.00"), Decimal("75.00"))

    credit_return_line(line=order.lines.get())
    short_wallet.refresh_from_db()
    long_wallet.refresh_from_db()
    assert (short_wallet.balance, long_wallet.balance) == (Decimal("15.00"), Decimal("100.00"))


def test_a_refund_payment_event_returns_the_lines_credit(wallet, employee_user, products):
    order = order_with_credit(user=employee_user, lines=[(products[1], 3)])
    order.set_status("Confermato")
    line = order.lines.get()
    refund, _created = PaymentEventType.objects.get_or_create(name="Rimborso", code="rimborso")

    EventHandler(user=None).handle_payment_event(
        order, refund, Decimal("3.33"), lines=[line], line_quantities=[1]
    )

    wallet.refresh_from_db()
    assert wallet.balance == Decimal("500.00") - Decimal("9.99") + Decimal("3.33")
