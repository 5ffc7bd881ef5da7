"""A buyer's basket read empty costs no statement for its lines (forked_apps/basket/models.py),
and a line added or merged afterwards, on the same basket object, is counted at once. Lines are
read with their options only when they have some, and with their pictures only by the pages
that show them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import shop
from tests.factories.eligibility import EmployeeFactory
from tests.perf.test_query_counts import employee_login, grow

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]  # fixtures shared with the storefront tests

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


def basket_line_reads(queries) -> list[str]:
    """Statements that read lines (the basket's own statement asks only whether one EXISTS)."""
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "basket_line".')]


@pytest.fixture
def product(shop):
    grow(shop, to=1)
    return Product.objects.filter(categories=shop["goods"]).get()


def open_basket(user):
    """The user's open basket as the middleware reads it (created first if there is none)."""
    basket = Basket.open.get(pk=Basket.open.get_or_create(owner=user)[0].pk)
    basket.strategy = Selector().strategy(user=user)
    return basket


def test_a_page_seen_with_an_empty_basket_reads_no_basket_line(client, shop, settings):
    employee_login(client, settings)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert basket_line_reads(queries) == []
    assert response.context["request"].basket.is_empty


def test_a_page_seen_with_a_line_in_the_basket_shows_it_in_the_header(client, shop, product, settings):
    employee_login(client, settings)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})

    response = client.get("/")

    basket = response.context["request"].basket
    assert (basket.num_lines, basket.num_items) == (1, 2)
    assert 'class="basket-summary__count">2<' in response.content.decode()


def test_a_basket_just_made_reads_no_line(shop):
    user = EmployeeFactory().user
    basket, created = Basket.open.get_or_create(owner=user)
    assert created

    with CaptureQueriesContext(connection) as queries:
        assert basket.is_empty and basket.num_lines == 0

    assert len(queries) == 0


def test_a_product_added_to_a_basket_read_empty_is_counted_at_once(shop, product, settings):
    user = EmployeeFactory().user
    basket = open_basket(user)
    assert basket.had_lines is False and basket.is_empty

    basket.add_product(product, 3)

    assert (basket.num_lines, basket.num_items) == (1, 3)
    assert not basket.is_empty


def test_a_saved_line_moved_into_a_basket_read_empty_is_counted_at_once(shop, product):
    user = EmployeeFactory().user
    saved = Basket.saved.create(owner=user)
    saved.strategy = Selector().strategy(user=user)
    saved.add_product(product, 1)
    basket = open_basket(user)
    assert basket.had_lines is False and basket.is_empty

    basket.merge_line(saved.lines.get())

    assert basket.num_lines == 1
    assert [line.product for line in basket.all_lines()] == [product]


def test_a_basket_read_with_a_line_loads_its_lines(shop, product):
    user = EmployeeFactory().user
    open_basket(user).add_product(product, 1)

    basket = open_basket(user)

    assert basket.had_lines is True
    assert basket.num_lines == 1


# --- What the lines are read with (issue 23) -----------------------------------------------


def reads_of(table: str, queries) -> list[str]:
    """Statements that read ``table``'s rows (not those that only ask whether one EXISTS)."""
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f'SELECT "{table}".')]


@pytest.fixture
def three_goods(shop):
    grow(shop, to=3)
    return list(Product.objects.filter(categories=shop["goods"]).order_by("pk")[:3])


def test_lines_without_options_are_read_without_their_options_or_pictures(shop, three_goods):
    user = EmployeeFactory().user
    basket = open_basket(user)
    for product in three_goods:
        basket.add_product(product, 1)
    basket = open_basket(user)

    with CaptureQueriesContext(connection) as queries:
        lines = list(basket.all_lines())
        options = [list(line.attributes.all()) for line in lines]

    assert [line.product for line in lines] == three_goods and options == [[], [], []]
    assert reads_of("basket_lineattribute", queries) == []
    assert reads_of("catalogue_productimage", queries) == []
    assert len(queries) == 1  # the lines with their products, stock records and suppliers


def test_a_line_with_a_booking_slot_keeps_it_beside_a_line_without(shop, three_goods):
    option, _created = Option.objects.get_or_create(code="prenotazione", defaults={"name": "Prenotazione"})
    user = EmployeeFactory().user
    basket = open_basket(user)
    basket.add_product(three_goods[0], 1, options=[{"option": option, "value": "24/12/2026 10:00"}])
    basket.add_product(three_goods[1], 1)
    basket = open_basket(user)

    with CaptureQueriesContext(connection) as queries:
        values = {line.product: [a.value for a in line.attributes.all()] for line in basket.all_lines()}

    assert values == {three_goods[0]: ["24/12/2026 10:00"], three_goods[1]: []}
    assert len(reads_of("basket_lineattribute", queries)) == 1
    assert "24/12/2026 10:00" in basket.all_lines()[0].description


def test_the_basket_page_reads_the_pictures_of_all_its_lines_at_once(client, shop, three_goods, settings):
    employee_login(client, settings)
    for product in three_goods:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.get(reverse("basket:summary"))  # thumbnails made

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    assert len(reads_of("catalogue_productimage", queries)) == 1
    assert response.content.decode().count('class="img-thumbnail') == 3
