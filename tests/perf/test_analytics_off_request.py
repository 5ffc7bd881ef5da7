"""Oscar's analytics counters are written after the commit, off the request (shop/core/analytics.py)."""

import logging
import weakref

import pytest
from django.urls import reverse
from oscar.apps.analytics import receivers
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from shop.core import analytics
from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory

pytestmark = pytest.mark.django_db

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")


@pytest.fixture
def queued(settings):
    """Tasks after the commit, in this process (no Redis), as on a fresh machine."""
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = ""


def _live(signal) -> list:
    """The functions connected to ``signal`` (its entries hold them by weak reference)."""
    refs = [entry[1] for entry in signal.receivers]
    return [ref() if isinstance(ref, weakref.ReferenceType) else ref for ref in refs]


def test_oscar_receivers_are_replaced():
    assert receivers.receive_product_view not in _live(product_viewed)
    assert analytics._on_product_view in _live(product_viewed)
    assert receivers.receive_order_placed not in _live(order_placed)
    assert analytics._on_order_placed in _live(order_placed)


def test_a_signed_in_product_view_writes_its_counters_only_after_the_commit(
    client, queued, django_capture_on_commit_callbacks
):
    product = product_with_price(price="5.00")
    user = UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.get(product.get_absolute_url()).status_code == 200
    assert not ProductRecord.objects.filter(product=product).exists()
    assert not UserProductView.objects.filter(user=user).exists()

    for callback in callbacks:
        callback()

    assert ProductRecord.objects.get(product=product).num_views == 1
    assert UserRecord.objects.get(user=user).num_product_views == 1
    assert UserProductView.objects.filter(user=user, product=product).count() == 1


def test_a_basket_addition_is_counted_after_the_commit(client, queued, django_capture_on_commit_callbacks):
    product = product_with_price(price="5.00")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert ProductRecord.objects.get(product=product).num_basket_additions == 1


def test_a_failing_counter_is_logged_and_never_raises(caplog, monkeypatch):
    product = product_with_price(price="5.00")

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(analytics, "analytics_counter_update", broken)
    with caplog.at_level(logging.ERROR, logger="shop.core.analytics"):
        analytics.record_product_view(product.pk, None)
    assert "record_product_view" in caplog.text
    assert not ProductRecord.objects.exists()


def test_the_worker_finds_each_task_by_its_dotted_name():
    import importlib

    for task in (
        analytics.record_product_view,
        analytics.record_basket_addition,
        analytics.record_order,
        analytics.record_search,
    ):
        module = importlib.import_module(task.__module__)
        assert getattr(module, task.__qualname__) is task
