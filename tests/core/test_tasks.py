"""Tasks after the commit and off the request (shop/core/tasks.py), on the machine's Redis.

Each process keeps one connection to the queue's Redis: django-rq opened a new one for each
task queued (a product page queues Oscar's view counter on every request).
"""

import uuid

import django_rq
import pytest
import redis
from django.conf import settings as django_settings

from shop.core import tasks

REDIS = "redis://127.0.0.1:6379/0"


def counted(*args):
    """A task the worker would find by its dotted name."""
    return args


@pytest.fixture
def queue_name(settings, monkeypatch):
    """A queue of our own on the machine's Redis, emptied afterwards."""
    name = f"test-tasks-{uuid.uuid4().hex[:12]}"
    # django-rq reads the very dict of the settings: add the queue to it for this test only.
    monkeypatch.setitem(django_settings.RQ_QUEUES, name, {"URL": REDIS, "DEFAULT_TIMEOUT": 60})
    settings.SHOP_TASKS_EAGER = False
    settings.TASKS_REDIS_URL = REDIS
    settings.SHOP_TASKS_QUEUE = name
    yield name
    django_rq.get_queue(name, connection=redis.Redis.from_url(REDIS)).delete(delete_jobs=True)


def test_a_task_is_queued_on_redis(queue_name):
    tasks.enqueue(counted, 7, "x")

    jobs = django_rq.get_queue(queue_name).jobs
    assert [(job.func_name, job.args) for job in jobs] == [("tests.core.test_tasks.counted", (7, "x"))]


def test_the_process_keeps_one_connection_to_the_queue(queue_name, monkeypatch):
    opened = []
    real = django_rq.get_connection
    monkeypatch.setattr(django_rq, "get_connection", lambda name: opened.append(name) or real(name))
    monkeypatch.setattr(tasks, "_connections", {})

    for n in range(3):
        tasks.enqueue(counted, n)

    assert opened == [queue_name]
    assert django_rq.get_queue(queue_name).count == 3


def test_a_queue_moved_to_another_redis_gets_a_new_connection(queue_name, monkeypatch):
    first = tasks.queue_connection(queue_name)
    monkeypatch.setitem(django_settings.RQ_QUEUES, queue_name, {"URL": "redis://127.0.0.1:6379/1"})
    moved = tasks.queue_connection(queue_name)

    assert moved is not first
    assert moved.connection_pool.connection_kwargs["db"] == 1


def test_with_redis_down_the_task_runs_in_the_process(queue_name, monkeypatch):
    monkeypatch.setitem(django_settings.RQ_QUEUES, queue_name, {"URL": "redis://127.0.0.1:1/0"})
    ran = []

    tasks.enqueue(ran.append, 1)

    assert ran == [1]


def test_after_commit_waits_for_the_commit(queue_name, django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tasks.after_commit(counted, 1)
    assert django_rq.get_queue(queue_name).count == 0

    with django_capture_on_commit_callbacks(execute=True):  # django-rq queues on the commit too
        for callback in callbacks:
            callback()

    assert django_rq.get_queue(queue_name).count == 1


def record_pid(key):
    """A job that leaves the id of the process that ran it in Redis."""
    import os

    redis.Redis.from_url(REDIS).rpush(key, os.getpid())


def test_the_worker_runs_jobs_in_its_own_process():
    assert django_rq.workers.get_worker_class() is tasks.InProcessWorker


def test_a_job_runs_in_the_worker_process_between_connection_checks(queue_name, monkeypatch):
    import os

    checks = []
    monkeypatch.setattr(tasks, "close_old_connections", lambda: checks.append("check"))
    key = f"{queue_name}-pids"
    tasks.enqueue(record_pid, key)
    tasks.enqueue(record_pid, key)

    django_rq.get_worker(queue_name).work(burst=True)

    pids = redis.Redis.from_url(REDIS).lrange(key, 0, -1)
    redis.Redis.from_url(REDIS).delete(key)
    assert [int(pid) for pid in pids] == [os.getpid(), os.getpid()]  # no child forked per job
    assert checks == ["check"] * 4  # before and after each job


def read_one(key):
    """A job that reads the database and says so in Redis."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        redis.Redis.from_url(REDIS).rpush(key, cursor.fetchone()[0])


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="SQLite's connections do not break (Django deems them always usable)",
)
def test_a_connection_broken_between_jobs_is_opened_again(queue_name, transactional_db):
    from django.db import connection

    connection.ensure_connection()
    connection.cursor().execute("SELECT 1")  # the worker's connection, checked once
    connection.connection.close()  # PostgreSQL restarted: the socket is gone, Django does not know
    key = f"{queue_name}-read"
    tasks.enqueue(read_one, key)

    django_rq.get_worker(queue_name).work(burst=True)

    assert redis.Redis.from_url(REDIS).lrange(key, 0, -1) == [b"1"]
    redis.Redis.from_url(REDIS).delete(key)
