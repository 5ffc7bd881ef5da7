"""Oscar's "back in stock" alert emails: looked up and sent after the commit, off the request.

With ``OSCAR_EAGER_ALERTS`` Oscar looks for a product's active alerts on every save of one of
its stock records and sends their emails there and then: inside the request and under its
write lock. Placing an order saves each line's stock record (the allocation), so checkout
counted and read the product's alerts once per line; a supplier restocking a product waited
for the emails before the page answered. Here the same lookup runs after the transaction
commits, off the request (``shop.core.tasks``), with the product's id: the worker reads the
stock and the alerts as committed. An allocation (``allocating``: an order placed) leaves
fewer units to sell, so it cannot bring a product back in stock: nothing is queued for it.
"""

import contextlib
import logging

from django.db.models.signals import post_save
from oscar.core.loading import get_class, get_model

from shop.core.tasks import after_commit

logger = logging.getLogger(__name__)


def send_product_alerts(product_id: int) -> None:
    """Oscar's alert emails and notifications for ``product_id``, if it is back in stock."""
    product = get_model("catalogue", "Product")._default_manager.filter(pk=product_id).first()
    if product is None:
        return
    try:
        get_class("customer.alerts.utils", "AlertsDispatcher")().send_product_alert_email_for_user(product)
    except Exception:  # a failed email must not fill the worker's failed queue with retries
        logger.exception("product alerts for product %s not sent", product_id)


_ALLOCATING = "_atc56w_allocating"


@contextlib.contextmanager
def allocating(record):
    """The saves of ``record`` signalled within only allocate stock: no alert is looked up."""
    setattr(record, _ALLOCATING, True)
    try:
        yield record
    finally:
        delattr(record, _ALLOCATING)


def _on_stock_saved(sender, instance, created=False, **kwargs):
    if not kwargs.get("raw", False) and not getattr(instance, _ALLOCATING, False):
        after_commit(send_product_alerts, instance.product_id)


def product_alerts_install() -> None:
    """Replace Oscar's receiver by the queued one above, once, at start-up (when Oscar
    connected its own: ``OSCAR_EAGER_ALERTS``)."""
    from oscar.apps.customer.alerts import receivers

    StockRecord = get_model("partner", "StockRecord")
    if post_save.disconnect(receivers.send_product_alerts, sender=StockRecord):
        post_save.connect(_on_stock_saved, sender=StockRecord, dispatch_uid="shop-product-alerts")
