"""The storefront's own pages: the home page of the welfare shop."""

from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.core.cards import cards_from_cache
from shop.km0.listing import DistanceListingMixin
from shop.storefront.templatetags.storefront import card_queryset, prepare_cards, root_categories

Product = get_model("catalogue", "Product")

HOME_GOODS = 8
HOME_SERVICES = 4
# How many of the newest products are considered when picking one per supplier.
CANDIDATES = 60


class HomeView(DistanceListingMixin, TemplateView):
    """Hero, the six offer categories and a selection of the newest goods and care services.

    The newest goods and services are picked one per supplier from a bounded list of ids,
    then fetched in one card query with their distance from the buyer for the km-0 badge,
    so the page runs the same handful of queries whatever the size of the catalogue.
    """

    template_name = "shop/home.html"

    def newest_by_supplier(self, products, *, size: int) -> list[int]:
        """Ids of the newest products, one per supplier first, so one supplier cannot fill the shelf."""
        newest = products.order_by("-date_created", "-pk")
        rows = list(newest.values_list("pk", "stockrecords__partner_id")[:CANDIDATES])
        picked, seen_suppliers = [], set()
        for pk, partner_id in rows:
            if partner_id not in seen_suppliers and pk not in picked:
                picked.append(pk)
                seen_suppliers.add(partner_id)
        for pk, _partner_id in rows:  # fewer suppliers than places: fill with the newest
            if pk not in picked:
                picked.append(pk)
        return picked[:size]

    def selection(self):
        browsable = Product._default_manager.browsable()
        shipped = browsable.filter(product_class__requires_shipping=True)
        booked = browsable.filter(product_class__requires_shipping=False)
        goods = self.newest_by_supplier(shipped, size=HOME_GOODS)
        services = self.newest_by_supplier(booked, size=HOME_SERVICES)
        chosen = Product._default_manager.filter(pk__in=goods + services)
        products = card_queryset(self.annotate_distance(chosen))
        prepared = prepare_cards(products, self.request)
        cards_from_cache(prepared, self.get_reference())  # the cached cards in one cache read
        cards = {product.pk: product for product in prepared}
        return [cards[pk] for pk in goods if pk in cards], [cards[pk] for pk in services if pk in cards]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["categories"] = root_categories()
        ctx["km0_reference"] = self.get_reference()
        ctx["newest_goods"], ctx["care_services"] = self.selection()
        return ctx
