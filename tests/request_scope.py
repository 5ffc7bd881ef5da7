"""Code run as one request runs it, without the test client: the request signals open and
close the request memos, and the database connection is left alone, as the test client
leaves it (Django closes old connections on these signals, which would end a test's
transaction on PostgreSQL)."""

import contextlib

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextlib.contextmanager
def as_one_request():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        try:
            yield
        finally:
            request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
