"""Distance in product listings: the buyer's point, the "entro N km" filter and the sort.

Category, catalogue and search pages (thin forks in forked_apps/) share this. Each page
runs a constant number of queries: one for the count, one for the page with its distance
subquery, one per prefetched relation and one for the distance bands.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from shop.km0 import selectors
from shop.km0.forms import DistanceFilterForm
from shop.km0.services import distances_ensure_home


@dataclass
class ListingItem:
    """A product in a listing, shaped like a haystack result (``item.object``) for Oscar's templates."""

    object: object

    @property
    def pk(self):
        return self.object.pk


class DistanceListingMixin:
    """The buyer's reference point and the distance controls, for any listing view."""

    def get_reference(self):
        if not hasattr(self, "_reference"):
            self._reference = selectors.shown_reference_point(user=self.request.user)
            if self._reference is not None and self._reference.is_home:
                distances_ensure_home(home=self._reference.municipality)
        return self._reference

    def annotate_distance(self, products, *, km=None, by_distance=False, reaching=False):
        """Distance and reach annotations, and the filters and sort the buyer asked for."""
        reference = self.get_reference()
        if reference is None:
            return products
        home = reference.municipality
        products = selectors.products_with_distance(products=products, home=home)
        products = selectors.products_with_reach(products=products, municipality=home)
        if km:
            products = selectors.products_within_km(products=products, home=home, km=km)
        if reaching:
            products = selectors.products_reaching(products=products, municipality=home)
        if by_distance:
            products = selectors.products_order_by_distance(products=products)
        return products

    def distance_facet(self, band_counts, selected_km):
        """Facet data in Oscar's shape (``facet_data``) for the distance bands."""
        results = []
        for km, count in band_counts.items():
            selected = selected_km == km
            datum = {
                "name": _("within %(km)s km") % {"km": km},
                "count": count,
                "show_count": True,
                "disabled": count == 0 and not selected,
                "selected": selected,
            }
            if selected:
                datum["deselect_url"] = self.url_with(km=None)
            else:
                datum["select_url"] = self.url_with(km=km)
            results.append(datum)
        reference = self.get_reference()
        if reference and reference.is_home:
            name = _("Distance from your home (%(place)s)") % {"place": reference.municipality.name}
        else:
            name = _("Distance from the centre of the territory")
        return {"name": name, "results": results}

    def page_products(self, ids):
        """The products of ``ids``, in that order, with distance, reach and what a card reads."""
        Product = get_model("catalogue", "Product")
        products = self.annotate_distance(Product._default_manager.filter(pk__in=ids))
        by_pk = {p.pk: p for p in selectors.products_for_listing(products=products)}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def url_with(self, **changes):
        """This page's URL with some parameters changed (None removes one), back on page 1."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for key, value in changes.items():
            params.pop(key, None)
            if value is not None:
                params[key] = value
        return f"{self.request.path}?{params.urlencode()}" if params else self.request.path

    def distance_context(self, form):
        reference = self.get_reference()
        return {
            "distance_form": form,
            "km0_reference": reference,
            "km0_choices": selectors.DISTANCE_CHOICES_KM,
        }


SORTS = {
    "newest": ["-date_created", "-pk"],
    "title-asc": ["title", "pk"],
    "title-desc": ["-title", "-pk"],
}


class ProductListingView(DistanceListingMixin, ListView):
    """A browsable-products listing paginated in the database, with distance filter and sort."""

    context_object_name = "products"
    paginate_by = None  # read from settings per request

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def base_products(self):
        return get_model("catalogue", "Product")._default_manager.browsable()

    def get_queryset(self):
        self.form = DistanceFilterForm(self.request.GET or None)
        km, by_distance, reaching = self.form.distance_filters()
        reference = self.get_reference()
        self.selected_km = km
        base = self.base_products()
        if reference is not None and reaching:
            base = selectors.products_reaching(products=base, municipality=reference.municipality)
        self.band_base = base
        products = self.annotate_distance(base, km=km, by_distance=by_distance)
        sort = self.form.cleaned_data.get("sort_by") if self.form.is_bound else ""
        if sort in SORTS:
            products = products.order_by(*SORTS[sort])
        elif sort in ("price-asc", "price-desc"):
            StockRecord = get_model("partner", "StockRecord")
            price = (
                StockRecord._default_manager.filter(product=OuterRef("pk"))
                .order_by("price")
                .values("price")[:1]
            )
            products = products.annotate(listing_price=Subquery(price))
            field = F("listing_price")
            field = field.asc(nulls_last=True) if sort == "price-asc" else field.desc(nulls_last=True)
            products = products.order_by(field, "pk")
        elif not by_distance:
            products = products.order_by("-date_created", "-pk")
        # Paginate narrow rows (ids in order); only the page's products are then read in full.
        return products.values_list("pk", flat=True)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        paginator = super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)
        reference = self.get_reference()
        self.bands = None
        if reference is not None:
            # The total and the distance bands in one aggregate query: the page needs no COUNT of its own.
            total, self.bands = selectors.distance_band_counts(
                products=self.band_base, home=reference.municipality
            )
            paginator.count = self.bands[self.selected_km] if self.selected_km else total
        return paginator

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = ctx["page_obj"]
        page.object_list = self.page_products(list(page.object_list))
        ctx["product_list"] = page.object_list
        ctx["products"] = [ListingItem(p) for p in ctx["product_list"]]
        ctx["form"] = self.form
        ctx.update(self.distance_context(self.form))
        ctx["facet_data"] = {}
        if self.bands is not None:
            ctx["facet_data"]["distance"] = self.distance_facet(self.bands, self.selected_km)
        ctx["has_facets"] = bool(ctx["facet_data"])
        ctx["selected_facets"] = []
        return ctx
