"""The basket's offers (forked_apps/offer/applicator.py): no queries when none is running,
and a site offer or voucher applies at once when created, and stops at once when removed."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_basket, create_offer

Applicator = get_class("offer.applicator", "Applicator")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db


def applied(basket):
    basket.reset_offer_applications()  # as a new request's basket
    Applicator().apply(basket)
    return basket.total_discount


def test_the_project_applicator_is_the_fork():
    assert Applicator.__module__ == "forked_apps.offer.applicator"


def test_no_offer_no_query():
    basket = create_basket()
    applied(basket)  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        assert applied(basket) == 0
    assert not [q for q in queries if "offer" in q["sql"] or "voucher" in q["sql"]]


def test_no_offer_nothing_compiled():
    """Not even an empty queryset of offers, which Django compiles before finding it empty."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    basket = create_basket()
    applied(basket)
    basket.all_lines()._fetch_all()
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as spy:
        assert applied(basket) == 0
    assert not [c for c in spy.call_args_list if "offer" in c.args[0].query.model._meta.db_table]


def test_a_stock_change_keeps_what_the_offers_read():
    """An order saves stock records (the cards' version): the offers are not read again."""
    basket = create_basket()
    applied(basket)
    record = basket.all_lines()[0].stockrecord
    record.num_allocated = (record.num_allocated or 0) + 1
    record.save()
    with CaptureQueriesContext(connection) as queries:
        applied(basket)
    assert not [q for q in queries if "offer" in q["sql"] or "voucher" in q["sql"]]


def test_site_offer_applies_at_once_and_stops_when_removed():
    basket = create_basket()
    assert applied(basket) == 0
    offer = create_offer()  # 20 % off everything
    assert applied(basket) > 0
    offer.delete()
    assert applied(basket) == 0


def test_suspended_offer_stops_at_once():
    basket = create_basket()
    offer = create_offer()
    assert applied(basket) > 0
    offer.status = ConditionalOffer.SUSPENDED
    offer.save()
    assert applied(basket) == 0


def test_offer_starts_on_its_date_without_a_save(monkeypatch):
    basket = create_basket()
    start = timezone.now() + datetime.timedelta(days=1)
    create_offer(start=start)
    assert applied(basket) == 0
    later = start + datetime.timedelta(minutes=1)
    monkeypatch.setattr("forked_apps.offer.applicator.now", lambda: later)
    monkeypatch.setattr("oscar.apps.offer.managers.now", lambda: later)
    assert applied(basket) > 0


def test_voucher_offer_applies_once_a_voucher_exists():
    basket = create_basket()
    assert applied(basket) == 0
    offer = create_offer(offer_type=ConditionalOffer.VOUCHER)
    now = timezone.now()
    voucher = Voucher.objects.create(
        name="Buono",
        code="BUONO",
        start_datetime=now - datetime.timedelta(days=1),
        end_datetime=now + datetime.timedelta(days=1),
    )
    voucher.offers.add(offer)
    basket.vouchers.add(voucher)
    buyer = get_user_model().objects.create_user(username="buyer", email="buyer@example.com", password="x")
    Applicator().apply(basket, user=buyer)
    assert basket.total_discount > 0


def test_within_a_request_the_offers_are_asked_of_the_cache_once(monkeypatch):
    from django.core.cache import cache

    from shop.core.cards import OFFERS_VERSION
    from tests.request_scope import as_one_request

    basket = create_basket()
    applied(basket)  # fills the cache
    reads = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: reads.append(key) or get(key, *a, **kw))

    with as_one_request():
        applied(basket)
        applied(basket)  # the basket page applies them twice, after the middleware
        offer = create_offer()  # a new offer within the request: read again
        assert applied(basket) > 0

    offers_reads = [
        key for key in reads if key.startswith("storefront:offers:") and key != OFFERS_VERSION.key
    ]
    # None: the first version's came from this worker's own copy, and the new one is read
    # from the database, the request having written it in a transaction not committed yet.
    assert offers_reads == []
    offer.delete()
