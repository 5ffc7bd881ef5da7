"""Catalogue fork: category and catalogue pages listed from the database, with distance.

Oscar 4.2 lists categories through haystack; listing from the database lets the km-0
filter and the sort by distance run in SQL (shop.km0.listing).
"""

import functools

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue import views as oscar_views
from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.apps.search.views.catalogue import ProductCategoryView as OscarProductCategoryView
from oscar.core.loading import get_model

from forked_apps.purchase import product_for_purchase
from shop.km0.listing import DistanceListingMixin, ProductListingView
from shop.storefront import page_cache
from shop.storefront.templatetags.storefront import stockrecords_with_partners, with_option_flags

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


class ProductDetailView(DistanceListingMixin, oscar_views.ProductDetailView):
    """Oscar's product page, reading in one query the product with its class, origin, option
    flags and distance from the buyer (the km-0 badge), then its stock records with suppliers.

    (Pictures, categories and attributes are read only when their cached fragments of
    templates/oscar/catalogue/detail.html are rendered again.)
    """

    def get(self, request, *args, **kwargs):
        # A visitor with nothing of their own may get the whole page from the cache, a
        # signed-in buyer the page without its personal parts (shop/storefront/page_cache.py):
        # read first only what the key needs.
        self.page_kind = page_cache.page_kind(request)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        # The product the page cache's key reads (the page itself is rendered from a read of
        # its own, on a miss): SQL compiled once, as for an addition to the basket.
        if hasattr(self, "object") or queryset is not None or not getattr(self, "page_kind", None):
            return super().get_object(queryset)
        product = product_for_purchase(int(self.kwargs[self.pk_url_kwarg]))
        if product is None:
            name = {"verbose_name": Product._meta.verbose_name}
            raise Http404(_("No %(verbose_name)s found matching the query") % name)
        return product

    def get_queryset(self):
        products = super().get_queryset()
        products = with_option_flags(products).select_related("product_class", "origin")
        return self.annotate_distance(products).prefetch_related(stockrecords_with_partners())

    def get_alert_status(self):
        # A callable the template calls only where it shows the alert (the product cannot be
        # bought now): no stock-alert query on the page of a product on sale.
        return functools.cache(super().get_alert_status)

    def get_reference(self):
        reference = super().get_reference()
        self.request._km0_reference = reference  # what the badge reads: no second look-up
        return reference

    def render_to_response(self, context, **kwargs):
        kind = self.page_kind
        if not kind:
            return super().render_to_response(context, **kwargs)

        def render(extra):
            # Rendered anew: the product with its distance and option flags, as for anyone.
            self.page_kind = None
            self.object = self.get_queryset().get(pk=self.object.pk)
            fresh = self.get_context_data(object=self.object)
            return super(ProductDetailView, self).render_to_response({**fresh, **extra}, **kwargs)

        key = page_cache.product_page_key(self.request, self.object, kind)
        return page_cache.serve(self.request, key, render, personal=kind == page_cache.PERSONAL)


class CatalogueView(ProductListingView):
    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=_("All products"), **kwargs)


class ProductCategoryView(ProductListingView):
    template_name = "oscar/catalogue/category.html"
    is_viewable = OscarProductCategoryView.is_viewable
    redirect_if_necessary = OscarProductCategoryView.redirect_if_necessary
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=self.kwargs["pk"])
        if not self.is_viewable(self.category, request):
            raise Http404()
        return self.redirect_if_necessary(request.path, self.category) or super().get(
            request, *args, **kwargs
        )

    def base_products(self):
        in_category = ProductCategory._default_manager.filter(
            product=OuterRef("pk"), category__in=self.category.get_descendants_and_self()
        )
        return super().base_products().filter(Exists(in_category))

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, summary=self.category.name, **kwargs)
