"""What people do to webhook endpoints: test them and rotate their secrets."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.core import tasks
from civility.webhooks import payloads
from civility.webhooks.models import PING, WebhookDelivery, WebhookEndpoint, new_secret
from civility.webhooks.tasks import deliver


def do_send_ping(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a `ping` delivery to endpoint (one attempt, also when the endpoint is inactive)."""
    event_id, body = payloads.ping_body(endpoint.site)
    now = timezone.now()
    with transaction.atomic():
        ping = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id=event_id,
            event=PING,
            payload=body,
            next_attempt_at=now,
            created_at=now,
        )
        tasks.defer(deliver, ping.pk)
    return ping


def do_rotate_secret(endpoint: WebhookEndpoint) -> str:
    """Give endpoint a new secret; deliveries signed from now on use it."""
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint.secret
