"""Failures wait for the sweep with growing delays; every attempt is on record."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from civility.webhooks import delivery
from civility.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from civility.webhooks.tasks import deliver_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_event(endpoint):
    endpoint.events = ["comment.published"]
    endpoint.save()
    return endpoint


def post(story, author, run_after_commit):
    from civility.discussion.actions import do_post_comment

    return run_after_commit(do_post_comment, story=story, author=author, text="Hello there.")


def test_the_backoff_grows_fourfold_and_is_capped(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.WEBHOOK_RETRY_MAX_SECONDS = 3600
    delays = [delivery.retry_delay(n).total_seconds() for n in range(1, 6)]
    assert delays == [30, 120, 480, 1920, 3600]


def test_a_failure_is_recorded_and_retried_on_schedule_until_it_succeeds(
    story, reader, one_event, receiver, run_after_commit
):
    receiver.statuses = [500, 503]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post(story, reader, run_after_commit)
        row = WebhookDelivery.objects.get()
        assert row.state == DeliveryState.PENDING
        assert row.attempt_count == 1
        assert row.next_attempt_at == timezone.now() + timedelta(seconds=30)
        first = row.attempts.get()
        assert first.status_code == 500 and not first.succeeded
        assert first.response_excerpt == "receiver is unhappy"

        # Not due yet: the sweep leaves it alone.
        clock.shift(29)
        assert deliver_due() == 0
        assert len(receiver.requests) == 1

        clock.shift(1)
        assert deliver_due() == 1
        row.refresh_from_db()
        assert row.attempt_count == 2
        assert row.next_attempt_at == timezone.now() + timedelta(seconds=120)

        clock.shift(120)
        call_command("deliver_due", verbosity=0)
        row.refresh_from_db()
        assert row.state == DeliveryState.SUCCEEDED
        assert row.next_attempt_at is None and row.delivered_at is not None
        assert row.last_status_code == 200

        # Success stops the retries.
        clock.shift(3600)
        assert deliver_due() == 0
    assert len(receiver.requests) == 3
    numbers = list(row.attempts.values_list("number", "status_code", "succeeded"))
    assert numbers == [(1, 500, False), (2, 503, False), (3, 200, True)]
    # Every attempt signed afresh, same body and delivery id.
    assert len({r.body for r in receiver.requests}) == 1
    assert len({r.headers["Civility-Delivery"] for r in receiver.requests}) == 1
    assert [r.headers["Civility-Attempt"] for r in receiver.requests] == ["1", "2", "3"]


def test_it_gives_up_after_the_last_attempt(
    settings, story, reader, one_event, receiver, run_after_commit
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = [500, 500, 500]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post(story, reader, run_after_commit)
        clock.shift(30)
        deliver_due()
        clock.shift(86400)
        assert deliver_due() == 0
    row = WebhookDelivery.objects.get()
    assert row.state == DeliveryState.FAILED
    assert row.next_attempt_at is None
    assert row.attempts.count() == 2


def test_network_errors_and_timeouts_count_as_failures(
    settings, story, reader, site, receiver, run_after_commit
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        closed_port = spare.getsockname()[1]
    nobody = WebhookEndpoint.objects.create(
        site=site, url=f"http://127.0.0.1:{closed_port}/", events=["comment.published"]
    )
    slow = WebhookEndpoint.objects.create(site=site, url=receiver.url, events=["comment.published"])
    receiver.delay = 1.5
    post(story, reader, run_after_commit)
    # Whichever the web process did not reach within its time budget, the sweep does.
    deliver_due()
    refused = WebhookDelivery.objects.get(endpoint=nobody).attempts.get()
    assert refused.status_code is None and "Connection" in refused.error
    timed_out = WebhookDelivery.objects.get(endpoint=slow)
    assert timed_out.state == DeliveryState.PENDING
    assert timed_out.attempts.get().error == "timed out"


def test_a_redirect_is_a_failure(story, reader, one_event, receiver, run_after_commit):
    receiver.statuses = [302]
    post(story, reader, run_after_commit)
    row = WebhookDelivery.objects.get()
    assert row.state == DeliveryState.PENDING
    assert row.last_status_code == 302


def test_first_attempts_in_the_web_process_stop_after_one_timeout(
    settings, story, reader, site, receiver, run_after_commit
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    receiver.delay = 1.5
    for n in range(2):
        WebhookEndpoint.objects.create(
            site=site, url=f"{receiver.url}/{n}", events=["comment.published"]
        )
    post(story, reader, run_after_commit)
    counts = sorted(WebhookDelivery.objects.values_list("attempt_count", flat=True))
    assert counts == [0, 1]  # the second waits for the sweep instead of holding the request
    left = WebhookDelivery.objects.get(attempt_count=0)
    receiver.delay = 0
    assert deliver_due() == 1
    left.refresh_from_db()
    assert left.state == DeliveryState.SUCCEEDED
