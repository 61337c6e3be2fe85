"""Nothing leaves before the change is committed, and a rolled-back change sends nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from civility.discussion.actions import do_post_comment
from civility.webhooks.models import DeliveryState, WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_delivers_once_the_transaction_commits(story, reader, endpoint, receiver):
    with transaction.atomic():
        do_post_comment(story=story, author=reader, text="Worth announcing.")
        assert receiver.requests == []
        assert not WebhookDelivery.objects.exists()
    events = [r.headers["Civility-Event"] for r in receiver.requests]
    assert events == ["comment.created", "comment.published"]
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {DeliveryState.SUCCEEDED}


def test_a_rolled_back_change_sends_nothing(story, reader, endpoint, receiver):
    with pytest.raises(RuntimeError), transaction.atomic():
        do_post_comment(story=story, author=reader, text="Never committed.")
        raise RuntimeError("roll back")
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
