"""Many checkouts of one employee at the same time, each thread on its own connection."""

import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from oscar.test.factories import create_order

from shop.welfare.exceptions import InsufficientCredit
from shop.welfare.models import LedgerEntry, Wallet
from shop.welfare.selectors import basket_credit_lines
from shop.welfare.services import credit_allocate, credit_reserve_for_order, credit_spend_for_order
from tests.factories.welfare import basket_with, funded_plan, order_with_credit, product_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: run with DATABASE_URL=postgres://...")


def run_together(target, args_list):
    barrier = threading.Barrier(len(args_list))
    results = [None] * len(args_list)

    def worker(i, args):
        try:
            barrier.wait()
            results[i] = target(*args)
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(args_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def checkout(user, basket):
    with transaction.atomic():
        allocations = credit_allocate(user=user, lines=basket_credit_lines(basket), amount=Decimal("10.00"))
        order = create_order(basket=basket, user=user)
        credit_reserve_for_order(order=order, basket=basket, allocations=allocations)
        return order.number


def test_simultaneous_checkouts_never_overspend_nor_lose_an_entry(employer, employee, employee_user):
    plan = funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="10.00")
    baskets = [basket_with(user=employee_user, lines=[(product, 1)]) for _ in range(THREADS)]

    results = run_together(checkout, [(employee_user, basket) for basket in baskets])

    placed = [r for r in results if isinstance(r, str | int)]
    refused = [r for r in results if isinstance(r, InsufficientCredit)]
    assert len(placed) == 10 and len(refused) == 10, results
    wallet = Wallet.objects.get(plan=plan)
    assert (wallet.balance, wallet.reserved, wallet.available) == (
        Decimal("100.00"),
        Decimal("100.00"),
        Decimal("0"),
    )
    assert LedgerEntry.objects.filter(kind="reserve").count() == 10
    call_command("verify_wallets")


def test_the_same_order_submitted_many_times_at_once_reserves_once(employer, employee, employee_user):
    plan = funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="10.00")
    basket = basket_with(user=employee_user, lines=[(product, 1)])

    run_together(checkout, [(employee_user, basket) for _ in range(THREADS)])

    wallet = Wallet.objects.get(plan=plan)
    assert wallet.reserved == Decimal("10.00")
    assert LedgerEntry.objects.filter(kind="reserve").count() == 1
    call_command("verify_wallets")


def test_simultaneous_confirmations_spend_once(employer, employee, employee_user):
    plan = funded_plan(employer=employer, amount="100.00")
    product = product_in(category_path="Servizi > Assistenza", price="30.00")
    order = order_with_credit(user=employee_user, lines=[(product, 1)])

    run_together(lambda: credit_spend_for_order(order=order), [() for _ in range(THREADS)])

    wallet = Wallet.objects.get(plan=plan)
    assert (wallet.balance, wallet.reserved) == (Decimal("70.00"), Decimal("0.00"))
    assert LedgerEntry.objects.filter(kind="spend").count() == 1
    call_command("verify_wallets")


def test_the_database_refuses_raw_updates_and_deletes_of_entries(employer, employee):
    from django.db import DatabaseError

    funded_plan(employer=employer, amount="100.00")
    for sql in ("UPDATE welfare_ledgerentry SET amount = 1", "DELETE FROM welfare_ledgerentry"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert LedgerEntry.objects.get().amount == Decimal("100.00")


def checkout_within_cap(user, basket):
    from oscar.core.prices import Price

    from shop.welfare.checkout import checkout_reserve_credit, checkout_take_payment
    from shop.welfare.forms import WITHIN_CAP

    with transaction.atomic():
        order_number = f"C{basket.pk}"
        payment = checkout_take_payment(
            user=user,
            basket=basket,
            order_number=order_number,
            total=basket.total_incl_tax,
            credit=None,
            fringe_choice=WITHIN_CAP,
        )
        total = Price(currency="EUR", excl_tax=basket.total_incl_tax, incl_tax=basket.total_incl_tax)
        order = create_order(number=order_number, basket=basket, user=user, total=total)
        checkout_reserve_credit(order=order, basket=basket, payment=payment)
        return payment.credit


def test_two_checkouts_that_fit_the_fringe_cap_alone_but_not_together(employer, employee, employee_user):
    from shop.welfare.selectors import fringe_status

    funded_plan(employer=employer, amount="3000.00")
    product = product_in(category_path="Alimentari", price="600.00", benefit_type="c3")
    baskets = [basket_with(user=employee_user, lines=[(product, 1)]) for _ in range(2)]

    results = run_together(checkout_within_cap, [(employee_user, basket) for basket in baskets])

    # One takes €600 of credit, the other only the €400 left under the €1,000 cap.
    assert sorted(results) == [Decimal("400.00"), Decimal("600.00")], results
    assert fringe_status(employee=employee).committed == Decimal("1000.00")
    call_command("verify_wallets")
