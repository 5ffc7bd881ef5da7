"""The order fork picks each kind of discount from the order's discounts read once
(forked_apps/order/models.py): the totals of the thank-you page and of the order pages ask
for the three kinds."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from oscar.test.factories import create_order

Order = get_model("order", "Order")
OrderDiscount = get_model("order", "OrderDiscount")

pytestmark = pytest.mark.django_db


def test_each_kind_of_discount_from_one_read():
    order = create_order()
    for category, name in (
        (OrderDiscount.BASKET, "Sconto soci"),
        (OrderDiscount.SHIPPING, "Consegna gratuita"),
        (OrderDiscount.DEFERRED, "Punti"),
        (OrderDiscount.BASKET, "Buono Natale"),
    ):
        OrderDiscount.objects.create(order=order, category=category, offer_name=name, amount=Decimal("1.00"))
    order = Order.objects.prefetch_related("discounts").get(pk=order.pk)

    with CaptureQueriesContext(connection) as queries:
        kinds = (order.basket_discounts, order.shipping_discounts, order.post_order_actions)
        names = [[discount.offer_name for discount in kind] for kind in kinds]
        shipping = order.has_shipping_discounts

    assert names == [["Sconto soci", "Buono Natale"], ["Consegna gratuita"], ["Punti"]]
    assert shipping is True
    assert len(queries) == 0


def test_an_order_without_discounts_shows_none():
    order = create_order()
    assert (order.basket_discounts, order.shipping_discounts, order.post_order_actions) == ([], [], [])
    assert order.has_shipping_discounts is False
