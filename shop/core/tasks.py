"""Work done after the transaction commits and off the request: emails and Oscar's analytics counters.

``after_commit(func, *args)`` runs ``func(*args)`` once the current transaction commits
(right away outside one), never while the request still holds its row locks:

- with ``TASKS_REDIS_URL`` set (it defaults to ``REDIS_URL``), the call is put on the
  queue ``SHOP_TASKS_QUEUE`` (``default``) of django-rq on that Redis and a worker runs it
  (``manage.py rqworker default``; deploy/atc56w-rqworker.service), so the request
  neither renders nor sends the email;
- without it (``make demo`` on a fresh machine) it runs in the same process, still after
  the commit;
- in tests (``SHOP_TASKS_EAGER``) it runs at once in the same process, so a test sees the
  email in ``mail.outbox`` without committing (tests/core/test_tasks.py checks the
  after-commit path itself).

``func`` must be importable by path and its arguments plain values (ids, not model
instances): the worker loads what it needs from the database as committed.
"""

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def after_commit(func, *args, **kwargs) -> None:
    if getattr(settings, "SHOP_TASKS_EAGER", False):
        func(*args, **kwargs)
        return
    transaction.on_commit(lambda: enqueue(func, *args, **kwargs))


def enqueue(func, *args, **kwargs) -> None:
    """``func(*args)`` on the Redis queue when there is one, else here and now."""
    if settings.TASKS_REDIS_URL:
        import django_rq

        try:
            django_rq.get_queue(settings.SHOP_TASKS_QUEUE).enqueue(func, *args, **kwargs)
            return
        except Exception:  # Redis down: the email must still go out
            logger.exception("task queue unavailable: running %s in the request", func.__name__)
    func(*args, **kwargs)
