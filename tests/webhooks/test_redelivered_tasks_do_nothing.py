"""A task run twice (a broker redelivering it, a sweep racing a worker) sends once."""

from __future__ import annotations

import pytest

from civility.webhooks.models import DeliveryState, WebhookDelivery
from civility.webhooks.tasks import deliver, deliver_due

pytestmark = pytest.mark.django_db


def test_a_delivery_that_succeeded_is_not_sent_again(
    story, reader, endpoint, receiver, run_after_commit
):
    from civility.discussion.actions import do_post_comment

    endpoint.events = ["comment.published"]
    endpoint.save()
    run_after_commit(do_post_comment, story=story, author=reader, text="Just once, please.")
    row = WebhookDelivery.objects.get()
    assert row.state == DeliveryState.SUCCEEDED
    deliver.apply(args=[row.pk])
    deliver.apply(args=[row.pk])
    assert deliver_due() == 0
    assert len(receiver.requests) == 1
    assert row.attempts.count() == 1


def test_an_attempt_in_progress_holds_the_delivery(endpoint, receiver):
    from django.utils import timezone

    from civility.webhooks import delivery

    row = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="evt_x",
        event="comment.published",
        payload="{}",
        next_attempt_at=timezone.now(),
    )
    claimed = delivery._claim(row.pk)
    assert claimed is not None
    # A second worker (or the sweep) finds it leased and leaves it.
    assert delivery._claim(row.pk) is None
    assert deliver_due() == 0
    assert receiver.requests == []


def test_deliveries_of_an_endpoint_switched_off_are_dropped(endpoint, receiver):
    from django.utils import timezone

    row = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="evt_y",
        event="comment.published",
        payload="{}",
        next_attempt_at=timezone.now(),
    )
    endpoint.is_active = False
    endpoint.save()
    deliver.apply(args=[row.pk])
    row.refresh_from_db()
    assert row.state == DeliveryState.FAILED
    assert receiver.requests == []


def test_the_sweep_prunes_finished_deliveries_after_the_keep_period(settings, endpoint):
    from datetime import timedelta

    from django.utils import timezone

    settings.WEBHOOK_KEEP_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    kept = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id="evt_old",
            event="comment.created",
            payload="{}",
            state=state,
            created_at=old,
            next_attempt_at=timezone.now() + timedelta(hours=1)
            if state == DeliveryState.PENDING
            else None,
        )
        for state in (DeliveryState.SUCCEEDED, DeliveryState.FAILED, DeliveryState.PENDING)
    ]
    recent = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="evt_new",
        event="comment.created",
        payload="{}",
        state=DeliveryState.SUCCEEDED,
    )
    deliver_due()
    left = set(WebhookDelivery.objects.values_list("pk", flat=True))
    # Still waiting deliveries are never pruned, whatever their age.
    assert left == {kept[2].pk, recent.pk}


def test_with_a_broker_each_first_attempt_is_its_own_task(
    settings, story, reader, site, receiver, run_after_commit, monkeypatch
):
    from civility.discussion.actions import do_post_comment
    from civility.webhooks import tasks
    from civility.webhooks.models import WebhookEndpoint

    queued: list[int] = []
    monkeypatch.setattr(tasks.deliver, "delay", queued.append)
    monkeypatch.setattr(
        tasks.deliver_new, "apply_async", lambda args, kwargs: tasks.deliver_new(*args)
    )
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    for n in range(2):
        WebhookEndpoint.objects.create(
            site=site, url=f"{receiver.url}/{n}", events=["comment.created"]
        )
    run_after_commit(do_post_comment, story=story, author=reader, text="Queued, not sent here.")
    assert sorted(queued) == sorted(WebhookDelivery.objects.values_list("pk", flat=True))
    assert receiver.requests == []
