"""A signed-in buyer's account bar and mini basket kept per buyer (shop/storefront/page_cache.py,
``personal_parts``; issue 23).

Every page of a signed-in buyer shows their welfare credit, account menu, basket count and
total and pending messages. They are kept in the cache per buyer and shown again while
nothing they show has changed: a page reads neither the basket nor the cached credit,
notifications and permissions. Each test here changes one thing the header shows and
expects it on the very next page; the kept parts carry each request's own CSRF token and
the path of the page the language form returns to.
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.storefront import page_cache
from shop.welfare.models import Wallet
from shop.welfare.services import wallet_adjust
from tests.core.test_storefront_pages import plain_static_storage
from tests.perf.test_page_cache import TOKEN, employees, goods, shop, signed_in, visit

pytestmark = pytest.mark.django_db

__all__ = ["employees", "goods", "plain_static_storage", "shop"]

Line = get_model("basket", "Line")
StockRecord = get_model("partner", "StockRecord")

COUNT = re.compile(r'basket-summary__count">(\d+)<')
TOTAL = re.compile(r'basket-summary__total">([^<]+)<')


def header(response) -> dict:
    content = response.content.decode()
    count, total = COUNT.search(content), TOTAL.search(content)
    return {"count": int(count.group(1)), "total": total and total.group(1).strip()}


def basket_reads(client, url="/") -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        response = visit(url, client)
    return response, sum('FROM "basket_' in q["sql"] for q in queries.captured_queries)


@pytest.fixture
def anna(employees):
    return signed_in(employees["anna"])


def test_the_second_page_shows_the_kept_header_as_rendered_anew(employees, anna, monkeypatch):
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 2})
    visit("/", anna)  # shows "added to basket"

    kept, reads = basket_reads(anna)
    assert reads == 0  # count and total from the kept mini basket

    monkeypatch.setattr(page_cache, "keeps_personal_parts", lambda request: False)
    fresh, fresh_reads = basket_reads(anna)
    assert fresh_reads > 0
    assert TOKEN.sub("T", kept.content.decode()) == TOKEN.sub("T", fresh.content.decode())
    assert header(kept)["count"] == 2 and "500,00" in kept.content.decode()


def test_a_line_changed_or_removed_shows_in_the_header_on_the_next_page(employees, anna):
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 1})
    visit("/", anna)
    assert header(visit("/", anna))["count"] == 1

    line = Line.objects.get(basket__owner=employees["anna"].user)
    line.quantity = 4
    line.save()
    assert header(visit("/", anna))["count"] == 4

    line.delete()
    assert header(visit("/", anna)) == {"count": 0, "total": None}


def test_a_new_price_shows_in_the_header_total_on_the_next_page(employees, anna):
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 2})
    visit("/", anna)
    before = header(visit("/", anna))["total"]

    record = StockRecord.objects.get(product=employees["other"])
    record.price = record.price + Decimal("1.50")
    record.save()

    after = header(visit("/", anna))["total"]
    assert after != before and before is not None


def test_a_message_shows_once_and_the_header_stays_kept(employees, anna):
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 1})
    visit("/", anna)  # the basket changed: the header is rendered and kept
    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 0})  # refused: a message only

    shown, _reads = basket_reads(anna)
    again, reads = basket_reads(anna)

    assert 'class="alert' in shown.content.decode()
    assert 'class="alert' not in again.content.decode() and reads == 0


def test_the_language_form_returns_to_the_page_shown(employees, anna):
    category = f"{employees['goods'].get_absolute_url()}?km=50&sort_by=distance"
    visit("/", anna)

    page = visit(category, anna).content.decode()

    assert f'name="next" type="hidden" value="{category.replace("&", "&amp;")}"' in page


def test_each_request_carries_a_token_the_language_form_accepts(employees):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employees["anna"].user)
    visit("/", client)
    page = visit("/", client).content.decode()

    form = page.split('class="lang-switch"')[1]
    token = TOKEN.search(form).group(1)
    sent = client.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})

    assert sent.status_code == 302


def test_a_basket_made_before_signing_in_shows_at_once(employees):
    client = Client()
    client.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 3})  # the basket cookie
    client.force_login(employees["anna"].user)

    assert header(visit("/", client))["count"] == 3
    assert header(visit("/", client))["count"] == 3  # merged into hers, kept from now on


def rendered_parts(monkeypatch) -> list[str]:
    """The names of the parts rendered anew from now on (not taken from the kept ones)."""
    names = []
    render = page_cache._render_personal_part
    monkeypatch.setattr(
        page_cache, "_render_personal_part", lambda request, name: names.append(name) or render(request, name)
    )
    return names


def test_an_addition_renders_the_mini_basket_again_and_keeps_the_account_bar(employees, anna, monkeypatch):
    visit("/", anna)
    visit("/", anna)
    rendered = rendered_parts(monkeypatch)

    anna.post(f"/basket/add/{employees['other'].pk}/", {"quantity": 2})
    page = visit("/", anna)

    assert rendered == ["mini_basket"]
    assert header(page)["count"] == 2 and "500,00" in page.content.decode()


def test_a_credit_change_shows_in_the_account_bar_on_the_next_page(employees, anna, monkeypatch):
    assert "500,00" in visit("/", anna).content.decode()
    rendered = rendered_parts(monkeypatch)
    wallet = Wallet.objects.get(employee=employees["anna"])

    wallet_adjust(wallet=wallet, amount=Decimal("-120.00"), note="Rettifica", by=employees["anna"].user)
    page = visit("/", anna).content.decode()

    assert "380,00" in page and "500,00" not in page
    assert rendered == ["nav_accounts"]
