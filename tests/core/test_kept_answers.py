"""Answers kept across requests under the versions they depend on (shop.core.cards.KeptAnswers):
the second request reuses the first one's answer; a bump of a version, a writing request
(for answers marked ``fresh_when_writing``) or being outside a request reads afresh, and a
request that bumped a version in a transaction not yet committed keeps nothing."""

import itertools

import pytest
from django.core.cache import cache
from django.db import transaction

from shop.core.cards import CacheVersion, KeptAnswers
from shop.core.request_memo import writing_request
from tests.request_scope import as_one_request

_names = itertools.count()


@pytest.fixture
def version():
    cache.clear()
    return CacheVersion(f"test:kept:{next(_names)}", "test-kept.stamp")


def kept(version, **kwargs) -> KeptAnswers:
    return KeptAnswers(f"test-kept-{next(_names)}", version, **kwargs)


def counting(answer=None):
    calls = []

    def compute():
        calls.append(1)
        return answer if answer is not None else len(calls)

    return calls, compute


def in_request(memo, key, compute):
    """``memo.get`` as a request would ask it (the memo opened and closed around it)."""
    memo.open()
    try:
        return memo.get(key, compute)
    finally:
        memo.close()


def test_a_second_request_reuses_the_answer_until_the_version_changes(version):
    memo = kept(version)
    calls, compute = counting()

    assert in_request(memo, "giulia", compute) == 1
    assert in_request(memo, "giulia", compute) == 1
    assert in_request(memo, "marco", compute) == 2
    version.bump_now()

    assert in_request(memo, "giulia", compute) == 3
    assert len(calls) == 3


def test_outside_requests_nothing_is_kept(version):
    memo = kept(version)
    calls, compute = counting()

    memo.get("giulia", compute)
    memo.get("giulia", compute)

    assert len(calls) == 2


def test_a_writing_request_reads_afresh_when_asked_to(version):
    fresh, shared = kept(version, fresh_when_writing=True), kept(version)
    fresh_calls, fresh_compute = counting()
    shared_calls, shared_compute = counting()
    in_request(fresh, "giulia", fresh_compute)
    in_request(shared, "giulia", shared_compute)

    with writing_request():
        assert in_request(fresh, "giulia", fresh_compute) == 2
        assert in_request(shared, "giulia", shared_compute) == 1

    assert in_request(fresh, "giulia", fresh_compute) == 1  # page reads keep the first answer


def test_none_is_an_answer_kept_like_any_other(version):
    memo = kept(version)
    calls = []

    def nobody():
        calls.append(1)
        return None

    assert in_request(memo, "senza-impiego", nobody) is None
    assert in_request(memo, "senza-impiego", nobody) is None
    assert len(calls) == 1


def test_within_a_request_the_answer_is_asked_of_the_cache_once(version):
    memo = kept(version)
    calls, compute = counting()
    memo.open()
    try:
        memo.get("giulia", compute)
        cache.clear()  # the cache lost it: the request still holds its answer
        assert memo.get("giulia", compute) == 1
    finally:
        memo.close()
    assert len(calls) == 1


@pytest.mark.django_db
def test_an_answer_computed_after_an_uncommitted_change_is_not_kept(version):
    # A request saved what the answer depends on (a receiver bumped the version) and its
    # transaction has not committed: it may still roll back, and a rollback bumps nothing.
    memo = kept(version)
    calls, compute = counting()

    with as_one_request(), transaction.atomic():
        version.bump()
        assert memo.get("giulia", compute) == 1

    assert in_request(memo, "giulia", compute) == 2  # nothing was kept
    assert in_request(memo, "giulia", compute) == 2  # this one was
