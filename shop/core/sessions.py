"""Sessions in the cache (Redis), in fewer round trips (``SESSION_ENGINE`` with Redis).

Django's cache sessions cost a request a read of the session, and a changed session a second
read before the write (so that a session ended meanwhile, by a logout elsewhere, is not
brought back). Every request of the shop also reads the cache versions (shop/core/cards.py).
Here the session is read together with the versions, in one round trip, and a changed
session is written with Redis's SET XX, which writes only a key that still exists: one round
trip and the same refusal. With another cache (local memory) the write is Django's own.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django_redis.cache import RedisCache

from shop.core.cards import get_with_versions


class SessionStore(CacheSessionStore):
    def load(self):
        try:
            session_data = get_with_versions(self._cache, self.cache_key)
        except Exception:  # as Django's: an unreadable key (or cache) starts a new session
            session_data = None
        if session_data is not None:
            return session_data
        self._session_key = None
        return {}

    def save(self, must_create=False):
        if self.session_key is None or must_create or not isinstance(self._cache, RedisCache):
            return super().save(must_create)
        if not self._cache.set(self.cache_key, self._get_session(), self.get_expiry_age(), xx=True):
            raise UpdateError
