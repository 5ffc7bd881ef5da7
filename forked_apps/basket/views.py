import json

from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from oscar.apps.basket import views

from forked_apps.basket.models import prefetch_line_pictures
from forked_apps.offer.applicator import offers_in_use
from forked_apps.purchase import product_for_purchase


class BasketView(views.BasketView):
    def get_context_data(self, **kwargs):
        # The page shows each line's picture, and those of the lines saved for later.
        self.request.basket.with_pictures()
        ctx = super().get_context_data(**kwargs)
        if "saved_formset" in ctx:
            prefetch_line_pictures(ctx["saved_formset"].get_queryset())
        return ctx

    def get_basket_voucher_form(self):
        # The shop issues no voucher unless the manager makes some: without any, no code box
        # that could only answer "unknown code" (Oscar's hook for this very case).
        if not offers_in_use()["vouchers"]:
            return None
        return super().get_basket_voucher_form()

    def get_shipping_methods(self, basket):
        # Oscar asks the shipping repository twice per page (the methods, then the default
        # one, which is the first method): once is enough.
        if not hasattr(self, "_shipping_methods"):
            self._shipping_methods = super().get_shipping_methods(basket)
        return self._shipping_methods

    def get_default_shipping_method(self, basket):
        methods = self.get_shipping_methods(basket)
        return methods[0] if methods else super().get_default_shipping_method(basket)

    def json_response(self, ctx, flash_messages):
        # Oscar's AJAX quantity update redraws the basket but not the header's mini basket,
        # which kept the old count and total: send it too (static/shop/js/shop.js swaps it).
        data = json.loads(super().json_response(ctx, flash_messages).content)
        data["mini_basket_html"] = render_to_string("oscar/partials/mini_basket.html", request=self.request)
        return JsonResponse(data)


class BasketAddView(views.BasketAddView):
    """Oscar's add-to-basket, reading the product once with what the addition asks of it: its
    class, whether it has options (two flags instead of a query, and no options query when it
    has none) and its stock records with their suppliers, which the strategy reads for the
    form and again for the new line (two queries in Oscar)."""

    def post(self, request, *args, **kwargs):
        self.product = product_for_purchase(kwargs["pk"])
        if self.product is None:
            raise Http404("No product matches the given query.")
        # Oscar's own post() reads the product again: go on from the FormView's.
        return super(views.BasketAddView, self).post(request, *args, **kwargs)
