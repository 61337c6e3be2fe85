"""`civility worker` runs deferred tasks in a separate process when a broker is configured.

The end-to-end test needs a running worker: .ci/run starts one (Redis broker, its own queue)
and sets CIVILITY_TEST_WORKER=1; elsewhere it is skipped.
"""

from __future__ import annotations

import os
import time
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from civility.core import tasks

WORKER = os.environ.get("CIVILITY_TEST_WORKER") == "1"


def test_the_worker_refuses_to_start_without_a_broker(settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="CELERY_BROKER_URL is not set"):
        call_command("worker")


def test_beat_is_scheduled_to_prune(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["prune-task-runs-and-counters"]
    assert entry["task"] == tasks.prune.name


@pytest.mark.skipif(not WORKER, reason="needs a running `civility worker` (CIVILITY_TEST_WORKER=1)")
@pytest.mark.django_db(transaction=True)
def test_a_deferred_task_runs_in_the_worker(settings):
    from django.core.cache.backends.redis import RedisCache

    assert settings.CELERY_BROKER_URL and not tasks.runs_inline()
    # The worker writes with the install's cache settings, not the per-test-worker prefix.
    shared = RedisCache(
        os.environ["REDIS_URL"], {"KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "civility")}
    )
    token = uuid.uuid4().hex
    with transaction.atomic():
        tasks.defer(tasks.heartbeat, token)
    deadline = time.monotonic() + 60
    mark = None
    while mark is None and time.monotonic() < deadline:
        mark = shared.get(f"civility:worker:heartbeat:{token}")
        if mark is None:
            time.sleep(0.2)
    assert mark is not None, "the worker did not run the task within a minute"
    assert mark["pid"] != os.getpid()
