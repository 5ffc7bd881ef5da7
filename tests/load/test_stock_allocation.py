"""Stock is allocated only while it lasts (forked_apps/order/utils.py), found by the load run.

Oscar checks the stock when the buyer opens the preview and again at the start of placing the
order, then adds to ``num_allocated`` blindly: two buyers of the last unit placing their
orders at the same moment both got it (6 allocated of 5 in stock in a 20 s load run).
"""

import threading

import pytest
from django.db import connection, transaction
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories import product_with_price
from tests.factories.welfare import basket_with

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

THREADS = 8


def place(basket, user):
    with transaction.atomic():  # as the checkout's place_order
        return create_order(basket=basket, user=user).number


def test_an_order_allocates_the_units_in_stock(employee_user):
    product = product_with_price(price="10.00", num_in_stock=2)

    place(basket_with(user=employee_user, lines=[(product, 2)]), employee_user)

    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_the_last_unit_taken_meanwhile_refuses_the_order_and_writes_nothing(employee_user):
    product = product_with_price(price="10.00", num_in_stock=1)
    basket = basket_with(user=employee_user, lines=[(product, 1)])
    # Another buyer's order took the last unit after this basket was checked.
    StockRecord.objects.filter(product=product).update(num_allocated=1)

    with pytest.raises(UnableToPlaceOrder, match=product.get_title()):
        place(basket, employee_user)

    assert not Order.objects.exists()
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_products_without_stock_tracking_are_not_allocated(employee_user):
    product = product_with_price(price="10.00", num_in_stock=0)
    product_class = product.get_product_class()
    type(product_class).objects.filter(pk=product_class.pk).update(track_stock=False)
    product.refresh_from_db()

    place(basket_with(user=employee_user, lines=[(product, 3)]), employee_user)

    assert StockRecord.objects.get(product=product).num_allocated in (None, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_buyers_of_the_last_unit_at_the_same_moment_get_it_once(employee_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: run with DATABASE_URL=postgres://...")
    product = product_with_price(price="10.00", num_in_stock=1)
    baskets = [basket_with(user=employee_user, lines=[(product, 1)]) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    results = [None] * THREADS

    def buyer(i):
        try:
            barrier.wait()
            results[i] = place(baskets[i], employee_user)
        except Exception as exc:  # collected and asserted on below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    placed = [r for r in results if r is not None and not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, UnableToPlaceOrder)]
    assert (len(placed), len(refused)) == (1, THREADS - 1), results
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
