"""Storefront pages run a constant number of SQL queries whatever the number of products shown.

Vanilla Oscar runs ~130 queries for a 20-product category page (strategy, stock, image and
URL lookups per product); the storefront completes cards in bulk instead.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.test_storefront_pages import make_products, plain_static_storage, sellable, six_categories
from tests.factories import MunicipalityFactory, PartnerFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES_PER_LIST_PAGE = 15

__all__ = ["plain_static_storage"]  # autouse fixture shared with the page tests


def steady_state_queries(client, url) -> int:
    """Queries of a page once its thumbnails and the cached navigation exist (what visitors see)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def shop(settings):
    settings.SHOP_TERRITORY_CENTRE_ISTAT = "016119"
    MunicipalityFactory(istat_code="016119", name="Grone")  # the km-0 reference for anonymous visitors
    categories = six_categories()
    goods = categories["Prodotti Km 0"]
    care = categories["Cura della persona"]
    partner = sellable(PartnerFactory(name="Cooperativa L'Innesto"))
    return {"goods": goods, "care": care, "partner": partner}


def grow(shop, *, to):
    """Bring goods and services to ``to`` each (the home page shows up to 8 goods and 4 services)."""
    have = shop.setdefault("have", 0)
    if to > have:
        make_products(to - have, category=shop["goods"], partner=shop["partner"], start=have)
        make_products(
            to - have,
            category=shop["care"],
            partner=shop["partner"],
            services=True,
            class_rate="esente",
            start=1000 + have,
        )
        shop["have"] = to


def test_home_page_queries_do_not_grow_with_products(client, shop):
    grow(shop, to=2)
    few = steady_state_queries(client, "/")
    grow(shop, to=20)
    many = steady_state_queries(client, "/")

    assert many == few
    assert many <= MAX_QUERIES_PER_LIST_PAGE


def test_category_page_queries_do_not_grow_with_products(client, shop):
    url = shop["goods"].get_absolute_url()
    grow(shop, to=5)
    five = steady_state_queries(client, url)
    grow(shop, to=20)
    twenty = steady_state_queries(client, url)

    assert twenty == five
    assert twenty <= MAX_QUERIES_PER_LIST_PAGE


def test_catalogue_page_queries_do_not_grow_with_products(client, shop):
    grow(shop, to=5)
    five = steady_state_queries(client, "/catalogue/")
    grow(shop, to=10)  # 20 products on the page
    twenty = steady_state_queries(client, "/catalogue/")

    assert twenty == five
    assert twenty <= MAX_QUERIES_PER_LIST_PAGE


def test_search_page_queries_do_not_grow_with_results(client, shop):
    from django.core.management import call_command

    url = "/search/?q=miele"
    grow(shop, to=5)
    call_command("rebuild_index", interactive=False, verbosity=0)
    ten = steady_state_queries(client, url)
    grow(shop, to=10)
    call_command("rebuild_index", interactive=False, verbosity=0)
    response = client.get(url)
    assert response.context["paginator"].count == 20
    twenty = steady_state_queries(client, url)

    assert twenty == ten
    assert twenty <= MAX_QUERIES_PER_LIST_PAGE


def test_product_page_queries_do_not_grow_with_recently_viewed_products(client, shop):
    grow(shop, to=5)
    goods = list(shop["goods"].product_set.order_by("pk"))
    target = goods[0]
    client.get(goods[1].get_absolute_url())
    one_viewed = steady_state_queries(client, target.get_absolute_url())
    for product in goods[2:5]:
        client.get(product.get_absolute_url())
    four_viewed = steady_state_queries(client, target.get_absolute_url())

    assert four_viewed == one_viewed


def _recently_viewed_titles(response) -> list[str]:
    import re

    html = response.content.decode()
    if 'id="recently-viewed"' not in html:
        return []
    section = html.split('id="recently-viewed"', 1)[1].split("</section>", 1)[0]
    return list(dict.fromkeys(re.findall(r"Miele di castagno \d+", section)))  # alt text and title


def test_recently_viewed_shows_the_latest_four_others_first_of_all(client, shop):
    grow(shop, to=6)
    goods = list(shop["goods"].product_set.order_by("pk"))
    for product in goods[1:6]:
        client.get(product.get_absolute_url())
    client.get(goods[3].get_absolute_url())  # seen again: the latest

    titles = _recently_viewed_titles(client.get(goods[0].get_absolute_url()))

    assert titles == [goods[n].title for n in (3, 5, 4, 2)]
    # The product on the screen is not listed as recently viewed.
    assert goods[3].title not in _recently_viewed_titles(client.get(goods[3].get_absolute_url()))


def test_recently_viewed_leaves_out_products_no_longer_on_sale(client, shop):
    from shop.charter.models import Admission

    grow(shop, to=3)
    goods = list(shop["goods"].product_set.order_by("pk"))
    hidden = goods[1]
    hidden.is_public = False
    hidden.save()
    other = PartnerFactory(name="Apicoltura Sospesa")
    sellable(other)
    suspended = goods[2]
    suspended.stockrecords.update(partner=other)
    for product in goods[1:3]:
        client.cookies.pop("sessionid", None)
        client.get(product.get_absolute_url())
    Admission.objects.filter(partner=other).update(status=Admission.Status.SUSPENDED)

    assert _recently_viewed_titles(client.get(goods[0].get_absolute_url())) == []


def test_a_product_page_seen_first_asks_nothing_for_recently_viewed(client, shop):
    from oscar.test.factories import UserFactory

    client.force_login(UserFactory())  # the page is rendered for the buyer, not from the page cache
    grow(shop, to=2)
    goods = list(shop["goods"].product_set.order_by("pk"))

    def product_reads(url) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum('FROM "catalogue_product"' in query["sql"] for query in queries)

    # The product on the screen, read once; its own id in the history cookie asks nothing.
    assert product_reads(goods[0].get_absolute_url()) == 1
    client.get(goods[1].get_absolute_url())
    # The other product: one card query, not a history query and then a card query.
    assert product_reads(goods[0].get_absolute_url()) == 2
