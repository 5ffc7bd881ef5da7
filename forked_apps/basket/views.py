import json

from django.http import JsonResponse
from django.template.loader import render_to_string
from oscar.apps.basket import views


class BasketView(views.BasketView):
    def json_response(self, ctx, flash_messages):
        # Oscar's AJAX quantity update redraws the basket but not the header's mini basket,
        # which kept the old count and total: send it too (static/shop/js/shop.js swaps it).
        data = json.loads(super().json_response(ctx, flash_messages).content)
        data["mini_basket_html"] = render_to_string("oscar/partials/mini_basket.html", request=self.request)
        return JsonResponse(data)
