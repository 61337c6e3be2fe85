"""One task interface for background work (webhooks, mail, heavy scoring, imports).

`defer(task, ...)` runs a Celery task after the current transaction commits: in a worker when
CELERY_BROKER_URL is set, otherwise inline in this process. Either way the task sees committed
data, and a rolled-back request sends nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


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
