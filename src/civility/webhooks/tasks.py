"""Background work for webhooks: attempt deliveries, and sweep up the ones that are due."""

from __future__ import annotations

import time

from celery import shared_task
from django.conf import settings

from civility.core import tasks as core_tasks
from civility.webhooks import delivery


@shared_task(name="civility.webhooks.deliver")
def deliver(delivery_id: int) -> None:
    """Attempt one delivery; a no-op when it already succeeded, gave up, or is not due."""
    delivery.attempt(delivery_id)


@shared_task(name="civility.webhooks.deliver_new")
def deliver_new(delivery_ids: list[int]) -> None:
    """First attempts for the deliveries of one event.

    With a broker each goes to its own task. Inline (in the web request that caused the event)
    they run one by one until WEBHOOK_TIMEOUT_SECONDS have been spent; the rest stay due for
    the next sweep, so one slow receiver among many cannot hold the request for long.
    """
    if not core_tasks.runs_inline():
        for delivery_id in delivery_ids:
            deliver.delay(delivery_id)
        return
    deadline = time.monotonic() + settings.WEBHOOK_TIMEOUT_SECONDS
    for delivery_id in delivery_ids:
        if time.monotonic() >= deadline:
            break
        delivery.attempt(delivery_id)


@shared_task(name="civility.webhooks.deliver_due")
def deliver_due(limit: int = 500) -> int:
    """Attempt every delivery whose (next) attempt is due; return how many were started.

    Celery beat runs this every minute; without a broker run `civility deliver_due` from cron.
    It also deletes finished deliveries older than WEBHOOK_KEEP_DAYS, a batch at a time.
    """
    ids = list(delivery.due_deliveries().values_list("pk", flat=True)[:limit])
    for delivery_id in ids:
        core_tasks.dispatch(deliver, delivery_id)
    delivery.prune()
    return len(ids)
