"""Requests that write run their view in one transaction; page reads run in none
(shop.core.middleware.WritingRequestsAtomicMiddleware, instead of ATOMIC_REQUESTS).

A POST that fails half-way leaves nothing written; a GET takes no transaction (on SQLite, no
write lock) and is not a "writing request", so answers kept across requests may serve it.
"""

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from oscar.core.loading import get_model

from shop.core.middleware import WritingRequestsAtomicMiddleware
from shop.core.request_memo import request_writes
from tests.factories import product_with_price
from tests.factories.eligibility import UserFactory

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")

MIDDLEWARE_PATH = "shop.core.middleware.WritingRequestsAtomicMiddleware"


class Boom(Exception):
    pass


def run(method, view):
    request = getattr(RequestFactory(), method.lower())("/any/")
    middleware = WritingRequestsAtomicMiddleware(lambda request: HttpResponse())
    response = middleware.process_view(request, view, (), {})
    return response


def seen_by_view():
    seen = {}

    def view(request):
        seen["atomic"] = connection.in_atomic_block
        seen["writes"] = request_writes()
        return HttpResponse("ok")

    return seen, view


def test_the_middleware_runs_after_every_other_and_replaces_atomic_requests():
    assert settings.MIDDLEWARE[-1] == MIDDLEWARE_PATH
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is False


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_page_read_runs_without_a_transaction(method):
    seen, view = seen_by_view()

    assert run(method, view) is None  # Django calls the view itself, outside any transaction
    assert not connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_writing_request_runs_its_view_in_a_transaction(method):
    seen, view = seen_by_view()

    response = run(method, view)

    assert response.content == b"ok"
    assert seen == {"atomic": True, "writes": True}
    assert not connection.in_atomic_block and not request_writes()  # both end with the view


@pytest.mark.django_db(transaction=True)
def test_a_writing_request_that_fails_half_way_writes_nothing():
    def view(request):
        Partner.objects.create(name="Scritto a metà")
        raise Boom()

    with pytest.raises(Boom):
        run("POST", view)

    assert not Partner.objects.filter(name="Scritto a metà").exists()
    assert not request_writes()


@pytest.mark.django_db(transaction=True)
def test_a_page_read_that_writes_keeps_each_write_on_its_own():
    # What a GET writes (Oscar's thank-you page marks the order as tracked) commits at once.
    def view(request):
        Partner.objects.create(name="Letto e scritto")
        assert not transaction.get_connection().in_atomic_block
        return HttpResponse()

    request = RequestFactory().get("/any/")
    assert WritingRequestsAtomicMiddleware(view).process_view(request, view, (), {}) is None
    view(request)

    assert Partner.objects.filter(name="Letto e scritto").exists()


@pytest.mark.django_db(transaction=True)
def test_through_the_client_a_basket_addition_is_written_whole(client):
    user = UserFactory()
    client.force_login(user)
    product = product_with_price(price="4.00")

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})

    assert response.status_code == 302
    line = Basket.open.get(owner=user).lines.get()
    assert (line.product_id, line.quantity) == (product.pk, 2)


@pytest.mark.django_db(transaction=True)
def test_through_the_client_a_page_read_leaves_no_transaction_open(client):
    client.force_login(UserFactory())

    assert client.get(reverse("basket:summary")).status_code == 200
    assert not connection.in_atomic_block
