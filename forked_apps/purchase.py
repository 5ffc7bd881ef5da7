"""The product a buyer is about to buy, read as the add-to-basket view and the product page's
cache key need it.

The product with its class (a variant's parent's too), its place of origin and its two option
flags (four tables and two EXISTS), then its stock records with their suppliers: both
compiled to SQL once (shop/core/compiled.py), read by every addition to a basket and by every
product page served from the page cache (shop/storefront/page_cache.py).
"""

from oscar.core.loading import get_model

from forked_apps.lines import remember_related
from shop.core.compiled import CompiledOnce
from shop.storefront.templatetags.storefront import for_purchase, with_option_flags

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

_PRODUCT_SQL = CompiledOnce(
    "product-for-purchase",
    lambda pk: for_purchase(with_option_flags(Product._default_manager.filter(pk=pk))).prefetch_related(None),
)
_STOCKRECORDS_SQL = CompiledOnce(
    "product-stockrecords",
    lambda product_id: StockRecord._default_manager.select_related("partner").filter(product_id=product_id),
)


def product_for_purchase(pk: int):
    """Product ``pk`` as ``for_purchase`` reads it, with its option flags; None when there is
    no such product."""
    product = _PRODUCT_SQL.first(pk)
    if product is not None:
        # for_purchase's prefetch of the stock records, read with SQL compiled once.
        remember_related(product, "stockrecords", _STOCKRECORDS_SQL.queryset(product.pk))
    return product
