"""Checkout paid with welfare credit (issue 23): each step's SQL queries pinned, and the
confirmation email rendered and sent only after the order commits, off the request.

The counts are those of a second checkout by the same employee (the first fills the
per-process caches: permissions, notifications, offers), with one everyday product in the
basket that the plan covers.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.core import tasks
from shop.welfare.selectors import CREDIT_SOURCE_NAME
from tests.factories.welfare import funded_plan, product_in
from tests.perf.test_buyer_pages import data_queries
from tests.welfare.test_checkout_with_credit import ADDRESS, shop_ready

Order = get_model("order", "Order")

__all__ = ["shop_ready"]

pytestmark = pytest.mark.django_db

# Per step: the request's own queries (the test client does not follow redirects here),
# without transaction statements and savepoints, so the same on SQLite and PostgreSQL.
CHECKOUT_STEP_QUERIES = {
    # The product read once with its class, option flags and stock records; how many the
    # basket holds counted on its lines already read (forked_apps/basket). A basket's lines
    # cost one query with their products, stock records and suppliers (each line is priced
    # from its own record): their options are read only for lines that have some, their
    # pictures only by the pages that show them. A new line records its distance in its INSERT.
    "basket_add": 11,
    # The address step chooses the only shipping method and goes straight to the payment; the
    # shipping countries are kept (shop/core/countries.py), for the form and each address.
    "shipping_address": 7,
    # The payment step and the preview read the fringe room and the amount left for the door;
    # the preview reads them once for the form posted and the page shown after it. The plans'
    # categories and the products' category paths are kept (welfare.allocation), the buyer's
    # employment too for page reads (eligibility.EMPLOYMENT_VERSION).
    "payment_details": 8,
    "preview": 11,
    # The room under the fringe cap is read under the wallet's lock, taken with the plan in one
    # statement; the wallets to allocate from are found and locked in one statement. The
    # buyer, the product and its class are read once, the delivery round once and locked; the
    # stock allocated without reading its row again; the lines just created are not read back
    # (order fork); the payment source and event types are kept; an order that books nothing
    # reads no booking; in a shop without vouchers the basket's vouchers are not read.
    "place_order": 36,
    # The thank-you page lists each line's art. 51 treatment and the credit each source keeps
    # (the lines with their products, the sources with their types); the order comes with its
    # delivery address, its discounts are read once for the three kinds the totals show; the
    # options of lines known to have none are not read.
    "thank_you": 10,
}


@pytest.fixture
def buyer(client, employer, employee_user, shop_ready):
    funded_plan(employer=employer, amount="500.00", categories=["Alimentari"])
    client.force_login(employee_user)
    return employee_user


def checkout(client, product) -> dict:
    counts = {}

    def step(name, method, url, data=None, expected=302):
        with CaptureQueriesContext(connection) as queries:
            response = (
                getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
            )
        assert response.status_code == expected, (name, response.status_code)
        counts[name] = data_queries(queries.captured_queries)
        return response

    step("basket_add", "post", reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    address = step("shipping_address", "post", reverse("checkout:shipping-address"), ADDRESS)
    assert address["Location"] == reverse("checkout:payment-details")
    page = step("payment_details", "get", reverse("checkout:payment-details"), expected=200)
    credit = page.context["credit_form"]["credit"].value()
    step(
        "preview",
        "post",
        reverse("checkout:preview"),
        {"credit": credit, "rest_method": "cash"},
        expected=200,
    )
    step("place_order", "post", reverse("checkout:preview"), {"action": "place_order"})
    step("thank_you", "get", reverse("checkout:thank-you"), expected=200)
    return counts


def test_each_checkout_step_runs_its_pinned_queries(client, buyer, settings):
    # What the request itself runs, as in production: the tasks queued after the commit (the
    # email, the analytics counters, the stock alerts) are not run inside the test's transaction.
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = ""
    product = product_in(category_path="Alimentari > Verdura", price="12.50")
    checkout(client, product)

    counts = checkout(client, product)

    assert counts == CHECKOUT_STEP_QUERIES
    orders = Order.objects.filter(user=buyer)
    assert orders.count() == 2
    assert all(o.sources.filter(source_type__name=CREDIT_SOURCE_NAME).exists() for o in orders)


def test_the_confirmation_email_waits_for_the_commit(
    client, buyer, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = ""
    product = product_in(category_path="Alimentari > Verdura", price="12.50")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        checkout(client, product)
    order = Order.objects.get(user=buyer)
    assert not [m for m in mail.outbox if order.number in m.subject]  # nothing sent inside the transaction

    for callback in callbacks:
        callback()

    sent = [m for m in mail.outbox if order.number in m.subject]
    assert len(sent) == 1 and sent[0].to == [buyer.email]


def test_with_a_task_queue_the_email_is_queued_not_sent(client, buyer, settings, monkeypatch):
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = "redis://127.0.0.1:6379/0"
    queued = []

    class Queue:
        def enqueue(self, func, *args, **kwargs):
            queued.append((func, args))

    import django_rq

    monkeypatch.setattr(django_rq, "get_queue", lambda name, **kwargs: Queue())
    product = product_in(category_path="Alimentari > Verdura", price="12.50")
    with django_capture_on_commit_callbacks_executing():
        checkout(client, product)
    order = Order.objects.get(user=buyer)

    assert not [m for m in mail.outbox if order.number in m.subject]
    emails = [(f, a) for f, a in queued if f.__name__ == "send_order_placed_email"]
    assert [a[0] for _f, a in emails] == [order.pk]
    # Oscar's analytics counters are queued too (shop/core/analytics.py).
    assert {f.__name__ for f, _a in queued} == {
        "send_order_placed_email",
        "record_basket_addition",
        "record_order",
    }  # the stock allocated brings nothing back in stock: no alert looked up (product_alerts)
    func, args = emails[0]
    func(*args)  # what the worker runs
    assert len([m for m in mail.outbox if order.number in m.subject]) == 1


def django_capture_on_commit_callbacks_executing():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_without_redis_the_task_runs_in_the_process(monkeypatch, settings):
    settings.TASKS_REDIS_URL = ""
    ran = []
    tasks.enqueue(ran.append, 1)
    assert ran == [1]
