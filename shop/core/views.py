"""The storefront's own pages: the home page of the welfare shop."""

from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.core.templatetags.storefront import card_queryset, prepare_cards, root_categories

Product = get_model("catalogue", "Product")

HOME_NEWEST = 8
HOME_SERVICES = 4


class HomeView(TemplateView):
    """Hero, the six offer categories and two small selections of the offer.

    Both selections are built with card_queryset, so the page runs the same handful of
    queries whatever the size of the catalogue or of the selections.
    """

    template_name = "shop/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        browsable = Product._default_manager.browsable()
        newest = card_queryset(browsable.filter(product_class__requires_shipping=True)).order_by(
            "-date_created", "-pk"
        )[:HOME_NEWEST]
        services = card_queryset(browsable.filter(product_class__requires_shipping=False)).order_by(
            "-date_created", "-pk"
        )[:HOME_SERVICES]
        ctx["categories"] = root_categories()
        ctx["newest_goods"] = prepare_cards(newest, self.request)
        ctx["care_services"] = prepare_cards(services, self.request)
        return ctx
