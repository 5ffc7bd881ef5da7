"""Template tags of the storefront: the cached category navigation and product cards in bulk.

A product card needs the product's stock record and supplier, image, class (for the VAT
rate), origin and the strategy's purchase info. Loading them per card costs several
queries per product (vanilla Oscar runs ~130 for a 20-product page); here a page of
products is completed with a fixed number of queries, whatever its size.
"""

from types import SimpleNamespace

from django import template
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.core.cards import CARDS_VERSION, card_html, cards_from_cache, cards_version, versioned_value
from shop.core.vat import VatRate
from shop.km0 import selectors as km0_selectors
from shop.km0.templatetags.km0 import km0_reference as km0_reference_of_context
from shop.km0.templatetags.km0 import request_reference

register = template.Library()

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")
CustomerHistoryManager = get_class("customer.history", "CustomerHistoryManager")

NAV_CACHE_KEY = "storefront:root-categories:v2"
NAV_CACHE_SECONDS = 300

# Pictograms of the six offer categories, matched on a word of the category's slug.
_PICTOGRAMS = (
    ("cura-della-persona", "care"),
    ("figli", "children"),
    ("km", "km0"),
    ("tempo-libero", "leisure"),
    ("benessere", "leisure"),
    ("sostenibile", "sustainable"),
    ("salute", "health"),
    ("previdenza", "health"),
)


def pictogram_for(slug: str) -> str:
    for word, name in _PICTOGRAMS:
        if word in slug:
            return static(f"shop/img/categories/{name}.svg")
    return static("shop/img/categories/generic.svg")


def _node(category) -> dict:
    return {
        "pk": category.pk,
        "name": category.name,
        "slug": category.slug,
        # The materialised path's first step identifies the root of any category.
        "path": category.path[: Category.steplen],
        "url": category.get_absolute_url(),
        "description": category.description,
        "pictogram": pictogram_for(category.slug),
    }


def root_categories() -> list[dict]:
    """The public top-level categories with their public sub-categories, cached.

    The header and the listings' sidebar show them on every page: two queries every
    NAV_CACHE_SECONDS instead of a tree walk per request.
    """
    nodes = cache.get(NAV_CACHE_KEY)
    if nodes is None:
        nodes = [_node(category) for category in Category.get_root_nodes().filter(is_public=True)]
        children = Category._default_manager.filter(depth=2, is_public=True).order_by("path")
        by_root = {node["path"]: node for node in nodes}
        for node in nodes:
            node["children"] = []
        for child in children:
            root = by_root.get(child.path[: Category.steplen])
            if root is not None:
                root["children"].append({"pk": child.pk, "name": child.name, "url": child.get_absolute_url()})
        cache.set(NAV_CACHE_KEY, nodes, NAV_CACHE_SECONDS)
    return nodes


def with_option_flags(queryset):
    """Oscar's ``has_options`` reads these two annotations instead of querying per product."""
    return queryset.annotate(
        has_product_class_options=Exists(
            Option._default_manager.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option._default_manager.filter(product=OuterRef("pk"))),
    )


def stockrecords_with_partners() -> Prefetch:
    """The products' stock records with their suppliers, in one query (the strategy and the
    charter gate read both)."""
    return Prefetch("stockrecords", queryset=StockRecord._default_manager.select_related("partner"))


def for_purchase(products):
    """Products with what buying one reads: its class (a variant's parent's too), its place of
    origin (the distance a basket line records), its stock records and their suppliers (the
    product page's key, the add-to-basket view)."""
    return products.select_related("product_class", "parent__product_class", "origin").prefetch_related(
        stockrecords_with_partners()
    )


def card_queryset(queryset=None):
    """Products with everything a card needs joined or prefetched: three queries in all."""
    queryset = queryset if queryset is not None else Product._default_manager.browsable()
    return (
        with_option_flags(queryset)
        .select_related("product_class", "origin")
        .prefetch_related(
            stockrecords_with_partners(),
            Prefetch("images", queryset=ProductImage._default_manager.order_by("display_order", "pk")),
        )
    )


def prepare_cards(products, request=None) -> list:
    """Complete a page of products for cards: relations in bulk, purchase info once each.

    ``products`` may be products or haystack search results (whose objects are loaded
    in one query per page by haystack's ``load_all``).
    """
    items = [getattr(item, "object", item) for item in products]
    items = [product for product in items if product is not None]
    if not items:
        return []
    # Prefetch what haystack's read_queryset leaves out; already loaded relations are
    # reused, so cards built from card_queryset cost nothing more here.
    missing = [p for p in items if "stockrecords" not in getattr(p, "_prefetched_objects_cache", {})]
    if missing:
        prefetch_related_objects(missing, "stockrecords", "images", "product_class")
    prefetch_related_objects([p for p in items if not Product.origin.is_cached(p)], "origin")
    stockrecords = [sr for p in items for sr in p.stockrecords.all()]
    prefetch_related_objects([sr for sr in stockrecords if not sr.__class__.partner.is_cached(sr)], "partner")
    strategy = getattr(request, "strategy", None) or Selector().strategy(request=request)
    for product in items:
        if product.is_parent:
            product.card_info = strategy.fetch_for_parent(product)
        else:
            product.card_info = strategy.fetch_for_product(product)
    return items


def cards_for_products(products, request=None, browsable: bool = False, limit: int | None = None) -> list:
    """Cards for a short list of products loaded elsewhere (history, recommendations).

    They are fetched again in one card query with their distance from the buyer, so the
    km-0 badge does not look distances up one product at a time; the list's order is kept.
    ``browsable``: only those the storefront lists (public, of a supplier that may sell);
    ``limit``: the first ones of those.
    """
    ids = [product.pk for product in products]
    if not ids:
        return []
    manager = Product._default_manager
    queryset = (manager.browsable() if browsable else manager.all()).filter(pk__in=ids)
    reference = request_reference(request)  # the km0 badge reads the same
    if reference is not None:
        queryset = km0_selectors.products_with_distance(products=queryset, home=reference.municipality)
        queryset = km0_selectors.products_with_reach(products=queryset, municipality=reference.municipality)
    by_pk = {product.pk: product for product in card_queryset(queryset)}
    return prepare_cards([by_pk[pk] for pk in ids if pk in by_pk][:limit], request)


@register.simple_tag(takes_context=True)
def product_cards_for(context, products, browsable=False, limit=None):
    """``{% product_cards_for products as cards %}``: cards for a list fetched without card data.
    (An include that does not pass ``browsable`` or ``limit`` gives them as "": no filter, no limit.)"""
    limit = int(limit) if limit else None
    cards = cards_for_products(products, context.get("request"), browsable=bool(browsable), limit=limit)
    cards_from_cache(cards, _card_reference(context))
    return cards


def history_ids(request, exclude=None) -> list[int]:
    """The product ids of the visitor's history cookie as Oscar reads it, the latest first,
    but ``exclude`` (the product on the screen)."""
    ids = CustomerHistoryManager.extract(request)
    return [pk for pk in reversed(ids) if isinstance(pk, int) and pk != exclude]


@register.simple_tag(takes_context=True)
def recently_viewed_for(context, product) -> list:
    """``{% recently_viewed_for product as viewed %}``: the products of the history cookie
    but ``product``, the latest first, as objects carrying ``pk`` for ``product_cards_for``
    with ``browsable=True``. Oscar's ``recently_viewed_products`` reads them in a query of
    their own and then as cards; here one card query does both, and none when the visitor
    has seen no other product."""
    return [SimpleNamespace(pk=pk) for pk in history_ids(context["request"], exclude=product.pk)]


@register.simple_tag
def recommended_for(product, limit: int = 4) -> list:
    """``{% recommended_for product as recommended %}``: the first ``limit`` recommendations
    of ``product`` in ranking order, as objects carrying ``pk`` for ``product_cards_for``.

    Their ids are kept in the cache under the storefront version (bumped by saves and
    deletions of recommendations): a product page without recommendations asks nothing.
    """
    key = f"catalogue:recommended:{product.pk}:{limit}:{CARDS_VERSION.tag()}"

    def read():
        ranked = product.primary_recommendations.order_by("-ranking", "pk")
        return list(ranked.values_list("recommendation_id", flat=True)[:limit])

    return [SimpleNamespace(pk=pk) for pk in versioned_value(key, read, 10 * 60)]


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """``{% fragment_version as v %}``: part of the key of a ``{% cache %}`` fragment of the
    catalogue, bumped on product, stock, charter and category changes (shop/core/cards.py;
    a request reads it once, with the other cache versions)."""
    return cards_version()


@register.simple_tag
def shop_root_categories():
    return root_categories()


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    """``{% product_cards page_obj.object_list as cards %}``: products ready for cards.

    Their cached cards are read at once (one cache read for the page).
    """
    cards = prepare_cards(products, context.get("request"))
    cards_from_cache(cards, _card_reference(context))
    return cards


def _card_reference(context):
    return km0_reference_of_context(context)


@register.simple_tag(takes_context=True)
def product_card(context, product):
    """``{% product_card product %}``: the product's card, from the cache when it is there."""
    info = card_purchase_info(context, product)
    if not hasattr(product, "card_key"):
        cards_from_cache([product], _card_reference(context))
    return mark_safe(card_html(context, product, info))  # noqa: S308 (rendered by our template)


@register.simple_tag(takes_context=True)
def card_purchase_info(context, product):
    """The purchase info computed by product_cards, or the strategy's for a lone card."""
    info = getattr(product, "card_info", None)
    if info is None:
        request = context.get("request")
        strategy = getattr(request, "strategy", None) or Selector().strategy(request=request)
        fetch = strategy.fetch_for_parent if product.is_parent else strategy.fetch_for_product
        info = product.card_info = fetch(product)
    return info


@register.filter
def vat_note(product) -> str:
    """'IVA 4% inclusa' or 'esente IVA': the rate an Italian shopper expects next to a price."""
    code = product.vat_rate or product.get_product_class().vat_rate
    if code == VatRate.EXEMPT:
        return _("VAT exempt")
    return _("incl. %(rate)s%% VAT") % {"rate": code}


@register.simple_tag(takes_context=True)
def personal_part(context, name):
    """The buyer's own part ``name`` of the layout (account bar, mini basket, messages).

    A page kept in the cache leaves a slot (``personal_slots``); a signed-in buyer gets the
    part from their kept ones (shop/storefront/page_cache.py); anyone else gets it rendered
    with the page's context, as an include would."""
    from shop.storefront import page_cache

    slots = context.get("personal_slots")
    if slots:
        return slots[name]
    request = context.get("request")
    if request is not None and page_cache.keeps_personal_parts(request):
        return page_cache.personal_part(request, name)
    return context.template.engine.get_template(page_cache.PERSONAL_PARTS[name]).render(context)
