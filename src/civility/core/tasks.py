"""One task interface for background work (webhooks, mail, heavy scoring, imports).

`defer(task, ...)` runs a Celery task after the current transaction commits: in a worker when
CELERY_BROKER_URL is set, otherwise inline in this process. Either way the task sees committed
data, and a rolled-back request sends nothing.

Workers acknowledge a task only once it finished, so a task may run twice (a worker killed
mid-task, a broker redelivering). Write tasks with `@background_task` (retries with backoff)
and guard their effects with `@once(key=...)` so the second run does nothing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any, ParamSpec, TypeVar

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def runs_inline() -> bool:
    """True in the embedded default: no broker, so work happens in the web process."""
    return not settings.CELERY_BROKER_URL


def defer(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue task(*args, **kwargs) to run once the surrounding transaction commits."""
    transaction.on_commit(lambda: dispatch(task, *args, **kwargs), robust=True)


def dispatch(task: Any, *args: Any, **kwargs: Any) -> None:
    """Run task now: send it to the broker, or run it here (errors logged, never raised)."""
    if runs_inline():
        result = task.apply(args=args, kwargs=kwargs)
        if result.failed():
            logger.error("task %s failed inline: %r", task.name, result.result)
        return
    task.apply_async(args=args, kwargs=kwargs)


# --- Retries and exactly-once effects ------------------------------------------------------

# Failures worth another try later: the database or the broker was briefly away.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


def background_task(*args: Any, **options: Any) -> Any:
    """`@shared_task` that retries transient failures with exponential backoff and jitter.

    Use as `@background_task` or `@background_task(name=..., max_retries=...)`. Retried up to
    5 times over about ten minutes; combine with `once` so a retry or a redelivery does not
    repeat work that already committed.
    """
    defaults: dict[str, Any] = {
        "autoretry_for": TRANSIENT_ERRORS,
        "retry_backoff": 5,
        "retry_backoff_max": 600,
        "retry_jitter": True,
        "max_retries": 5,
    }
    defaults.update(options)
    if args and callable(args[0]) and len(args) == 1 and not options:
        return shared_task(**defaults)(args[0])
    return shared_task(*args, **defaults)


def once(key: Callable[..., str]) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Run the decorated function at most once per key(*args, **kwargs); later calls return None.

    The key is recorded in the same transaction as the function's own writes: if the function
    fails, nothing is recorded and a retry runs it again; if it committed, a redelivered task
    (a worker killed before acknowledging, a broker that redelivers) finds the key and stops.
    Effects outside the database (a webhook, a mail) are at-least-once: they may repeat if the
    process dies between the effect and the commit, so keep them last and make receivers dedupe.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
            from civility.core.models import TaskRun

            task_key = key(*args, **kwargs)[:200]
            with transaction.atomic():
                try:
                    # A savepoint, so a duplicate key leaves the outer transaction usable.
                    with transaction.atomic():
                        TaskRun.objects.create(key=task_key)
                except IntegrityError:
                    logger.info("task %s already done, skipped", task_key)
                    return None
                return fn(*args, **kwargs)

        return run

    return decorate


def already_done(task_key: str) -> bool:
    from civility.core.models import TaskRun

    return TaskRun.objects.filter(key=task_key).exists()


@shared_task(name="civility.core.tasks.prune")
def prune() -> dict[str, int]:
    """Forget task runs older than TASK_RUN_KEEP_DAYS and expired rate counters (hourly, by beat)."""
    from civility.core.models import RateCounter, TaskRun

    now = timezone.now()
    runs, _ = TaskRun.objects.filter(
        done_at__lt=now - timedelta(days=settings.TASK_RUN_KEEP_DAYS)
    ).delete()
    counters, _ = RateCounter.objects.filter(expires_at__lt=now).delete()
    return {"task_runs": runs, "rate_counters": counters}


@shared_task(name="civility.core.tasks.heartbeat")
def heartbeat(token: str) -> None:
    """Leave a mark in the cache that a worker ran this (for checks that workers are alive)."""
    import os
    import socket

    from django.core.cache import cache

    cache.set(
        f"civility:worker:heartbeat:{token}",
        {"pid": os.getpid(), "host": socket.gethostname(), "at": timezone.now().isoformat()},
        timeout=600,
    )
