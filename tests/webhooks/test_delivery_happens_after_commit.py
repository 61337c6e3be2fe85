"""Nothing leaves before the change is committed, a rolled-back change sends nothing, and a
delivery is written with the change itself, so a crash right after the commit cannot lose it."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import transaction

from civility.core import events, tasks
from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment
from civility.webhooks.models import DeliveryState, WebhookDelivery
from civility.webhooks.tasks import deliver_due

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_delivers_once_the_transaction_commits(story, reader, endpoint, receiver):
    with transaction.atomic():
        do_post_comment(story=story, author=reader, text="Worth announcing.")
        assert receiver.requests == []
        # Written in the comment's own transaction (an outbox), still waiting to be sent.
        assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {
            DeliveryState.PENDING
        }
    events = [r.headers["Civility-Event"] for r in receiver.requests]
    assert events == ["comment.created", "comment.published"]
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {DeliveryState.SUCCEEDED}


def test_a_rolled_back_change_sends_nothing(story, reader, endpoint, receiver):
    with pytest.raises(RuntimeError), transaction.atomic():
        do_post_comment(story=story, author=reader, text="Never committed.")
        raise RuntimeError("roll back")
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_crash_after_the_commit_loses_no_delivery(story, reader, endpoint, receiver):
    # The process dies once the comment is committed: every after-commit call fails.
    gone = OSError("process gone")
    with (
        mock.patch.object(tasks, "dispatch", side_effect=gone),
        mock.patch.object(events, "_deliver", side_effect=gone),
    ):
        comment, _ = do_post_comment(story=story, author=reader, text="Survives the crash.")
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert receiver.requests == []
    pending = WebhookDelivery.objects.filter(state=DeliveryState.PENDING)
    assert sorted(pending.values_list("event", flat=True)) == [
        "comment.created",
        "comment.published",
    ]
    # The sweep (beat, every minute) sends what no task ever picked up.
    assert deliver_due() == 2
    assert sorted(r.headers["Civility-Event"] for r in receiver.requests) == [
        "comment.created",
        "comment.published",
    ]
    assert not WebhookDelivery.objects.exclude(state=DeliveryState.SUCCEEDED).exists()
