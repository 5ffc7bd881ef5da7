"""Oscar's "back in stock" alerts (shop/core/product_alerts.py): the email still goes out when a
product is restocked, but after the transaction commits, never while the request holds it."""

import pytest
from django.core import mail
from django.db.models.signals import post_save
from oscar.core.loading import get_model

from shop.core import product_alerts
from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory

ProductAlert = get_model("customer", "ProductAlert")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold_out():
    product = product_with_price(price="9.00", num_in_stock=0, title="Miele di castagno")
    buyer = UserFactory(email="giulia@example.org")
    ProductAlert.objects.create(product=product, user=buyer, status=ProductAlert.ACTIVE)
    return product


def restock(product):
    record = product.stockrecords.get()
    record.num_in_stock = 5
    record.save()


def test_oscars_receiver_is_replaced_by_the_queued_one():
    from oscar.apps.customer.alerts import receivers

    sync_receivers, _async_receivers = post_save._live_receivers(StockRecord)
    assert receivers.send_product_alerts not in sync_receivers
    assert product_alerts._on_stock_saved in sync_receivers


def test_a_restocked_product_sends_its_alert_after_the_commit(
    sold_out, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = ""  # no queue: run in the process, after the commit
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        restock(sold_out)
        assert mail.outbox == []  # nothing sent while the transaction is open
    assert ProductAlert.objects.get().status == ProductAlert.ACTIVE

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["giulia@example.org"]]
    assert ProductAlert.objects.get().status == ProductAlert.CLOSED


def test_a_product_still_sold_out_sends_nothing(sold_out):
    record = sold_out.stockrecords.get()
    record.price = record.price  # saved without stock
    record.save()
    assert mail.outbox == []
    assert ProductAlert.objects.get().status == ProductAlert.ACTIVE


def test_a_product_deleted_before_the_worker_runs_is_skipped(sold_out):
    pk = sold_out.pk
    sold_out.delete()
    product_alerts.send_product_alerts(pk)  # no error, nothing sent
    assert mail.outbox == []


def test_an_allocation_looks_up_no_alert_and_a_cancelled_one_does(sold_out, settings, monkeypatch):
    settings.SHOP_TASKS_EAGER = False
    queued = []
    monkeypatch.setattr(product_alerts, "after_commit", lambda func, *args: queued.append((func, args)))
    restock(sold_out)
    queued.clear()
    record = sold_out.stockrecords.get()

    with product_alerts.allocating(record):
        record.post_save_signal()  # as placing an order signals it (forked_apps/order/utils.py)
    assert queued == []

    record.cancel_allocation(1)  # units back on sale (Oscar signals the save): alerts looked up
    assert queued == [(product_alerts.send_product_alerts, (sold_out.pk,))]
