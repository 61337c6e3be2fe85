"""Attempting deliveries: claim, POST, record the attempt, then succeed, schedule a retry or give up.

Each call makes at most one HTTP request. Retries are not loops: a failed attempt stores
`next_attempt_at` (exponential backoff) and the periodic sweep (`deliver_due`) picks it up,
so neither a web request nor a worker is held waiting for a receiver that is down.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from civility.webhooks import signing, transport
from civility.webhooks.models import (
    PING,
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

USER_AGENT = "Civility-Webhooks/1"


def retry_delay(attempts_made: int) -> timedelta:
    """How long to wait after the attempts_made-th failure: base * 4^(n-1), capped."""
    seconds = settings.WEBHOOK_RETRY_BASE_SECONDS * 4 ** (attempts_made - 1)
    return timedelta(seconds=min(seconds, settings.WEBHOOK_RETRY_MAX_SECONDS))


def max_attempts(delivery: WebhookDelivery) -> int:
    # A test ping answers "does it work now?": one attempt, shown to whoever pressed the button.
    return 1 if delivery.event == PING else settings.WEBHOOK_MAX_ATTEMPTS


def _lease() -> timedelta:
    # Longer than one attempt can take (the timeout bounds the whole request), with a margin.
    return timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 60)


def due_deliveries(now=None):  # type: ignore[no-untyped-def]
    """Pending deliveries whose next attempt is due, oldest first."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        state=DeliveryState.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the delivery for one attempt, or return None when it is not due (done, given up,
    or another worker holds it). A conditional UPDATE, so two workers never both win."""
    now = timezone.now()
    active_endpoint = WebhookEndpoint.objects.filter(pk=OuterRef("endpoint_id"), is_active=True)
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at__lte=now
        )
        # Pings test an endpoint before it is switched on; nothing else goes to inactive ones.
        # A correlated EXISTS, not a join: the UPDATE keeps its own WHERE, which PostgreSQL
        # re-checks after waiting on a concurrent claim, so only one claimer wins.
        .filter(Q(Exists(active_endpoint)) | Q(event=PING))
        .update(next_attempt_at=now + _lease(), attempt_count=F("attempt_count") + 1)
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def attempt(delivery_id: int) -> WebhookAttempt | None:
    """Make one attempt at a due delivery; None when there was nothing to do."""
    delivery = _claim(delivery_id)
    if delivery is None:
        # Switched off: what was still waiting is dropped, not sent when it is switched back on.
        WebhookDelivery.objects.filter(
            pk=delivery_id, state=DeliveryState.PENDING, endpoint__is_active=False
        ).exclude(event=PING).update(state=DeliveryState.FAILED, next_attempt_at=None)
        return None
    endpoint = delivery.endpoint
    body = delivery.payload.encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Civility-Event": delivery.event,
        "Civility-Event-Id": delivery.event_id,
        "Civility-Delivery": str(delivery.delivery_id),
        "Civility-Attempt": str(delivery.attempt_count),
        # Signed per attempt: the timestamp is fresh, so retries pass the receiver's replay window.
        signing.HEADER: signing.header_value(endpoint.secret, body),
    }
    started_at = timezone.now()
    outcome = transport.post(
        endpoint.url, body, headers, timeout=float(settings.WEBHOOK_TIMEOUT_SECONDS)
    )
    finished = timezone.now()
    with transaction.atomic():
        record = WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempt_count,
            started_at=started_at,
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            succeeded=outcome.succeeded,
            error=outcome.error[:500],
            response_excerpt=outcome.excerpt,
        )
        changes: dict[str, object] = {"last_status_code": outcome.status_code}
        if outcome.succeeded:
            changes.update(
                state=DeliveryState.SUCCEEDED, delivered_at=finished, next_attempt_at=None
            )
        elif delivery.attempt_count >= max_attempts(delivery):
            changes.update(state=DeliveryState.FAILED, next_attempt_at=None)
        else:
            changes.update(next_attempt_at=finished + retry_delay(delivery.attempt_count))
        # Only while still ours: an admin's "retry now" in between keeps its own schedule.
        WebhookDelivery.objects.filter(
            pk=delivery.pk, state=DeliveryState.PENDING, attempt_count=delivery.attempt_count
        ).update(**changes)
    if not outcome.succeeded:
        logger.info(
            "webhook %s to %s failed (attempt %s): %s",
            delivery.event,
            endpoint.url,
            delivery.attempt_count,
            outcome.error or outcome.status_code,
        )
    return record


def retry_now(delivery: WebhookDelivery) -> None:
    """Make a delivery due again (also one that gave up), keeping its attempts on record."""
    WebhookDelivery.objects.filter(pk=delivery.pk).exclude(state=DeliveryState.SUCCEEDED).update(
        state=DeliveryState.PENDING, next_attempt_at=timezone.now()
    )


def prune(now=None, batch: int = 1000) -> int:  # type: ignore[no-untyped-def]
    """Delete finished deliveries (and their attempts) older than WEBHOOK_KEEP_DAYS."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WEBHOOK_KEEP_DAYS)
    old = WebhookDelivery.objects.filter(
        state__in=[DeliveryState.SUCCEEDED, DeliveryState.FAILED], created_at__lt=cutoff
    ).values_list("pk", flat=True)[:batch]
    # In batches, so a sweep after a long pause does not hold a long lock.
    deleted, _ = WebhookDelivery.objects.filter(pk__in=list(old)).delete()
    return deleted
