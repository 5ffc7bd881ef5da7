"""Oscar's analytics counters inside the request's transaction (shop/core/analytics.py).

The load run's first basket additions of a product, two at once, ended in a 500: Oscar's
counter INSERT failed on the unique product, and on PostgreSQL that aborts the transaction.
"""

from django.db.models import QuerySet
from oscar.apps.analytics import receivers
from oscar.core.loading import get_model

from shop.core.analytics import analytics_counter_update
from tests.factories import product_with_price

ProductRecord = get_model("analytics", "ProductRecord")


def test_oscar_receivers_use_the_savepoint_counter():
    assert receivers._update_counter is analytics_counter_update


def test_first_use_creates_the_counter(db):
    product = product_with_price(price="5.00")

    analytics_counter_update(ProductRecord, "num_basket_additions", {"product_id": product.pk}, 2)

    assert ProductRecord.objects.get(product=product).num_basket_additions == 2


def test_a_counter_created_meanwhile_is_counted_and_the_transaction_goes_on(db, monkeypatch):
    product = product_with_price(price="5.00")
    ProductRecord.objects.create(product=product, num_views=1)
    update = QuerySet.update
    calls = []

    def first_update_misses(self, **kwargs):
        # The other request's INSERT is not visible yet when this one updates.
        calls.append(kwargs)
        return 0 if len(calls) == 1 else update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", first_update_misses)

    analytics_counter_update(ProductRecord, "num_views", {"product_id": product.pk})

    # Without the savepoint PostgreSQL refuses this query: the transaction was aborted.
    assert ProductRecord.objects.get(product=product).num_views == 2
    assert len(calls) == 2
