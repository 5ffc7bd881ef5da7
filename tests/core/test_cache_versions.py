"""The versions of the cached answers (shop/core/cards.py ``CacheVersion``): a request reads
them all once, in one cache read; a bump shows at once, within the request that made it too.
"""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from shop.core import cards
from shop.core.cards import CARDS_VERSION
from tests.core.test_storefront_pages import plain_static_storage
from tests.core.test_storefront_queries import grow, shop
from tests.perf.test_query_counts import employee_login

pytestmark = pytest.mark.django_db

__all__ = ["plain_static_storage", "shop"]


@pytest.fixture
def version_reads(monkeypatch):
    """Each cache read that asks for a version: ("get", key) or ("get_many", keys)."""
    reads = []
    get, get_many = cache.get, cache.get_many
    inside_get_many = []  # the local-memory cache's get_many asks get for each key

    def counted_get(key, *args, **kwargs):
        if key in cards._VERSIONS and not inside_get_many:
            reads.append(("get", key))
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        if set(keys) & set(cards._VERSIONS):
            reads.append(("get_many", tuple(keys)))
        inside_get_many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    return reads


@pytest.fixture
def in_a_request():
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)


def test_a_signed_in_page_reads_every_version_in_one_cache_read(client, shop, settings, version_reads):
    grow(shop, to=4)
    employee_login(client, settings)
    client.get("/")  # fills the caches
    version_reads.clear()

    assert client.get("/").status_code == 200

    assert [kind for kind, _keys in version_reads] == ["get_many"]
    # The cards', credit, needs, …, and the token that tells an emptied cache (LocalCopies).
    assert set(version_reads[0][1]) == {*cards._VERSIONS, cards.GENERATION_KEY}


def test_a_bump_shows_at_once_within_the_request(in_a_request, version_reads):
    before = CARDS_VERSION.current()
    assert CARDS_VERSION.current() == before
    assert len(version_reads) == 1  # the second question asked nothing

    CARDS_VERSION.bump_now()

    assert CARDS_VERSION.current() > before


def test_outside_requests_every_question_reads_afresh(version_reads):
    before = CARDS_VERSION.current()
    cache.incr(CARDS_VERSION.key)  # a bump by another worker

    assert CARDS_VERSION.current()[0] == before[0] + 1
    assert len(version_reads) == 2
