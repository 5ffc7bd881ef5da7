"""Product pages kept in the cache: whole for visitors without an account, without their
personal parts for signed-in buyers (issue 23).

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

A signed-in buyer gets the page of the cache too, kept without its personal parts: the
account bar (wallet credit, account menu, language form), the mini basket and the messages
are left as slots in the kept page and rendered for each request, with the buyer's own
context (``fill_personal_parts``). What the rest of the page shows for them goes into the
key as well: their km-0 reference point (the badge's and the cards' distances), whether
they are staff (the "edit this product" link) and their recently viewed products. Not kept
for them: a product they cannot buy now (their own stock alert shows instead of the basket
form) and a basket form that comes back with what they typed and its errors (Oscar keeps
it in their session).

The personal parts themselves are kept per buyer (``personal_part``), each under a key made
of what it shows: the buyer, their staff and superuser flags, the language, the day and the
cache versions the part depends on (``PART_VERSIONS``). The account bar follows the
header's credit, unread notifications and permissions; the mini basket follows
``BASKETS_VERSION`` (bumped by every basket, line and voucher change), prices and the
charter (the cards' version) and offers. So an addition to the basket renders the mini
basket again, not the account bar; an order, which moves credit, renders both. The CSRF
token and the path the language form returns to are filled in for each request; pending
messages are rendered on their own, for the request that shows them.
Every page of a signed-in buyer shows the parts from there (the ``personal_part`` tag of
templates/oscar/layout.html), not only the product page. A buyer carrying a basket cookie
(a basket made before signing in, merged on the next read of their basket) gets them
rendered anew.

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
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from shop.core.auth_backends import PERMISSIONS_VERSION
from shop.core.cards import (
    CARDS_VERSION,
    CSRF_PLACEHOLDER,
    OFFERS_VERSION,
    CacheVersion,
    cards_from_cache,
    versioned_value,
)
from shop.core.context_processors import NOTIFICATIONS_VERSION
from shop.km0.templatetags.km0 import request_reference
from shop.storefront.templatetags.storefront import cards_for_products, history_ids, recommended_for
from shop.welfare.selectors import CREDIT_VERSION

PAGE_CACHE_SECONDS = 10 * 60
NONCE_SLOT = "nonce-atc56w-page-placeholder"
NEXT_SLOT = "atc56w-next-path-placeholder"  # where the language form returns to

# Bumped by every save and deletion of a basket or a basket line and by vouchers added or
# removed (``connect_signals``): what the mini basket shows.
BASKETS_VERSION = CacheVersion("storefront:baskets:version", "baskets-cache.stamp")

# The parts of a page that are the buyer's own, as the layout includes them
# (templates/oscar/layout.html), with their templates.
PERSONAL_PARTS = {
    "nav_accounts": "oscar/partials/nav_accounts.html",
    "mini_basket": "oscar/partials/mini_basket.html",
    "messages": "oscar/partials/alert_messages.html",
}
PERSONAL_SLOTS = {name: mark_safe(f"<!--atc56w-personal-slot:{name}-->") for name in PERSONAL_PARTS}
# The cache versions each part depends on, besides the buyer, the language and the day.
PART_VERSIONS = {
    "nav_accounts": (CREDIT_VERSION, NOTIFICATIONS_VERSION, PERMISSIONS_VERSION),
    "mini_basket": (BASKETS_VERSION, CARDS_VERSION, OFFERS_VERSION),
    # "messages": none; pending messages are rendered for their request, and without any the
    # part is the same for everyone (``_no_messages``).
}

SHARED = "shared"  # the whole page: a visitor with nothing of their own
PERSONAL = "personal"  # the page without its personal parts: a signed-in buyer


def _own_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, CookieStorage.cookie_name)


def shared_visitor(request) -> bool:
    """A GET by someone not signed in who carries no session, basket or message cookie."""
    if request.method != "GET" or any(name in request.COOKIES for name in _own_cookies()):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def page_kind(request) -> str | None:
    """How this request's page may come from the cache: ``SHARED``, ``PERSONAL`` or None."""
    if shared_visitor(request):
        return SHARED
    user = getattr(request, "user", None)
    if request.method == "GET" and user is not None and user.is_authenticated:
        return PERSONAL
    return None


def product_page_key(request, product, kind: str = SHARED) -> str | None:
    """The cache key of ``product``'s page for this visitor, or None when it is not kept."""
    product_class = product.get_product_class()
    if product.is_parent or product_class is None or not product_class.requires_shipping:
        return None
    info = request.strategy.fetch_for_product(product)
    personal = ()
    if kind == PERSONAL:
        if not info.availability.is_available_to_buy:
            return None  # the buyer's own stock alert, or the form to ask for one
        if f"add_to_basket_form_post_data_{product.pk}" in request.session:
            return None  # their basket form comes back with what they typed
        reference = request_reference(request)
        personal = (
            PERSONAL,
            request.user.is_staff,
            reference and (reference.municipality.pk, reference.is_home),
        )
    version = CARDS_VERSION.current()
    others = [SimpleNamespace(pk=pk) for pk in history_ids(request, exclude=product.pk)]
    others += recommended_for(product)
    cards = cards_for_products(others, request)
    if cards:
        cards_from_cache(cards, request_reference(request))
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
        personal,
    )
    return "storefront:page:" + hashlib.sha1(repr(shown).encode()).hexdigest()


def _nonce(request) -> str:
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def keeps_personal_parts(request) -> bool:
    """Whether this request's account bar and mini basket may come from the buyer's kept
    ones: a signed-in buyer without a basket cookie (a basket made before signing in is
    merged into theirs when the basket is next read)."""
    user = getattr(request, "user", None)
    return (
        user is not None
        and user.is_authenticated
        and settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES
    )


def _render_personal_part(request, name: str) -> str:
    """Part ``name`` rendered with the request's context, the CSRF token and the language
    form's path left as placeholders, without the pending messages (shown on their own)."""
    return render_to_string(
        PERSONAL_PARTS[name],
        {"csrf_token": CSRF_PLACEHOLDER, "language_next": NEXT_SLOT, "messages": ()},
        request=request,
    )


def _no_messages() -> str:
    """The messages part of a request with none pending, the same for everyone: kept by each
    process per language (``CACHES["fragments"]``), asked of no shared cache."""
    part = caches["fragments"].get_or_set(
        f"no-messages:{get_language()}",
        lambda: render_to_string(PERSONAL_PARTS["messages"], {"messages": ()}),
        PAGE_CACHE_SECONDS,
    )
    return mark_safe(part)


def _part_key(request, name: str) -> str | None:
    """The cache key of the buyer's part ``name`` (see the module doc), None when not kept."""
    if not keeps_personal_parts(request):
        return None
    user = request.user
    shown = (
        user.is_active,
        user.is_staff,
        user.is_superuser,
        get_language(),
        timezone.localdate().isoformat(),
    )
    tags = ":".join(version.tag() for version in PART_VERSIONS[name])  # in clear: versioned_value
    return f"storefront:personal:{user.pk}:{name}:{tags}:{hashlib.sha1(repr(shown).encode()).hexdigest()}"


def personal_part(request, name: str) -> str:
    """The buyer's part ``name`` of ``PERSONAL_PARTS`` for this request: kept while nothing it
    shows has changed, else rendered and kept; with this request's CSRF token and path, and
    its pending messages."""
    filled = getattr(request, "_atc56w_personal_parts", None)
    if filled is None:
        filled = request._atc56w_personal_parts = {}
    if name not in filled:
        if name == "messages":
            messages = getattr(request, "_messages", None)
            if messages is not None and len(messages) > 0:  # len() keeps them
                filled[name] = mark_safe(render_to_string(PERSONAL_PARTS[name], request=request))
            else:
                filled[name] = _no_messages()
            return filled[name]
        key = _part_key(request, name)
        if key is None:
            part = _render_personal_part(request, name)
        else:
            part = versioned_value(key, lambda: _render_personal_part(request, name), PAGE_CACHE_SECONDS)
        token, path = get_token(request), escape(request.get_full_path())
        filled[name] = mark_safe(part.replace(CSRF_PLACEHOLDER, token).replace(NEXT_SLOT, path))
    return filled[name]


def fill_personal_parts(request, html: str) -> str:
    """``html`` with the slots of ``PERSONAL_SLOTS`` replaced by the parts of this request."""
    for name, slot in PERSONAL_SLOTS.items():
        # The layout's slot comes before the page's content: only the first is filled (a
        # supplier's description quoting a slot stays an invisible comment).
        html = html.replace(slot, personal_part(request, name), 1)
    return html


def _basket_saved(created: bool = False, **kwargs) -> None:
    # A basket just made is empty: the mini basket shows what it showed without one (every
    # buyer's first page makes theirs, which would otherwise miss their kept parts twice).
    if not created:
        BASKETS_VERSION.bump(**kwargs)


def connect_signals() -> None:
    """``BASKETS_VERSION`` follows baskets, their lines and their vouchers."""
    from django.db.models.signals import post_delete, post_save
    from oscar.core.loading import get_model

    Basket = get_model("basket", "Basket")
    post_save.connect(_basket_saved, sender=Basket, dispatch_uid="baskets-version-basket-save", weak=False)
    post_delete.connect(
        BASKETS_VERSION.bump, sender=Basket, dispatch_uid="baskets-version-basket-delete", weak=False
    )
    BASKETS_VERSION.follow(get_model("basket", "Line"))
    BASKETS_VERSION.follow_m2m(Basket.vouchers.through)


def serve(request, key: str | None, render, *, personal: bool = False):
    """The page under ``key`` from the cache, or ``render(context_extra)`` kept there; with
    this request's CSRF token and CSP nonce filled in, and with ``personal`` its personal
    parts. ``key`` None: rendered, not kept."""
    if key is None:
        return render({})
    html = cache.get(key)
    if html is None:
        extra = {"csrf_token": CSRF_PLACEHOLDER}
        if personal:
            extra["personal_slots"] = PERSONAL_SLOTS
        response = render(extra)
        response.render()
        html = response.content.decode(response.charset)
        if response.status_code == 200:
            nonce = _nonce(request)
            cache.set(key, html.replace(nonce, NONCE_SLOT) if nonce else html, PAGE_CACHE_SECONDS)
    else:
        response = HttpResponse(content_type="text/html; charset=utf-8")
    html = html.replace(CSRF_PLACEHOLDER, get_token(request)).replace(NONCE_SLOT, _nonce(request))
    response.content = fill_personal_parts(request, html) if personal else html
    return response
