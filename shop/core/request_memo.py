"""Answers remembered for the length of one request, and nothing outside requests.

A page asks some questions several times (who is the buyer's employer today? which charter
versions count?): each ``RequestMemo`` keeps the answers of the current request only. Every
memo is emptied when a request starts and dropped when it ends; outside a request (tests,
management commands, tasks) nothing is remembered, so a change is always read fresh there.
Writes that change an answer call ``forget()`` (usually from a ``post_save`` receiver).
"""

import contextlib
import contextvars
import threading

from django.core.signals import request_finished, request_started

_MEMOS: list["RequestMemo"] = []


class RequestMemo:
    def __init__(self, name: str):
        self.name = name
        self._local = threading.local()
        _MEMOS.append(self)

    def open(self) -> None:
        self._local.values = {}

    def close(self) -> None:
        self._local.values = None

    def forget(self, **_kwargs) -> None:
        values = getattr(self._local, "values", None)
        if values:
            values.clear()

    def get(self, key, compute):
        """``compute()``, once per request for ``key``; every time outside requests, and every
        time for ``key`` None (an object not saved yet has no identity to remember it by)."""
        values = getattr(self._local, "values", None)
        if values is None or key is None:
            return compute()
        if key not in values:
            values[key] = compute()
        return values[key]


def _open_all(**_kwargs) -> None:
    for memo in _MEMOS:
        memo.open()


def _close_all(**_kwargs) -> None:
    for memo in _MEMOS:
        memo.close()


request_started.connect(_open_all, dispatch_uid="request-memo-open")
request_finished.connect(_close_all, dispatch_uid="request-memo-close")


# --- Requests that may write ------------------------------------------------------------
# Set by shop.core.middleware.WritingRequestsAtomicMiddleware around the view of a POST,
# PUT, PATCH or DELETE. Answers kept across requests (shop.core.cards.KeptAnswers) are read
# fresh there: a request that may sell, reserve credit or place an order never trusts a copy.
_writing = contextvars.ContextVar("writing_request", default=False)


def request_writes() -> bool:
    """Whether the current request may write (its view runs in a transaction)."""
    return _writing.get()


@contextlib.contextmanager
def writing_request():
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)
