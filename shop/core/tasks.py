"""Work done after the transaction commits and off the request: emails, Oscar's analytics counters
and its back-in-stock alerts (shop/core/product_alerts.py).

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

Each process keeps one connection to the queue's Redis (``queue_connection``): django-rq
opens a new one for every ``get_queue``, and connecting cost about 2.8 of the 3.4 ms of CPU
that queueing a task took (a product page queues Oscar's view counter on every request).

The worker runs each job in its own process (``InProcessWorker``, settings ``RQ``), not in a
child forked for the job as RQ's default worker does: forking the Django process cost about
35 ms of CPU a job against 6 ms for the job itself (200 view counters: 8.3-8.9 s of CPU
against 2.6-2.8 s), and a checkout queues three or four jobs.
"""

import logging

from django.conf import settings
from django.db import close_old_connections, transaction
from rq.worker import SimpleWorker

logger = logging.getLogger(__name__)


def after_commit(func, *args, **kwargs) -> None:
    if getattr(settings, "SHOP_TASKS_EAGER", False):
        func(*args, **kwargs)
        return
    transaction.on_commit(lambda: enqueue(func, *args, **kwargs))


_connections: dict = {}


def queue_connection(name: str):
    """This process's connection to the Redis of queue ``name`` (redis-py's pool opens a new
    socket in a forked worker by itself)."""
    import django_rq

    url = settings.RQ_QUEUES[name].get("URL")
    connection = _connections.get((name, url))
    if connection is None:
        connection = _connections[(name, url)] = django_rq.get_connection(name)
    return connection


def enqueue(func, *args, **kwargs) -> None:
    """``func(*args)`` on the Redis queue when there is one, else here and now."""
    if settings.TASKS_REDIS_URL:
        import django_rq

        name = settings.SHOP_TASKS_QUEUE
        try:
            django_rq.get_queue(name, connection=queue_connection(name)).enqueue(func, *args, **kwargs)
            return
        except Exception:  # Redis down: the email must still go out
            logger.exception("task queue unavailable: running %s in the request", func.__name__)
    func(*args, **kwargs)


class InProcessWorker(SimpleWorker):
    """RQ's worker that runs each job in its own process (no fork per job), with Django's
    care of database connections around each job as around a request: one broken by an error
    or older than ``CONN_MAX_AGE`` is closed, and one that broke between jobs (a restarted
    PostgreSQL) fails the health check before the job's first statement and is opened again
    (``CONN_HEALTH_CHECKS``), so the job runs."""

    def execute_job(self, job, queue):
        close_old_connections()
        try:
            return super().execute_job(job, queue)
        finally:
            close_old_connections()
