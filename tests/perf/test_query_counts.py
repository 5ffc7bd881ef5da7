"""Storefront pages keep a constant number of SQL queries as their content grows.

Complements tests/core/test_storefront_queries.py (home, category, catalogue, search by
product count; product page by recently viewed products) and tests/km0/test_category_listing.py
(category filtered by distance at 20 and 100 per page): here the distance-filtered pages for
anonymous visitors and employees as products grow, every storefront page (home, category,
distance-filtered category and catalogue, search, product, basket) at 20 and 100 products
per page for anonymous visitors and employees, the product page as its category grows, and
the basket page as lines are added.
A regression (a per-card query, a lost prefetch) fails here before it shows in
benchmarks/storefront.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.km0.services import distances_compute
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import MAX_QUERIES_PER_LIST_PAGE, shop
from tests.core.test_storefront_queries import grow as grow_products
from tests.factories.km0 import EmployeeFactory

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]  # fixtures shared with the storefront tests

DISTANCE = "km=10&sort_by=distance"
# A logged-in page also reads the session, the user, the basket, the wallet and the charter.
MAX_QUERIES_PER_EMPLOYEE_LIST_PAGE = 25
MAX_QUERIES_PER_DETAIL_PAGE = 25
# ... and with a line in the basket, the basket's lines, vouchers and offers (mini-basket).
MAX_QUERIES_PER_CUSTOMER_PAGE = 30


def grow(shop, *, to):
    """More goods and services (each batch has its own origin), with their distances."""
    grow_products(shop, to=to)
    distances_compute()


def steady_queries(client, url, *, method="get", data=None, expected=200) -> tuple[int, object]:
    """Queries of the second request, once thumbnails and cached fragments exist."""
    getattr(client, method)(url, data) if data else getattr(client, method)(url)
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == expected
    return len(queries), response


@pytest.fixture
def stocked(shop):
    """The storefront shop with 20 goods and 20 services, all at distance 0 from the centre."""
    grow(shop, to=20)
    return shop


def employee_login(client, settings):
    from shop.territory.models import Municipality

    employee = EmployeeFactory(
        home_municipality=Municipality.objects.get(pk=settings.SHOP_TERRITORY_CENTRE_ISTAT)
    )
    client.force_login(employee.user)
    return employee


def test_category_filtered_by_distance_queries_do_not_grow_with_products(client, shop):
    url = f"{shop['goods'].get_absolute_url()}?{DISTANCE}"
    grow(shop, to=5)
    five, response = steady_queries(client, url)
    assert len(response.context["products"]) == 5
    grow(shop, to=20)
    twenty, response = steady_queries(client, url)
    assert len(response.context["products"]) == 20

    assert twenty == five
    assert twenty <= MAX_QUERIES_PER_LIST_PAGE


def test_employee_pages_queries_do_not_grow_with_products(client, shop, settings):
    employee_login(client, settings)
    urls = ["/", f"{shop['goods'].get_absolute_url()}?{DISTANCE}", f"/catalogue/?{DISTANCE}"]
    grow(shop, to=5)
    few = [steady_queries(client, url)[0] for url in urls]
    grow(shop, to=20)
    many = [steady_queries(client, url)[0] for url in urls]

    assert many == few
    assert max(many) <= MAX_QUERIES_PER_EMPLOYEE_LIST_PAGE


@pytest.mark.parametrize("url", [f"/catalogue/?{DISTANCE}", "/search/?q=miele"])
def test_list_page_queries_are_the_same_at_20_and_100_per_page(client, stocked, settings, url):
    from django.core.management import call_command

    grow(stocked, to=60)  # 120 products: a full page of 100
    call_command("rebuild_index", interactive=False, verbosity=0)
    counts = []
    for per_page in (20, 100):
        settings.OSCAR_PRODUCTS_PER_PAGE = per_page
        queries, response = steady_queries(client, url)
        assert len(response.context["page_obj"].object_list) == per_page
        counts.append(queries)

    assert counts[0] == counts[1]
    assert counts[1] <= MAX_QUERIES_PER_LIST_PAGE


@pytest.fixture
def catalogue_of_120(stocked):
    from django.core.management import call_command

    grow(stocked, to=60)  # 120 products: a full page of 100
    call_command("rebuild_index", interactive=False, verbosity=0)
    return stocked


def storefront_pages(shop) -> dict:
    category = shop["goods"].get_absolute_url()
    product = shop["goods"].product_set.order_by("pk").first()
    return {
        "home": "/",
        "category": category,
        "category_km": f"{category}?{DISTANCE}",
        "catalogue_km": f"/catalogue/?{DISTANCE}",
        "search": "/search/?q=miele",
        "product": product.get_absolute_url(),
        "basket": "/basket/",
    }


@pytest.mark.parametrize("who", ["anonymous", "employee"])
def test_every_storefront_page_runs_the_same_queries_at_20_and_100_per_page(
    client, catalogue_of_120, settings, who
):
    """A page size of 100 instead of 20 changes no page's number of queries."""
    if who == "employee":
        employee_login(client, settings)
        product = catalogue_of_120["goods"].product_set.order_by("pk").first()
        assert client.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
    pages = storefront_pages(catalogue_of_120)
    counts = {}
    for per_page in (20, 100):
        settings.OSCAR_PRODUCTS_PER_PAGE = per_page
        counts[per_page] = {name: steady_queries(client, url)[0] for name, url in pages.items()}

    assert counts[20] == counts[100]
    limit = MAX_QUERIES_PER_LIST_PAGE if who == "anonymous" else MAX_QUERIES_PER_CUSTOMER_PAGE
    for name in ("category", "category_km", "catalogue_km", "search"):
        assert counts[100][name] <= limit, name
    assert counts[100]["product"] <= (MAX_QUERIES_PER_DETAIL_PAGE if who == "anonymous" else limit)


def test_product_page_queries_do_not_grow_with_its_category(client, shop):
    grow(shop, to=5)
    product = shop["goods"].product_set.order_by("pk").first()
    five, _ = steady_queries(client, product.get_absolute_url())
    grow(shop, to=20)
    twenty, _ = steady_queries(client, product.get_absolute_url())

    assert twenty == five
    assert twenty <= MAX_QUERIES_PER_DETAIL_PAGE


def test_basket_page_queries_do_not_grow_with_lines(client, stocked, settings):
    employee_login(client, settings)
    goods = list(stocked["goods"].product_set.order_by("pk")[:5])
    client.post(f"/basket/add/{goods[0].pk}/", {"quantity": 1})
    one_line, response = steady_queries(client, "/basket/")
    assert response.context["basket"].num_lines == 1
    for product in goods[1:]:
        assert client.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
    five_lines, response = steady_queries(client, "/basket/")
    assert response.context["basket"].num_lines == 5

    assert five_lines == one_line
    assert five_lines <= MAX_QUERIES_PER_DETAIL_PAGE


def test_basket_add_queries_do_not_grow_with_lines(client, stocked, settings):
    employee_login(client, settings)
    goods = list(stocked["goods"].product_set.order_by("pk")[:6])
    client.post(f"/basket/add/{goods[0].pk}/", {"quantity": 1})
    second, _ = steady_queries(
        client, f"/basket/add/{goods[1].pk}/", method="post", data={"quantity": 1}, expected=302
    )
    for product in goods[2:5]:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    sixth, _ = steady_queries(
        client, f"/basket/add/{goods[5].pk}/", method="post", data={"quantity": 1}, expected=302
    )

    assert sixth == second


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite connection settings")
def test_sqlite_connections_use_wal_and_immediate_transactions(tmp_path):
    """The pragmas of settings' init_command really apply to every new connection (Django 5.1+)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "wal.sqlite3")})
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
    finally:
        wrapper.close()

    assert journal_mode == "wal"
    assert synchronous == 1  # NORMAL: safe with WAL, one fsync per checkpoint
    assert wrapper.transaction_mode == "IMMEDIATE"
