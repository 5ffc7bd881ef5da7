"""Sessions in Redis (shop/core/sessions.py), as production runs them: read in the same round
trip as the cache versions, which the rest of the request then asks nothing for; written only
while they still exist (a session ended elsewhere is not brought back)."""

import uuid
from unittest import mock

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.core.cache import caches

from shop.core import cards
from shop.core.sessions import SessionStore
from tests.request_scope import as_one_request

REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_cache(settings):
    """The default cache on the machine's Redis, under a prefix of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"atc56w-test-{uuid.uuid4().hex}",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    settings.SESSION_ENGINE = "shop.core.sessions"
    yield caches["default"]
    caches["default"].clear()


def round_trips(_backend):
    """Counts the commands sent to Redis (each one round trip)."""
    from redis.client import Redis

    return mock.patch.object(Redis, "execute_command", autospec=True, side_effect=Redis.execute_command)


def test_a_request_reads_its_session_and_the_versions_in_one_round_trip(redis_cache):
    session = SessionStore()
    session["basket"] = 7
    session.save()
    cards.CARDS_VERSION.current()  # the versions exist

    with as_one_request(), round_trips(redis_cache) as spy:
        read = SessionStore(session.session_key)
        assert read["basket"] == 7
        cards.CARDS_VERSION.current()

    assert spy.call_count == 1


def test_a_changed_session_is_written_in_one_round_trip(redis_cache):
    session = SessionStore()
    session["step"] = "address"
    session.save()
    session["step"] = "payment"

    with round_trips(redis_cache) as spy:
        session.save()

    assert spy.call_count == 1
    assert SessionStore(session.session_key)["step"] == "payment"


def test_a_session_ended_elsewhere_is_not_written_back(redis_cache):
    session = SessionStore()
    session["step"] = "address"
    session.save()
    SessionStore(session.session_key).delete()  # logged out in another tab
    session["step"] = "payment"

    with pytest.raises(UpdateError):
        session.save()
    assert SessionStore(session.session_key).load() == {}


def test_an_unknown_key_starts_an_empty_session(redis_cache):
    session = SessionStore("x" * 32)
    assert session.load() == {} and session.session_key is None
