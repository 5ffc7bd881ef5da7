"""Adding to the basket (forked_apps/basket): the product is read once with its class, option
flags and stock records, and the quantity already in the basket is counted on the lines the
request has read. What a buyer sees must not change: an addition beyond the stock is refused
with the basket as it was, a product with an option still asks for it and keeps it, and a
line is priced from the stock record of the supplier it was added from."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from tests.factories import PartnerFactory, product_with_price
from tests.factories.eligibility import UserFactory

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    client = Client()
    user = UserFactory()
    client.force_login(user)
    return client, user


def in_basket(user) -> dict:
    basket = Basket.open.get(owner=user)
    return {line.product_id: line.quantity for line in basket.lines.all()}


def add(client, product, **data):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, **data}, follow=True)


def test_an_addition_beyond_the_stock_counts_what_the_basket_holds(buyer):
    client, user = buyer
    product = product_with_price(price="4.00", num_in_stock=3)
    add(client, product, quantity=2)
    assert in_basket(user) == {product.pk: 2}

    refused = add(client, product, quantity=2)  # 2 + 2 > 3

    assert in_basket(user) == {product.pk: 2}
    assert [m for m in refused.context["messages"] if m.level_tag == "error"]
    add(client, product, quantity=1)  # 2 + 1 = 3: still allowed
    assert in_basket(user) == {product.pk: 3}


def test_a_product_with_an_option_asks_for_it_and_keeps_it(buyer):
    client, user = buyer
    product = product_with_price(price="4.00")
    option = Option._default_manager.create(name="Dedica", code="dedica", type=Option.TEXT, required=True)
    product.product_options.add(option)

    refused = add(client, product)
    assert not Basket.open.filter(owner=user, lines__isnull=False).exists()
    assert [m for m in refused.context["messages"] if m.level_tag == "error"]

    add(client, product, dedica="Per la nonna Rina")

    line = Basket.open.get(owner=user).lines.get()
    assert [(a.option.code, a.value) for a in line.attributes.all()] == [("dedica", "Per la nonna Rina")]


def test_a_line_is_priced_from_its_own_supplier_stock_record(buyer):
    # A marketplace: two suppliers sell the same honey. A line added from the second supplier
    # keeps its price and stock, whatever record Oscar would take first for the product.
    client, user = buyer
    product = product_with_price(price="8.00", num_in_stock=10)
    second = oscar_factories.StockRecordFactory(
        product=product,
        partner=PartnerFactory(),
        price=Decimal("12.00"),
        price_currency="EUR",
        num_in_stock=1,
    )
    basket = Basket.open.create(owner=user)
    basket.lines.create(
        line_reference=f"{product.pk}_{second.pk}",
        product=product,
        stockrecord=second,
        quantity=1,
        price_currency="EUR",
        price_incl_tax=Decimal("12.00"),
        price_excl_tax=Decimal("9.84"),
    )

    page = client.get(reverse("basket:summary"))

    line = page.context["basket"].all_lines()[0]
    assert line.purchase_info.stockrecord == second
    assert line.unit_price_incl_tax == Decimal("12.00")
    assert page.context["basket"].total_incl_tax == Decimal("12.00")
    assert not line.purchase_info.availability.is_purchase_permitted(2)[0]  # the second has 1 left


def test_a_product_that_does_not_exist_is_not_found_and_adds_nothing(buyer):
    client, user = buyer
    for pk in (999_999, 2**63, 10**30):  # beyond 64 bits: refused by Django, not the driver
        response = client.post(reverse("basket:add", kwargs={"pk": pk}), {"quantity": 1})
        assert response.status_code == 404
    assert not Basket.objects.filter(owner=user, lines__isnull=False).exists()
