"""Product cards rendered once and kept in the cache, keyed by what they show.

A listing page renders 20-100 cards; each costs a template render (km-0 badge, price,
supplier, VAT note, thumbnail lookup, add-to-basket form). The HTML of a card is kept in
the cache under a key made of everything it shows, read fresh with the page:

- the product's id, last update, title, flags and class, its picture and origin;
- the purchase info the strategy computed for this request: stock record, supplier,
  price and availability (so stock running out, a price change or a supplier losing the
  right to sell under the charter all give a new key at once);
- the buyer's km-0 reference point and the product's distance and reach;
- the language;
- a version number bumped by signals whenever a product, stock record, picture, class,
  supplier, municipality or a charter record is saved or deleted (what the key does not
  already show, such as a supplier's name).

With the local-memory cache each gunicorn worker keeps its own cards and its own version
number; so that a change made through another worker shows at once, the version also
carries the modification time of a stamp file in ``VAR_DIR`` that every bump touches (one
``stat`` per request: the workers of one machine share it). With Redis all workers share
cards and version. A bump happens when the signal fires and again once the transaction
commits, so a worker that read the database between the two keeps nothing stale.

The offers the basket applies (forked_apps/offer/applicator.py) have a version of their own,
bumped by offers and vouchers only (``OFFERS_VERSION``).

The per-visitor CSRF token of the add-to-basket form is never cached: the card is stored
with a placeholder that each page replaces with its own token.

Values kept under a key that holds the tags of every version they depend on (the kept
answers below, the header's credit, permissions, offers) never change under that key: each
worker keeps its own copy of those it reads (``versioned_value``), so that the next request
asks Redis nothing for them.
"""

import hashlib
import logging
import os
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from shop.core.request_memo import RequestMemo, request_writes

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "oscar/catalogue/partials/product_card.html"
CARD_CACHE_SECONDS = 10 * 60
CARD_VERSION_KEY = "storefront:cards:version"
CSRF_PLACEHOLDER = "csrf-atc56w-card-placeholder"

# Saving any of these may change what a card shows.
VERSIONED_MODELS = (
    ("catalogue", "Product"),
    ("catalogue", "ProductClass"),
    ("catalogue", "ProductImage"),
    ("catalogue", "ProductCategory"),
    ("catalogue", "Category"),
    ("catalogue", "ProductAttributeValue"),
    ("catalogue", "ProductRecommendation"),
    ("partner", "StockRecord"),
    ("partner", "Partner"),
    ("territory", "Municipality"),
    ("charter", "Admission"),
    ("charter", "Signature"),
    ("charter", "CharterVersion"),
)

# Saving any of these may change which offers the basket applies (forked_apps/offer/
# applicator.py): a version of their own, so that an order (which saves stock records and
# bumps the cards' version) does not make every basket read the offers again.
OFFER_MODELS = (
    ("offer", "ConditionalOffer"),
    ("offer", "Condition"),
    ("offer", "Benefit"),
    ("offer", "Range"),
    ("voucher", "Voucher"),
)


# Every CacheVersion by its cache key, and the versions as the current request read them.
_VERSIONS: dict[str, "CacheVersion"] = {}
# A token the cache holds for as long as it is not emptied, read with the versions: a worker
# that finds another one (or none) drops its copies of versioned values (``LocalCopies``).
GENERATION_KEY = "storefront:cache-generation"
_versions_memo = RequestMemo("cache-versions")
# The versions this request bumped inside a transaction: what it computes after the bump may
# rest on writes that roll back, and a rollback sends no second bump (KeptAnswers).
_bumped_in_request = RequestMemo("bumped-versions")


def current_versions() -> dict[str, tuple[int, int]]:
    """Every ``CacheVersion.current()`` in one cache read (a signed-in page asks about five
    of them, some several times: one round trip to Redis instead of up to seven)."""
    return _versions_from(cache.get_many([*_VERSIONS, GENERATION_KEY]))


def _versions_from(found: dict) -> dict[str, tuple[int, int]]:
    _local_copies.check_generation(found.get(GENERATION_KEY))
    versions = {}
    for key, version in _VERSIONS.items():
        number = found.get(key)
        if number is None:
            number = 1
            cache.add(key, number, None)
        versions[key] = (number, version._stamp())
    return versions


def get_with_versions(backend, key: str):
    """``backend.get(key)``, read in the same round trip as every version when ``backend`` is
    the cache that holds them; within a request the versions read are its versions
    (``all_versions``): the session's read (shop/core/sessions.py) reads them for the request."""
    if backend is not caches[DEFAULT_CACHE_ALIAS]:
        return backend.get(key)
    found = backend.get_many([key, *_VERSIONS, GENERATION_KEY])
    _versions_memo.get("all", lambda: _versions_from(found))
    return found.get(key)


def all_versions() -> dict[str, tuple[int, int]]:
    """Every ``CacheVersion`` by its key, as this request read them (once per request)."""
    return _versions_memo.get("all", current_versions)


class CacheVersion:
    """A version number for cached answers, bumped when what they depend on changes.

    It lives in the cache (shared by every worker with Redis) and is paired with the
    modification time of a stamp file in ``VAR_DIR``, which every bump touches, so that a
    bump made in one gunicorn worker reaches the others at once with the local-memory cache.
    """

    def __init__(self, key: str, stamp: str):
        self.key, self.stamp = key, stamp
        _VERSIONS[key] = self

    def _stamp_path(self):
        return settings.VAR_DIR / self.stamp

    def _stamp(self) -> int:
        try:
            return os.stat(self._stamp_path()).st_mtime_ns
        except FileNotFoundError:
            return 0

    def current(self) -> tuple[int, int]:
        """(the cache's version number, the stamp file's time): grows with every bump.

        A request reads every version once, together, at its first question
        (``current_versions``); outside requests each question reads them afresh."""
        versions = all_versions()
        if self.key not in versions:  # a version made after this request read them
            _versions_memo.forget()
            versions = all_versions()
        return versions[self.key]

    def tag(self) -> str:
        """``current()`` as text for a cache key."""
        return "{}.{}".format(*self.current())

    def bump_now(self) -> None:
        _versions_memo.forget()  # the rest of this request reads the new version
        try:
            cache.incr(self.key)
        except ValueError:  # not in the cache (evicted, or a fresh worker): start over
            cache.set(self.key, 2, None)
        path = self._stamp_path()
        stamp = max(time.time_ns(), self._stamp() + 1)
        try:
            try:
                os.utime(path, ns=(stamp, stamp))
            except FileNotFoundError:
                path.touch()
        except OSError:  # a read-only VAR_DIR: other workers see the change when their cache expires
            logger.warning("cannot touch %s: caches of other workers may lag", path, exc_info=True)

    def bump(self, **_kwargs) -> None:
        """Bump now and again once the transaction commits (a signal receiver)."""
        self.bump_now()
        if transaction.get_connection().in_atomic_block:
            _bumped_in_request.get("keys", set).add(self.key)  # not committed yet (KeptAnswers)
        transaction.on_commit(self.bump_now)

    def follow(self, *models) -> None:
        """Bump on every save and deletion of ``models`` (their ``post_save``/``post_delete``)."""
        for model in models:
            uid = f"{self.key}-{model._meta.label}"
            post_save.connect(self.bump, sender=model, dispatch_uid=f"{uid}-save", weak=False)
            post_delete.connect(self.bump, sender=model, dispatch_uid=f"{uid}-delete", weak=False)

    def follow_m2m(self, *throughs) -> None:
        """Bump on every change of the many-to-many relations behind ``throughs``."""
        for through in throughs:
            uid = f"{self.key}-{through._meta.label}-m2m"
            m2m_changed.connect(self.bump, sender=through, dispatch_uid=uid, weak=False)


class LocalCopies:
    """This worker's copies of values the cache keeps under keys that hold every version
    they depend on (``versioned_value``).

    Such a key's value never changes: a change bumps a version, which makes another key. A
    copy is kept pickled, so that every read gets an object of its own, as from the cache; at
    most ``size`` copies (the least recently read go first), each for ``seconds`` at most.
    Once the cache is emptied the version numbers start over and old keys could come back:
    every read of the versions also reads the cache's generation token (``GENERATION_KEY``),
    and a worker that finds a token other than the one it knew drops every copy.
    """

    def __init__(self, size: int = 4096, seconds: int = 60):
        self.size, self.seconds = size, seconds
        self._copies: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._generation = None
        self._lock = threading.Lock()

    def get(self, key: str, default=None):
        with self._lock:
            found = self._copies.get(key)
            if found is None:
                return default
            if found[0] < time.monotonic():
                del self._copies[key]
                return default
            self._copies.move_to_end(key)
        return pickle.loads(found[1])

    def set(self, key: str, value, seconds: int) -> None:
        copy = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._copies[key] = (time.monotonic() + min(seconds, self.seconds), copy)
            self._copies.move_to_end(key)
            while len(self._copies) > self.size:
                self._copies.popitem(last=False)

    def check_generation(self, token: str | None) -> None:
        """Drop every copy unless ``token``, the cache's generation, is the one known."""
        if token is None:  # an empty cache: start a generation (the first worker's wins)
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            token = cache.get(GENERATION_KEY)
        if token != self._generation:
            self.clear()
            self._generation = token

    def clear(self) -> None:
        with self._lock:
            self._copies.clear()


_local_copies = LocalCopies()
_MISSING = object()


def versioned_value(key: str, compute, seconds: int):
    """The value kept under ``key`` (one that holds the tag of every ``CacheVersion`` the value
    depends on), else ``compute()``, kept there for ``seconds``. Read from this worker's own
    copy when it has one (``LocalCopies``): a value that depends on something no version
    follows may outlive ``seconds`` by a minute at most. A request that bumped, in a
    transaction, a version whose tag the key holds computes afresh and keeps nothing: it may
    read its own writes, which may still roll back (and a rollback sends no second bump)."""
    bumped = _bumped_in_request.get("keys", set)
    if bumped and any(_VERSIONS[name].tag() in key for name in bumped):
        return compute()
    value = _local_copies.get(key, _MISSING)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(key, value, seconds)
        _local_copies.set(key, value, seconds)
    return value


class KeptAnswers(RequestMemo):
    """Answers kept in the cache across requests under the versions they depend on.

    The first question of a request reads the cache (or the database, then fills the cache);
    the rest of that request reuse the answer, as with a ``RequestMemo``. The cache key holds
    every version's tag, so a save of what the answer depends on (a ``CacheVersion`` bump)
    gives a new key at once, in every worker.

    ``fresh_when_writing``: a request that may write (its view runs in a transaction, see
    shop.core.middleware.WritingRequestsAtomicMiddleware) reads the database, never a copy;
    only page reads take the kept answer. Outside requests nothing is kept. A request that
    changed what an answer depends on, in a transaction not committed yet, keeps what it
    computes to itself: the transaction may still roll back.
    """

    def __init__(
        self, name: str, *versions: CacheVersion, fresh_when_writing=False, seconds=CARD_CACHE_SECONDS
    ):
        super().__init__(name)
        self.versions, self.fresh_when_writing, self.seconds = versions, fresh_when_writing, seconds

    def get(self, key, compute):
        values = getattr(self._local, "values", None)
        if values is None or key is None:
            return compute()
        # The request's own copy is keyed by the versions too: a change saved within the
        # request (a bump) is read afresh by the rest of it.
        tags = ":".join(version.tag() for version in self.versions)
        if (key, tags) not in values:
            values[key, tags] = self._kept(key, tags, compute)
        return values[key, tags]

    def _kept(self, key, tags, compute):
        if self.fresh_when_writing and request_writes():
            return compute()
        bumped = _bumped_in_request.get("keys", set)
        if any(version.key in bumped for version in self.versions):
            return compute()
        digest = hashlib.sha1(repr(key).encode()).hexdigest()
        return versioned_value(f"kept:{self.name}:{digest}:{tags}", compute, self.seconds)


CARDS_VERSION = CacheVersion(CARD_VERSION_KEY, "storefront-cache.stamp")
OFFERS_VERSION = CacheVersion("storefront:offers:version", "offers-cache.stamp")


def cards_version() -> tuple[int, int]:
    return CARDS_VERSION.current()


def connect_signals() -> None:
    from django.apps import apps

    for version, models in ((CARDS_VERSION, VERSIONED_MODELS), (OFFERS_VERSION, OFFER_MODELS)):
        for app_label, model_name in models:
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue
            version.follow(model)


def _primary_image_name(product) -> str:
    images = product.images.all()  # prefetched with the card, ordered by display order
    return images[0].original.name if images else ""


def card_key(product, info, reference, version) -> str:
    """The cache key of ``product``'s card for this buyer and language (see the module doc)."""
    record = info.stockrecord
    price = info.price
    availability = info.availability
    product_class = product.get_product_class()
    shown = (
        product.pk,
        product.date_updated.isoformat() if product.date_updated else "",
        product.title,
        product.slug,
        product.structure,
        product.protected_work,
        product.vat_rate,
        getattr(product, "has_product_class_options", None),
        getattr(product, "has_product_options", None),
        product.origin_id,
        product_class and (product_class.pk, product_class.requires_shipping, product_class.track_stock),
        product_class and product_class.vat_rate,
        _primary_image_name(product),
        record and (record.pk, record.partner_id, record.partner.name),
        price.exists and (str(price.incl_tax), price.currency),
        availability.code,
        availability.is_available_to_buy,
        str(availability.short_message),
        reference and (reference.municipality.pk, reference.is_home),
        getattr(product, "distance_km", None),
        getattr(product, "reaches_home", None),
        getattr(product, "is_service", None),
        get_language(),
        version,
    )
    return "storefront:card:" + hashlib.sha1(repr(shown).encode()).hexdigest()


def cards_from_cache(products, reference) -> None:
    """Give each product its ``card_key`` and, when cached, its ``card_html``: one cache read."""
    version = cards_version()
    keys = {}
    for product in products:
        product.card_key = card_key(product, product.card_info, reference, version)
        keys[product.card_key] = product
    for key, html in cache.get_many(list(keys)).items():
        keys[key].card_html = html


def card_html(context, product, info) -> str:
    """The card's HTML: from the cache, or rendered and cached; with this page's CSRF token."""
    html = getattr(product, "card_html", None)
    if html is None:
        template = context.template.engine.get_template(CARD_TEMPLATE)
        with context.push(product=product, session=info, csrf_token=CSRF_PLACEHOLDER):
            html = template.render(context)
        key = getattr(product, "card_key", None)
        if key is not None:
            cache.set(key, html, CARD_CACHE_SECONDS)
            product.card_html = html
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))
    return html
