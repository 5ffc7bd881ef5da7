"""The order fork keeps the lines it creates, with their options (forked_apps/order/utils.py):
the receivers of ``order_placed``, the payment events and the credit reservation read them
again in the same request without a query, and see what the database holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.factories.eligibility import UserFactory
from tests.factories.welfare import basket_with, product_in

Option = get_model("catalogue", "Option")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def described(order) -> list[tuple]:
    return [
        (line.product_id, line.quantity, [(a.type, a.value) for a in line.attributes.all()])
        for line in order.lines.all()
    ]


def test_the_placed_order_keeps_its_lines_and_their_options():
    user = UserFactory()
    honey = product_in(category_path="Alimentari", price="9.00", title="Miele di castagno")
    gift = product_in(category_path="Alimentari", price="12.00", title="Cesto di Natale")
    dedication = Option.objects.create(name="Dedica", code="dedica")
    basket = basket_with(user=user, lines=[(honey, 2)])
    basket.add_product(gift, 1, options=[{"option": dedication, "value": "Buon Natale, nonna!"}])

    order = create_order(basket=basket, user=user)

    with CaptureQueriesContext(connection) as queries:
        kept = described(order)
        count = order.lines.count()
    assert len(queries) == 0 and count == 2
    assert kept == [(honey.pk, 2, []), (gift.pk, 1, [("dedica", "Buon Natale, nonna!")])]
    assert kept == described(Order.objects.get(pk=order.pk))  # what the database holds
    # A narrower question still asks the database.
    assert list(order.lines.filter(product=gift).values_list("quantity", flat=True)) == [1]
