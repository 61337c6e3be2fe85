"""Turn domain events into webhook deliveries, one per subscribed endpoint of the event's site.

The deliveries are written in the transaction that made the change (an outbox): the comment and
its deliveries commit together or not at all, and the sweep sends any whose task never ran.
"""

from __future__ import annotations

from django.utils import timezone

from civility.core import events, tasks
from civility.core.query_templates import QueryTemplates, value_of
from civility.webhooks.models import EVENT_NAMES, WebhookDelivery, WebhookEndpoint
from civility.webhooks.payloads import Subject
from civility.webhooks.tasks import deliver_new

# Asked for every event (several per new comment): compiled once (core.query_templates).
_ENDPOINTS = QueryTemplates(WebhookEndpoint, size=4)


def _active_endpoints(site_id: int | None) -> list[WebhookEndpoint]:
    """The active endpoints of the site (of every site for None), with their sites."""

    def build(values):  # type: ignore[no-untyped-def]
        endpoints = WebhookEndpoint.objects.filter(is_active=True).select_related("site")
        if site_id is not None:
            endpoints = endpoints.filter(site_id=values["site"])
        return endpoints.order_by("pk")

    values = {} if site_id is None else {"site": value_of(WebhookEndpoint, "site", site_id)}
    return _ENDPOINTS.objects(("active", site_id is None), build, values)


@events.listen(*EVENT_NAMES, in_transaction=True)
def queue_deliveries(event: events.Event) -> None:
    endpoints = _active_endpoints(event.site_id)
    # Filtered here rather than in SQL: JSON containment differs between SQLite and PostgreSQL,
    # and a site has a handful of endpoints.
    subscribed = [endpoint for endpoint in endpoints if event.name in (endpoint.events or [])]
    if not subscribed:
        return
    subject = Subject.load(event)
    now = timezone.now()
    created = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=endpoint,
                event_id=subject.event_id,
                event=event.name,
                payload=subject.body(endpoint.site, with_text=endpoint.receives_moderation),
                next_attempt_at=now,
                created_at=now,
            )
            for endpoint in subscribed
        ]
    )
    tasks.defer(deliver_new, [row.pk for row in created])
