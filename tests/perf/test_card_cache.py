"""Cached product cards (shop/core/cards.py) never show stale prices, stock or suppliers.

A card is kept in the cache under a key made of what it shows, read fresh with each page,
plus a version bumped by signals: a price change, a supplier suspended under the charter
or a renamed supplier show on the next page at once, even when the change bypassed the
signals (a queryset ``update``).
"""

from decimal import Decimal

import pytest
from django.core.cache import cache
from oscar.core.loading import get_model

from shop.core.cards import CSRF_PLACEHOLDER, cards_version
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import grow, shop

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]

StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")


@pytest.fixture
def listed(shop):
    cache.clear()
    grow(shop, to=3)
    product = shop["goods"].product_set.order_by("pk").first()
    return {**shop, "product": product, "url": shop["goods"].get_absolute_url()}


def card_keys(response):
    return [getattr(p, "card_key", None) for p in response.context["page_obj"].object_list]


def test_cards_are_served_from_the_cache(client, listed):
    first = client.get(listed["url"])
    keys = card_keys(first)
    assert all(keys) and all(cache.get(key) for key in keys)

    second = client.get(listed["url"])
    assert all(getattr(p, "card_html", None) for p in second.context["page_obj"].object_list)
    assert second.content.count(b"product-card__title") == 3


def test_price_change_shows_at_once(client, listed):
    assert "12,50" in client.get(listed["url"]).content.decode()
    record = StockRecord.objects.get(product=listed["product"])
    record.price = Decimal("19.90")
    record.save()

    assert "19,90" in client.get(listed["url"]).content.decode()


def test_price_change_without_signals_shows_at_once(client, listed):
    client.get(listed["url"])
    version = cards_version()
    StockRecord.objects.filter(product=listed["product"]).update(price=Decimal("7.30"))

    assert cards_version() == version  # no signal: the key holds the price itself
    assert "7,30" in client.get(listed["url"]).content.decode()


def test_out_of_stock_shows_at_once(client, listed):
    client.get(listed["url"])
    StockRecord.objects.filter(product=listed["product"]).update(num_allocated=10)

    page = client.get(listed["url"])
    card = next(p for p in page.context["page_obj"].object_list if p.pk == listed["product"].pk)
    assert card.card_info.availability.is_available_to_buy is False
    assert f"/basket/add/{listed['product'].pk}/" not in page.content.decode()


def test_charter_suspension_hides_the_products_at_once(client, listed):
    from shop.charter.models import Admission

    assert listed["product"].title in client.get(listed["url"]).content.decode()
    Admission.objects.filter(partner=listed["partner"]).update(status=Admission.Status.SUSPENDED)

    content = client.get(listed["url"]).content.decode()
    assert listed["product"].title not in content
    assert "product-card" not in content


def test_supplier_renamed_bumps_the_version(client, listed):
    client.get(listed["url"])
    version = cards_version()
    partner = Partner.objects.get(pk=listed["partner"].pk)
    partner.name = "Cooperativa Il Sentiero"
    partner.save()

    assert cards_version() > version
    assert "Cooperativa Il Sentiero" in client.get(listed["url"]).content.decode()


def test_each_page_carries_its_own_csrf_token(client, listed):
    client.get(listed["url"])
    content = client.get(listed["url"]).content.decode()

    assert CSRF_PLACEHOLDER not in content
    assert 'name="csrfmiddlewaretoken" value="' in content


def test_language_has_its_own_cards(client, listed):
    italian = client.get(listed["url"]).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(listed["url"]).content.decode()

    assert "Aggiungi" in italian or "IVA" in italian
    assert "VAT" in english


def test_product_page_shows_a_new_price_at_once(client, listed):
    url = listed["product"].get_absolute_url()
    assert "12,50" in client.get(url).content.decode()
    StockRecord.objects.filter(product=listed["product"]).update(price=Decimal("15.00"))

    content = client.get(url).content.decode()
    assert "15,00" in content and "12,50" not in content  # buy box and the cached facts (net, VAT)


def test_product_page_of_a_suspended_supplier_at_once(client, listed):
    from shop.charter.models import Admission

    url = listed["product"].get_absolute_url()
    assert 'id="add_to_basket_form"' in client.get(url).content.decode()
    Admission.objects.filter(partner=listed["partner"]).update(status=Admission.Status.SUSPENDED)

    content = client.get(url).content.decode()
    assert 'id="add_to_basket_form"' not in content
    assert "charter-supplier" not in content  # the cached supplier section follows availability


def test_product_page_shows_a_new_description_at_once(client, listed):
    product = listed["product"]
    client.get(product.get_absolute_url())
    product.description = "Raccolto a mano sul Monte Bronzone."
    product.save()

    assert "Monte Bronzone" in client.get(product.get_absolute_url()).content.decode()
