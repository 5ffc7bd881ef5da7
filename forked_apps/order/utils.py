"""Order creation fork: order lines record the distance at the time of purchase (shop.km0),
stock is allocated only while it lasts, and order numbers read like the demo's (W2026-0014)."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order import exceptions, utils
from oscar.apps.order.utils import *  # noqa: F403  (the rest of the module unchanged)
from oscar.core.loading import get_model

from forked_apps.lines import remember_related
from forked_apps.offer.applicator import offers_in_use
from shop.core.compiled import CompiledOnce
from shop.core.product_alerts import allocating
from shop.km0.selectors import purchase_distance

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class OrderNumberGenerator(utils.OrderNumberGenerator):
    """W + year + basket number, as the demo's orders (W2026-0001): one basket, one number.

    Oscar asks again on every attempt to pay, and the number keys the welfare debit, so it
    stays the basket's. Numbers written outside checkout (the demo's) are skipped.
    """

    def order_number(self, basket):
        year = timezone.localdate().year
        number = f"W{year}-{basket.id:04d}"
        if _NUMBER_TAKEN_SQL.first(number, basket.id) is not None:
            number = f"W{year}-{1_000_000 + basket.id}"
        return number


# Asked at every order placement: compiled once (shop/core/compiled.py).
_NUMBER_TAKEN_SQL = CompiledOnce(
    "order-number-taken",
    lambda number, basket_id: (
        Order._default_manager.filter(number=number)
        .exclude(basket_id=basket_id)
        .values_list("pk", flat=True)[:1]
    ),
)


class OrderCreator(utils.OrderCreator):
    # The order keeps the lines (and each line its options) created here: the receivers of
    # ``order_placed`` (bookings), the payment events and the credit reservation read them
    # again in the same request, once each in Oscar.

    def create_order_model(self, user, basket, *args, **kwargs):
        order = super().create_order_model(user, basket, *args, **kwargs)
        if order.user_id is not None:
            order.user = user  # Oscar stores only the id: each line would read the buyer again
        if not offers_in_use()["vouchers"]:
            # No voucher exists, so the basket holds none: Oscar's two readings of the basket's
            # vouchers, which follow, are answered empty without a query.
            none = basket.vouchers.none()
            none._result_cache, none._prefetch_done = [], True
            # Set through the attribute: the basket may be the request's lazy proxy of it.
            cache = getattr(basket, "_prefetched_objects_cache", None)
            if cache is None:
                basket._prefetched_objects_cache = cache = {}
            cache["vouchers"] = none
        return order

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        # Measured now, from the buyer's home as it is when the order is placed.
        where = purchase_distance(product=basket_line.product, user=order.user)
        fields = {"distance_km": where.km, "origin": where.origin, "reference_municipality": where.reference}
        fields.update(extra_line_fields or {})
        line = super().create_line_models(order, basket_line, extra_line_fields=fields)
        remember_related(order, "lines", [line])
        return line

    def create_line_attributes(self, order, order_line, basket_line):
        remember_related(order_line, "attributes")
        for attribute in basket_line.attributes.all():
            created = order_line.attributes.create(
                option=attribute.option, type=attribute.option.code, value=attribute.value
            )
            remember_related(order_line, "attributes", [created])

    def update_stock_records(self, line):
        # Oscar adds to num_allocated without looking at the stock again: two buyers of the last
        # unit, placing their orders at the same moment, would both get it (found by the load
        # run, docs/load.md). The stock record's row lock makes the second one wait and see.
        if not line.product.get_product_class().track_stock:
            return
        record = StockRecord._default_manager.select_for_update().get(pk=line.stockrecord_id)
        if record.net_stock_level < line.quantity:
            # Oscar's own message (translated by Oscar); the order is rolled back.
            raise exceptions.UnableToPlaceOrder(
                _(
                    "'%(title)s' is no longer available to buy (%(reason)s). "
                    "Please adjust your basket to continue"
                )
                % {"title": line.product.get_title(), "reason": _("no stock available")}
            )
        record.product = line.product  # with its class, read above: the signals' receivers ask
        # Oscar's allocate() adds in SQL and then reads the row again; it is locked here, so
        # the figure read above plus the quantity is the one stored.
        record.pre_save_signal()
        StockRecord._default_manager.filter(pk=record.pk).update(
            num_allocated=Coalesce(F("num_allocated"), 0) + line.quantity
        )
        record.num_allocated = (record.num_allocated or 0) + line.quantity
        with allocating(record):  # fewer units to sell: no "back in stock" alert to look up
            record.post_save_signal()
        line.stockrecord = record
