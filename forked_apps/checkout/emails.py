"""The order confirmation email, rendered and sent after the order commits, off the request.

Oscar renders and sends it inside ``place_order``, i.e. inside the request's transaction
while the buyer's wallet rows and the delivery round are locked. The checkout view hands it
to ``shop.core.tasks.after_commit`` instead; ``send_order_placed_email`` below then runs in
the task worker (or after the commit, in the demo), reading the order as committed.
"""

import logging

from django.contrib.sites.models import Site
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

Order = get_model("order", "Order")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger("oscar.checkout")


def send_order_placed_email(order_id: int, language: str) -> None:
    order = Order._default_manager.select_related("user").get(pk=order_id)
    with translation.override(language):
        ctx = {"user": order.user, "order": order, "lines": order.lines.all()}
        try:
            if order.user_id:
                path = reverse("customer:order", kwargs={"order_number": order.number})
            else:
                path = reverse(
                    "customer:anon-order",
                    kwargs={"order_number": order.number, "hash": order.verification_hash()},
                )
        except NoReverseMatch:
            pass
        else:
            ctx["status_path"] = path
            ctx["status_url"] = f"http://{Site.objects.get_current().domain}{path}"
        OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, ctx)
