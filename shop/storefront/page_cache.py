"""Whole product pages for visitors without an account, kept in the cache (issue 23).

A product page costs more to render than to read: the page of a product of the shop is kept
whole in the cache for a visitor who is not signed in and carries nothing of their own,
that is no session cookie (no login, no chosen municipality, no pending message) and no
basket cookie. Such a visitor sees exactly what every other such visitor sees, except:

- the CSRF token of the add-to-basket, alert and language forms, and the CSP nonce of the
  inline script: the page is stored with placeholders that each request fills with its own
  (the token's is the product cards' own, so the cards inside the page keep it too);
- the "recently viewed" products, from the visitor's history cookie: part of the key.

The product is first read with its stock records only. The key is made of what the page
shows, read fresh on every request as on a page rendered anew: the product's last update,
stock record, supplier, price and availability under the charter gate, its origin and the
territory's centre (its km-0 badge), the storefront version bumped by catalogue, stock,
charter and offer writes (shop/core/cards.py), the card keys of the recommended and
recently viewed products, the host, scheme and URL, the language and the day. A price,
stock or charter change, even one written without signals, gives a new key at once.

On a miss the view reads the product again as for any visitor (with its distance and option
flags) and renders the page. Not kept: services (their booking panel shows free slots),
parent products (their variants) and anything but a 200 page. The history cookie, Oscar's
analytics and the CSRF cookie are set as on any page: the view's signal and middleware
still run.
"""

import hashlib
from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from shop.core.cards import CARDS_VERSION, CSRF_PLACEHOLDER, cards_from_cache
from shop.storefront.templatetags.storefront import (
    cards_for_products,
    history_ids,
    km0_reference,
    recommended_for,
)

PAGE_CACHE_SECONDS = 10 * 60
NONCE_SLOT = "nonce-atc56w-page-placeholder"


def _own_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, CookieStorage.cookie_name)


def shared_visitor(request) -> bool:
    """A GET by someone not signed in who carries no session, basket or message cookie."""
    if request.method != "GET" or any(name in request.COOKIES for name in _own_cookies()):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def product_page_key(request, product) -> str | None:
    """The cache key of ``product``'s page for this visitor, or None when it is not kept."""
    product_class = product.get_product_class()
    if product.is_parent or product_class is None or not product_class.requires_shipping:
        return None
    version = CARDS_VERSION.current()
    info = request.strategy.fetch_for_product(product)
    others = [SimpleNamespace(pk=pk) for pk in history_ids(request, exclude=product.pk)]
    others += recommended_for(product)
    cards = cards_for_products(others, request)
    if cards:
        cards_from_cache(cards, km0_reference(request))
    record, price, availability = info.stockrecord, info.price, info.availability
    shown = (
        # What the buy box and the badge show; the rest of the page (description, pictures,
        # categories, attributes) changes only by saves that bump ``version``.
        product.pk,
        product.date_updated.isoformat() if product.date_updated else "",
        record and (record.pk, record.partner_id, record.num_in_stock, record.num_allocated),
        price.exists and (str(price.incl_tax), str(price.excl_tax), price.currency),
        availability.code,
        availability.is_available_to_buy,
        str(availability.message),
        # The badge's distance: from the product's origin to the territory's centre, the
        # reference point of every visitor without a session.
        product.origin_id,
        settings.SHOP_TERRITORY_CENTRE_ISTAT,
        version,
        [card.card_key for card in cards],  # in the order shown: history, then recommendations
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        get_language(),
        timezone.localdate().isoformat(),
    )
    return "storefront:page:" + hashlib.sha1(repr(shown).encode()).hexdigest()


def _nonce(request) -> str:
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def serve(request, key: str | None, render):
    """The page under ``key`` from the cache, or ``render(context_extra)`` kept there; with
    this request's CSRF token and CSP nonce filled in. ``key`` None: rendered, not kept."""
    if key is None:
        return render({})
    html = cache.get(key)
    if html is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        response.render()
        html = response.content.decode(response.charset)
        if response.status_code == 200:
            nonce = _nonce(request)
            cache.set(key, html.replace(nonce, NONCE_SLOT) if nonce else html, PAGE_CACHE_SECONDS)
    else:
        response = HttpResponse(content_type="text/html; charset=utf-8")
    response.content = html.replace(CSRF_PLACEHOLDER, get_token(request)).replace(NONCE_SLOT, _nonce(request))
    return response
