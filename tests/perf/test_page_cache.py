"""Product pages kept in the cache (shop/storefront/page_cache.py): whole for visitors with
nothing of their own, without their personal parts for signed-in buyers.

Each request here comes from a new browser (a fresh test client, no cookies), like a visitor
landing from a search engine, unless the test gives it cookies. A page served from the cache
renders no template; it must still carry its own CSRF token (accepted by the basket) and CSP
nonce, set the history cookie, and show a change of price, stock, charter standing or text on
the very next request, also when the change was written without signals.

A signed-in buyer's page from the cache must be the page rendered anew for them: their own
credit, account menu, basket and messages, their km-0 distance, the staff link only for
staff, and never another buyer's stock alert or basket form.
"""

import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.template import engines
from django.template.response import SimpleTemplateResponse
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.charter.models import Admission
from shop.km0.services import distances_compute
from shop.storefront import page_cache
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import grow, shop
from tests.factories import MunicipalityFactory
from tests.factories.eligibility import EmployeeFactory, UserFactory
from tests.factories.welfare import funded_plan

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
    """No template of the page was rendered (a signed-in buyer's personal parts still are)."""
    return "oscar/catalogue/detail.html" not in [template.name for template in response.templates]


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


# Signed-in buyers: the page without its personal parts.


def shown(response) -> str:
    """The page as its reader sees it, without the request's own token and nonce."""
    content = TOKEN.sub("TOKEN", response.content.decode())
    return re.sub(r'nonce="[^"]+"', "NONCE", content)


def signed_in(employee) -> Client:
    client = Client()
    client.force_login(employee.user)
    return client


@pytest.fixture
def employees(goods):
    """Two employees of one employer living at the centre of the territory, one with credit."""
    centre = MunicipalityFactory(istat_code="016119")
    anna = EmployeeFactory(first_name="Anna", home_municipality=centre, user=UserFactory())
    bruno = EmployeeFactory(first_name="Bruno", home_municipality=centre, user=UserFactory())
    funded_plan(employer=anna.employer, amount="500.00")
    return {**goods, "anna": anna, "bruno": bruno}


def test_a_signed_in_buyer_gets_the_page_from_the_cache_as_rendered_anew(employees, monkeypatch):
    anna = signed_in(employees["anna"])
    first = visit(employees["url"], anna)
    second = visit(employees["url"], anna)
    assert not from_cache(first) and from_cache(second)

    monkeypatch.setattr(page_cache, "page_kind", lambda request: None)  # the page as before caching
    fresh = visit(employees["url"], anna)

    assert not from_cache(fresh)
    assert shown(second) == shown(first) == shown(fresh)
    assert "500,00" in shown(second)  # her welfare credit in the account bar


def test_each_buyer_gets_their_own_credit_and_basket(employees):
    anna, bruno = signed_in(employees["anna"]), signed_in(employees["bruno"])
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 3})
    visit(employees["url"], anna)

    page = visit(employees["url"], bruno)
    content = page.content.decode()

    assert from_cache(page)  # the same page as Anna's, kept once
    assert "500,00" not in content  # Anna's credit: Bruno's employer funds none
    assert re.search(r'basket-summary__count">0<', content)
    assert re.search(r'basket-summary__count">3<', visit(employees["url"], anna).content.decode())


def test_a_pending_message_shows_once_on_a_page_from_the_cache(employees):
    anna = signed_in(employees["anna"])
    visit(employees["url"], anna)
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 1})  # "added to basket"

    page = visit(employees["url"], anna)
    again = visit(employees["url"], anna)

    shown_messages = page.content.decode().split('id="messages"')[1].split("</main>")[0]
    assert from_cache(page) and employees["other"].title in shown_messages
    assert 'class="alert' not in again.content.decode()


def test_a_buyer_living_elsewhere_sees_the_distance_from_their_home(employees):
    far = MunicipalityFactory(istat_code="016999", name="Foppolo", lat=Decimal("46.3"), lon=Decimal("10.2"))
    carla = EmployeeFactory(first_name="Carla", home_municipality=far, user=UserFactory())
    distances_compute()
    visit(employees["url"], signed_in(employees["anna"]))

    page = visit(employees["url"], signed_in(carla))

    assert not from_cache(page)
    assert "km0-badge--far" in page.content.decode() and "km0-badge--local" not in page.content.decode()


def test_only_staff_get_the_edit_link(employees):
    staff = employees["bruno"].user
    staff.is_staff = True
    staff.save()
    edit = reverse("dashboard:catalogue-product", kwargs={"pk": employees["product"].pk})
    assert edit in visit(employees["url"], signed_in(employees["bruno"])).content.decode()

    page = visit(employees["url"], signed_in(employees["anna"]))

    assert edit not in page.content.decode()


def test_a_product_out_of_stock_is_not_kept_for_a_signed_in_buyer(employees):
    StockRecord.objects.filter(product=employees["product"]).update(num_allocated=10)
    anna = signed_in(employees["anna"])
    visit(employees["url"], anna)

    page = visit(employees["url"], anna)

    assert not from_cache(page)
    assert 'id="alert_form"' in page.content.decode()


def test_a_basket_form_sent_back_keeps_what_the_buyer_typed(employees):
    anna = signed_in(employees["anna"])
    visit(employees["url"], anna)
    visit(employees["url"], anna)  # kept

    sent = anna.post(
        f"/basket/add/{employees['product'].pk}/",
        {"quantity": "-2"},
        follow=True,
        HTTP_REFERER=f"http://testserver{employees['url']}",  # Oscar sends the form back there
    )

    assert sent.redirect_chain[-1][0].endswith(employees["url"])
    assert sent.status_code == 200 and not from_cache(sent)
    assert 'value="-2"' in sent.content.decode()


def test_a_description_quoting_a_slot_shows_no_personal_part_in_it(employees):
    product = Product.objects.get(pk=employees["product"].pk)
    product.description = f"<p>Miele di castagno.</p>{page_cache.PERSONAL_SLOTS['nav_accounts']}"
    product.save()
    anna = signed_in(employees["anna"])
    visit(employees["url"], anna)

    page = visit(employees["url"], anna)

    assert from_cache(page)
    assert page.content.decode().count('id="logout_link"') == 1  # the account bar, once


def test_a_product_that_is_gone_or_hidden_is_not_found_by_anyone(employees):
    product = employees["other"]
    gone = product.get_absolute_url().replace(f"_{product.pk}/", "_999999/")
    buyer = Client()
    buyer.force_login(employees["anna"].user)
    for client in (Client(), buyer):
        assert client.get(gone).status_code == 404
    Product.objects.filter(pk=product.pk).update(is_public=False)

    for client in (Client(), buyer):
        assert client.get(product.get_absolute_url()).status_code == 404
