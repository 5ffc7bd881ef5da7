"""Search index: Italian full text, plus the codes that let distance work without spatial search.

Whoosh has no spatial search, so each product carries its place of origin's ISTAT code and,
for services, the codes of the municipalities its suppliers serve. Listings narrow on the
set of origin codes within N km of the buyer (read from the distance table) and facet on
origin codes, which map to distance bands per buyer.
"""

from haystack import indexes

# Imported as a module: haystack registers every index class found in this module.
from oscar.apps.search import search_indexes as oscar_indexes


def _keyword(value: str) -> str:
    # Multi-valued Whoosh fields are comma-separated keywords: a comma inside a name would split it.
    return value.replace(",", " ").strip()


class ProductIndex(oscar_indexes.ProductIndex):
    # Facets are keywords (whole values, not stemmed words): supplier, class, category names.
    supplier = indexes.MultiValueField(null=True)
    product_class = indexes.MultiValueField(null=True)
    category = indexes.MultiValueField(null=True)
    origin = indexes.MultiValueField(null=True)
    served = indexes.MultiValueField(null=True)

    def index_queryset(self, using=None):
        return (
            super()
            .index_queryset(using)
            .select_related("product_class", "origin", "parent__product_class")
            .prefetch_related("categories", "stockrecords__partner__served_municipalities")
        )

    def prepare_supplier(self, obj):
        return sorted({_keyword(record.partner.name) for record in obj.stockrecords.all()})

    def prepare_product_class(self, obj):
        product_class = obj.get_product_class()
        return [_keyword(product_class.name)] if product_class else []

    def prepare_category(self, obj):
        return sorted({_keyword(category.name) for category in obj.categories.all()})

    def prepare_origin(self, obj):
        return [obj.origin_id] if obj.origin_id else []

    def prepare_served(self, obj):
        return sorted(
            {m.pk for record in obj.stockrecords.all() for m in record.partner.served_municipalities.all()}
        )
