"""Oscar's analytics counters: written after the request's transaction commits, off the
request (``shop.core.tasks``), and safe when two requests create the same counter at once.

Oscar's receivers write their counters inside the request: a product page seen by a signed-in
employee wrote three rows (product views, the user's views, the view itself), a basket
addition two, an order placed one per line and one for the user, each under the request's
write lock. Here the same receivers' work is queued after the commit with plain ids, so the
page answers without it (a worker writes them; without Redis they run in the process right
after the commit; in tests at once).

Oscar creates a counter row on first use and, when two requests create the same row at once,
catches the IntegrityError and updates instead. Inside a transaction on PostgreSQL the failed
INSERT aborts the whole transaction (found by the load run, docs/load.md):
``analytics_counter_update`` makes the INSERT in a savepoint.
"""

import functools
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from oscar.core.loading import get_model

from shop.core.tasks import after_commit

logger = logging.getLogger(__name__)


def analytics_counter_update(model, field_name, filter_kwargs, increment=1):
    record = model.objects.filter(**filter_kwargs)
    if record.update(**{field_name: F(field_name) + increment}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**filter_kwargs, **{field_name: increment})
    except IntegrityError:  # created meanwhile by a concurrent request
        record.update(**{field_name: F(field_name) + increment})


def _never_fails(func):
    """Counters must never break a page or fill a worker's failed queue with retries.

    The task keeps its name, so the worker finds it by path (django-rq stores the dotted name).
    """

    @functools.wraps(func)
    def task(*args):
        try:
            if transaction.get_connection().in_atomic_block:  # run at once (tests): no savepoint
                func(*args)
            else:
                with transaction.atomic():
                    func(*args)
        except Exception:
            logger.exception("analytics: %s%r not recorded", func.__name__, args)

    return task


@_never_fails
def record_product_view(product_id: int, user_id: int | None) -> None:
    analytics_counter_update(get_model("analytics", "ProductRecord"), "num_views", {"product_id": product_id})
    if user_id:
        analytics_counter_update(
            get_model("analytics", "UserRecord"), "num_product_views", {"user_id": user_id}
        )
        get_model("analytics", "UserProductView").objects.create(product_id=product_id, user_id=user_id)


@_never_fails
def record_basket_addition(product_id: int, user_id: int | None) -> None:
    analytics_counter_update(
        get_model("analytics", "ProductRecord"), "num_basket_additions", {"product_id": product_id}
    )
    if user_id:
        analytics_counter_update(
            get_model("analytics", "UserRecord"), "num_basket_additions", {"user_id": user_id}
        )


@_never_fails
def record_order(order_id: int) -> None:
    from oscar.apps.analytics import receivers

    order = get_model("order", "Order").objects.filter(pk=order_id).select_related("user").first()
    if order is None:
        return
    receivers._record_products_in_order(order)
    if order.user_id:
        receivers._record_user_order(order.user, order)


@_never_fails
def record_search(user_id: int, query: str) -> None:
    get_model("analytics", "UserSearch")._default_manager.create(user_id=user_id, query=query)


def _signed_in(user) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def _on_product_view(sender, product, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(record_product_view, product.pk, _signed_in(user))


def _on_basket_addition(sender, product, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(record_basket_addition, product.pk, _signed_in(user))


def _on_order_placed(sender, order, user, **kwargs):
    if not kwargs.get("raw", False):
        after_commit(record_order, order.pk)


def _on_search(sender, query, user, **kwargs):
    if _signed_in(user) and not kwargs.get("raw", False):
        after_commit(record_search, user.pk, query)


def analytics_counters_install() -> None:
    """Replace Oscar's analytics receivers by the queued ones above, once, at start-up."""
    from oscar.apps.analytics import receivers
    from oscar.apps.basket.signals import basket_addition
    from oscar.apps.catalogue.signals import product_viewed
    from oscar.apps.order.signals import order_placed
    from oscar.apps.search.signals import user_search

    receivers._update_counter = analytics_counter_update
    for signal, oscars, ours in (
        (product_viewed, receivers.receive_product_view, _on_product_view),
        (basket_addition, receivers.receive_basket_addition, _on_basket_addition),
        (order_placed, receivers.receive_order_placed, _on_order_placed),
        (user_search, receivers.receive_product_search, _on_search),
    ):
        signal.disconnect(oscars)
        signal.connect(ours, dispatch_uid=f"shop-analytics-{ours.__name__}")
