import json

from django.http import JsonResponse
from django.template.loader import render_to_string
from oscar.apps.basket import views


class BasketView(views.BasketView):
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
