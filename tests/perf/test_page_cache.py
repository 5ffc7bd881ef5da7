"""Whole product pages kept for visitors with nothing of their own (shop/storefront/page_cache.py).

Each request here comes from a new browser (a fresh test client, no cookies), like a visitor
landing from a search engine, unless the test gives it cookies. A page served from the cache
renders no template; it must still carry its own CSRF token (accepted by the basket) and CSP
nonce, set the history cookie, and show a change of price, stock, charter standing or text on
the very next request, also when the change was written without signals.
"""

import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.template import engines
from django.template.response import SimpleTemplateResponse
from django.test import Client
from oscar.core.loading import get_model

from shop.charter.models import Admission
from shop.storefront import page_cache
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import grow, shop

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]

Product = get_model("catalogue", "Product")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")
StockRecord = get_model("partner", "StockRecord")

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def goods(shop):
    grow(shop, to=3)
    products = list(Product.objects.filter(categories=shop["goods"]).order_by("pk"))
    return {**shop, "product": products[0], "other": products[1], "url": products[0].get_absolute_url()}


def visit(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response


def same_page(one, other) -> bool:
    def shown(response):
        content = TOKEN.sub("TOKEN", response.content.decode())
        return re.sub(r'nonce="[^"]+"', "NONCE", content)

    return shown(one) == shown(other)


def from_cache(response) -> bool:
    return not response.templates


def test_the_second_visitor_gets_the_page_from_the_cache(goods):
    first = visit(goods["url"])
    second = visit(goods["url"])

    assert not from_cache(first) and from_cache(second)
    assert same_page(first, second)  # the page rendered anew, distance badge and all
    assert goods["product"].title in second.content.decode()
    assert 'id="add_to_basket_form"' in second.content.decode()


def test_each_visitor_gets_a_token_the_basket_accepts(goods):
    visit(goods["url"])
    client = Client(enforce_csrf_checks=True)
    page = visit(goods["url"], client)
    assert from_cache(page)
    tokens = set(TOKEN.findall(page.content.decode()))
    assert len(tokens) == 1 and "placeholder" not in tokens.pop()

    added = client.post(
        f"/basket/add/{goods['product'].pk}/",
        {"quantity": 1, "csrfmiddlewaretoken": TOKEN.search(page.content.decode()).group(1)},
    )

    assert added.status_code == 302
    assert client.get("/basket/").context["basket"].num_items == 1


def test_each_request_fills_in_its_own_nonce_and_token(rf):
    def render(extra):
        page = '<script nonce="{{ request.csp_nonce }}"></script><input value="{{ csrf_token }}">'
        return SimpleTemplateResponse(engines["django"].from_string(page), {"request": first, **extra})

    first = rf.get("/")
    first.csp_nonce = "nonce-of-the-first"
    kept = page_cache.serve(first, "storefront:page:test", render).content.decode()
    second = rf.get("/")
    second.csp_nonce = "nonce-of-the-second"
    served = page_cache.serve(second, "storefront:page:test", render).content.decode()

    assert 'nonce="nonce-of-the-first"' in kept
    assert 'nonce="nonce-of-the-second"' in served
    token = re.search(r'value="([^"]+)"', served).group(1)
    assert token not in kept and page_cache.CSRF_PLACEHOLDER not in served


def test_no_placeholder_reaches_the_visitor(goods):
    visit(goods["url"])
    content = visit(goods["url"]).content.decode()

    assert page_cache.CSRF_PLACEHOLDER not in content and page_cache.NONCE_SLOT not in content


def test_a_page_from_the_cache_sets_the_history_cookie(goods):
    visit(goods["url"])
    page = visit(goods["url"])

    assert from_cache(page)
    assert json.loads(page.cookies["oscar_history"].value) == [goods["product"].pk]


def test_a_price_written_without_signals_shows_at_once(goods):
    visit(goods["url"])
    StockRecord.objects.filter(product=goods["product"]).update(price=Decimal("15.00"))

    content = visit(goods["url"]).content.decode()

    assert "15,00" in content and "12,50" not in content


def test_stock_running_out_without_signals_shows_at_once(goods):
    visit(goods["url"])
    StockRecord.objects.filter(product=goods["product"]).update(num_allocated=10)

    content = visit(goods["url"]).content.decode()

    assert 'id="add_to_basket_form"' not in content


def test_a_supplier_suspended_without_signals_stops_selling_at_once(goods):
    visit(goods["url"])
    Admission.objects.filter(partner=goods["partner"]).update(status=Admission.Status.SUSPENDED)

    content = visit(goods["url"]).content.decode()

    assert 'id="add_to_basket_form"' not in content


def test_a_new_description_shows_at_once(goods):
    visit(goods["url"])
    product = Product.objects.get(pk=goods["product"].pk)
    product.description = "Raccolto a mano sul Monte Bronzone."
    product.save()

    assert "Monte Bronzone" in visit(goods["url"]).content.decode()


def test_a_recommended_product_shows_its_new_price_at_once(goods):
    ProductRecommendation.objects.create(primary=goods["product"], recommendation=goods["other"], ranking=1)
    visit(goods["url"])
    assert goods["other"].title in visit(goods["url"]).content.decode()
    StockRecord.objects.filter(product=goods["other"]).update(price=Decimal("8.80"))

    assert "8,80" in visit(goods["url"]).content.decode()


def test_recently_viewed_products_are_part_of_the_key(goods):
    client = Client()
    client.cookies["oscar_history"] = json.dumps([goods["other"].pk])
    visit(goods["url"])  # kept without history

    page = visit(goods["url"], client)

    assert goods["other"].title in page.content.decode()


def test_english_visitors_get_the_english_page(goods):
    visit(goods["url"])
    client = Client()
    client.cookies["django_language"] = "en"

    content = visit(goods["url"], client).content.decode()

    assert "VAT" in content and "IVA" not in content


@pytest.mark.parametrize("cookie", ["sessionid", "oscar_open_basket", "messages"])
def test_a_visitor_with_their_own_cookies_is_never_served_from_the_cache(goods, cookie):
    visit(goods["url"])
    client = Client()
    client.cookies[cookie] = "x"

    assert not from_cache(visit(goods["url"], client))


def test_a_signed_in_buyer_is_never_served_from_the_cache(goods, django_user_model):
    visit(goods["url"])
    client = Client()
    client.force_login(django_user_model.objects.create_user("anna", "anna@example.com", "pw-12345678"))

    page = visit(goods["url"], client)

    assert not from_cache(page)


def test_services_are_never_kept(goods):
    service = Product.objects.filter(categories=goods["care"]).order_by("pk").first()
    visit(service.get_absolute_url())

    assert not from_cache(visit(service.get_absolute_url()))


def test_a_page_that_is_not_found_is_not_kept_and_carries_a_real_token(rf):
    def render(extra):
        page = engines["django"].from_string('<input value="{{ csrf_token }}">')
        return SimpleTemplateResponse(page, extra, status=404)

    request = rf.get("/")
    served = page_cache.serve(request, "storefront:page:missing", render)

    assert served.status_code == 404
    assert page_cache.CSRF_PLACEHOLDER not in served.content.decode()
    assert cache.get("storefront:page:missing") is None


def test_each_host_has_its_own_page(goods, settings):
    settings.ALLOWED_HOSTS = ["testserver", "shop.example"]
    visit(goods["url"])

    other_host = visit(goods["url"], Client(HTTP_HOST="shop.example"))

    assert not from_cache(other_host)
