"""Oscar's customer views, mended where they answered 500."""

from django.shortcuts import get_object_or_404, redirect
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.views import *  # noqa: F403  (Oscar loads every view of the app from here)
from oscar.core.loading import get_model

Order = get_model("order", "Order")


class OrderLineView(oscar_views.OrderLineView):
    """A line of the buyer's own order: only "order again" (a POST). Oscar had no page for
    a GET (a missing template) and failed on a line id not in the order; the line is shown
    on its order's page, and a line that is not there is a 404."""

    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        line = self.get_object()
        return redirect("customer:order", line.order.number)
