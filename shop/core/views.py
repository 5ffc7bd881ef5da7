"""The storefront's own pages: the home page of the welfare shop."""

from django.db.models import Q
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.core.templatetags.storefront import card_queryset, prepare_cards, root_categories
from shop.km0.listing import DistanceListingMixin

Product = get_model("catalogue", "Product")

HOME_GOODS = 8
HOME_SERVICES = 4


class HomeView(DistanceListingMixin, TemplateView):
    """Hero, the six offer categories and a selection of the newest goods and care services.

    Both selections come from one card query (the newest of each kind picked in subqueries)
    and carry their distance from the buyer for the km-0 badge, so the page runs the same
    handful of queries whatever the size of the catalogue.
    """

    template_name = "shop/home.html"

    def selection(self):
        browsable = Product._default_manager.browsable()
        newest = ("-date_created", "-pk")
        goods = browsable.filter(product_class__requires_shipping=True).order_by(*newest)[:HOME_GOODS]
        services = browsable.filter(product_class__requires_shipping=False).order_by(*newest)[:HOME_SERVICES]
        picked = Q(pk__in=goods.values("pk")) | Q(pk__in=services.values("pk"))
        products = Product._default_manager.filter(picked)
        products = card_queryset(self.annotate_distance(products)).order_by(*newest)
        cards = prepare_cards(products, self.request)
        return (
            [p for p in cards if p.product_class.requires_shipping],
            [p for p in cards if not p.product_class.requires_shipping],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["categories"] = root_categories()
        ctx["km0_reference"] = self.get_reference()
        ctx["newest_goods"], ctx["care_services"] = self.selection()
        return ctx
