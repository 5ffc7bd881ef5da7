"""Each worker's own copies of values kept under versioned keys (shop.core.cards.versioned_value):
the second read asks the cache nothing and still gets an object of its own; a bump makes
another key; an emptied cache, an expired copy or a full store reads the cache again."""

import itertools
from unittest import mock

import pytest
from django.core.cache import cache

from shop.core import cards
from shop.core.cards import CacheVersion, LocalCopies, current_versions, versioned_value

_names = itertools.count()


@pytest.fixture
def version():
    return CacheVersion(f"test:local:{next(_names)}", "test-local.stamp")


def counting(answer=None):
    calls = []

    def compute():
        calls.append(1)
        return {"answer": answer if answer is not None else len(calls)}

    return calls, compute


def key_for(version, name="giulia"):
    current_versions()  # as every request does before building a versioned key
    return f"test:local:{name}:{version.tag()}"


def test_the_second_read_asks_the_cache_nothing_and_gets_its_own_object(version):
    calls, compute = counting()
    key = key_for(version)
    first = versioned_value(key, compute, 60)

    with mock.patch.object(cards.cache, "get", side_effect=AssertionError("asked the cache")):
        second = versioned_value(key, compute, 60)

    assert second == first == {"answer": 1}
    assert second is not first  # a copy: changing it leaves the next reader's alone
    second["answer"] = 99
    assert versioned_value(key, compute, 60) == {"answer": 1}
    assert len(calls) == 1


def test_a_value_another_worker_kept_is_read_from_the_cache(version):
    calls, compute = counting()
    key = key_for(version)
    cache.set(key, {"answer": "from another worker"}, 60)

    assert versioned_value(key, compute, 60) == {"answer": "from another worker"}
    assert calls == []


def test_a_bump_makes_another_key(version):
    calls, compute = counting()
    before = versioned_value(key_for(version), compute, 60)
    version.bump_now()

    after = versioned_value(key_for(version), compute, 60)

    assert (before, after) == ({"answer": 1}, {"answer": 2})


def test_none_is_kept_like_any_answer(version):
    calls = []
    key = key_for(version)

    for _ in range(3):
        assert versioned_value(key, lambda: calls.append(1), 60) is None

    assert len(calls) == 1


def test_an_emptied_cache_drops_the_copies_at_the_next_read_of_the_versions(version):
    calls, compute = counting()
    key = key_for(version)
    versioned_value(key, compute, 60)
    cache.clear()  # the version numbers start over: the same key could come back

    assert versioned_value(key_for(version), compute, 60) == {"answer": 2}
    assert len(calls) == 2


def test_a_copy_lives_no_longer_than_asked_nor_than_a_minute():
    copies = LocalCopies(seconds=60)
    with mock.patch.object(cards.time, "monotonic", return_value=1000.0):
        copies.set("short", "s", seconds=10)
        copies.set("long", "l", seconds=600)
    with mock.patch.object(cards.time, "monotonic", return_value=1011.0):
        assert copies.get("short") is None
        assert copies.get("long") == "l"
    with mock.patch.object(cards.time, "monotonic", return_value=1061.0):
        assert copies.get("long") is None


def test_the_least_recently_read_copies_go_first():
    copies = LocalCopies(size=2)
    copies.set("a", 1, 60)
    copies.set("b", 2, 60)
    copies.get("a")
    copies.set("c", 3, 60)

    assert (copies.get("a"), copies.get("b"), copies.get("c")) == (1, None, 3)


def test_another_generation_drops_every_copy():
    copies = LocalCopies()
    copies.check_generation("first")
    copies.set("a", 1, 60)
    copies.check_generation("first")
    assert copies.get("a") == 1

    copies.check_generation("second")

    assert copies.get("a") is None


@pytest.mark.django_db
def test_a_request_that_bumped_in_a_transaction_computes_afresh_and_keeps_nothing(version):
    from django.db import transaction

    from tests.request_scope import as_one_request

    calls, compute = counting()
    with as_one_request(), transaction.atomic():
        version.bump()  # a save within the request's transaction
        key = f"test:local:giulia:{version.tag()}"
        assert versioned_value(key, compute, 60) == {"answer": 1}
        assert versioned_value(key, compute, 60) == {"answer": 2}
    assert cache.get(key) is None
