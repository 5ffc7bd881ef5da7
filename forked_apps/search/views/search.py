"""Search fork: results narrowed and sorted by distance, products loaded from the database in bulk.

Whoosh finds the products; the distance filter narrows on origin codes within N km of the
buyer, the sort by distance orders the matching ids in the database (shop.km0.listing).
The engine is asked once per page (shop.core.search_backend.search_found): count, page,
facets and spelling suggestion are all read from that one answer.
"""

from django.conf import settings
from oscar.apps.search.views.search import FacetedSearchView as OscarFacetedSearchView
from oscar.core.loading import get_model

from shop.core.search_backend import search_as_run, search_found
from shop.km0 import selectors
from shop.km0.listing import DistanceListingMixin, ListingItem

Product = get_model("catalogue", "Product")


def _any_of(field, values):
    terms = " OR ".join(f'"{value}"' for value in values)
    return f"{field}:({terms})"


class FacetedSearchView(DistanceListingMixin, OscarFacetedSearchView):
    load_all = False  # products are loaded below, a page at a time, with what a card needs

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        return super().get_queryset().facet("origin")

    def form_valid(self, form):
        km, by_distance, reaching = form.distance_filters()
        reference = self.get_reference()
        query = form.cleaned_data.get("q")
        sqs = unfiltered = form.search()
        if reference and reaching:
            sqs = unfiltered = sqs.narrow(_any_of("served", [reference.municipality.pk]))
        if reference and km:
            codes = list(
                selectors.origins_within_km(home=reference.municipality, km=km).values_list(
                    "origin_id", flat=True
                )
            )
            sqs = sqs.narrow(_any_of("origin", codes)) if codes else sqs.none()
        found = search_found(sqs, spelling_query=query)
        everywhere = found if sqs is unfiltered else search_found(unfiltered, spelling_query=query)
        self.origin_counts = dict(everywhere.facets.get("fields", {}).get("origin", []))
        form.found_suggestion = found.suggestion
        self.queryset, self.selected_km, object_list = search_as_run(sqs, found), km, found.ids
        if reference and by_distance:
            products = self.annotate_distance(
                Product._default_manager.filter(pk__in=found.ids), by_distance=True
            )
            object_list = products.values_list("pk", flat=True)
        context = self.get_context_data(form=form, query=query, object_list=object_list)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = ctx["page_obj"]
        page.object_list = [ListingItem(p) for p in self.page_products(list(page.object_list))]
        ctx["product_list"] = [item.object for item in page.object_list]
        form = ctx.get("form")
        ctx.update(self.distance_context(form))
        reference = self.get_reference()
        if reference is not None and hasattr(self, "origin_counts"):
            bands = selectors.distance_band_counts_from_origins(
                origin_counts=self.origin_counts, home=reference.municipality
            )
            ctx.setdefault("facet_data", {})["distance"] = self.distance_facet(bands, self.selected_km)
            ctx["has_facets"] = True
        return ctx

    def page_products(self, results):
        """The page's products (search hits or ids sorted in SQL) read in full, in result order."""
        return super().page_products([r if isinstance(r, int) else int(r.pk) for r in results])
