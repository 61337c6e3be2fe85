"""Readers in digest mode get one mail a day with everything; moderators can get the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from civility.discussion.actions import do_report
from civility.moderation import gate
from civility.notifications.actions import do_follow, do_save_settings
from civility.notifications.models import Notification
from civility.notifications.tasks import send_digests
from civility.stories.models import Site, Story

pytestmark = pytest.mark.django_db


def digest_mode(user):
    do_save_settings(
        user=user, email_mode="digest", follow_own_comments=True, moderation_digest=False
    )


def test_digest_mode_groups_everything_into_one_mail(story, reader, second_reader, make_user, post):
    digest_mode(reader)
    do_follow(user=reader, story=story)
    third = make_user("third")
    parent = post(story, reader, "My question.")
    post(story, second_reader, "First answer.", parent=parent)
    post(story, third, "Second answer.", parent=parent)
    post(story, third, "A new thread.")
    assert mail.outbox == []
    call_command("send_digests", verbosity=0)
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.subject.startswith("3 new comments")
    for text in ("First answer.", "Second answer.", "A new thread.", story.title):
        assert text in message.body
    assert message.body.index("First answer.") < message.body.index("Second answer.")
    # Sent once: the next run has nothing for this reader.
    assert send_digests()["reader_digests"] == 0
    assert len(mail.outbox) == 1


def test_a_digest_leaves_out_comments_hidden_since(
    story, reader, second_reader, moderator, post, run_after_commit
):
    from civility.moderation.actions import do_reject

    digest_mode(reader)
    parent = post(story, reader, "Question.")
    kept = post(story, second_reader, "Kept answer.", parent=parent)
    removed = post(story, second_reader, "Removed answer.", parent=parent)
    run_after_commit(do_reject, removed, moderator, "spam")
    send_digests()
    (message,) = mail.outbox
    assert "Kept answer." in message.body and "Removed answer." not in message.body
    assert message.subject.startswith("1 new comment ")
    assert kept.pk


def test_immediate_mail_that_failed_goes_out_with_the_next_digest_run(
    story, reader, second_reader, post, monkeypatch
):
    from civility.notifications import mailing

    parent = post(story, reader, "Question.")

    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    with monkeypatch.context() as patch:
        patch.setattr(mailing, "comment_mail", broken)
        post(story, second_reader, "Answer.", parent=parent)
    assert mail.outbox == []
    assert Notification.objects.get().sent_at is None
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        send_digests()
    (message,) = mail.outbox
    assert "Answer." in message.body


def test_moderators_who_opt_in_get_the_queue_once_a_day(
    site, story, reader, second_reader, moderator, post, verdict
):
    other = Site.objects.create(slug="courier", name="The Courier")
    other_story = Story.objects.create(
        site=other, slug="ferry", title="Ferry", published_at=timezone.now()
    )
    do_save_settings(
        user=moderator, email_mode="immediate", follow_own_comments=True, moderation_digest=True
    )
    visible = post(story, reader, "Reported one.")
    do_report(comment=visible, user=second_reader, reason="spam")
    verdict.decision = gate.Decision.HOLD
    post(story, reader, "Held one.")
    post(story, second_reader, "Held two.")
    post(other_story, reader, "Not this moderator's site.")
    assert send_digests()["moderation_digests"] == 1
    (message,) = mail.outbox
    assert message.to == ["moderator@example.org"]
    assert message.subject == "Moderation queue: 2 awaiting review, 1 reported"
    assert "The Gazette: 2 awaiting review, 1 reported" in message.body
    assert "The Courier" not in message.body
    assert f"https://comments.example/moderate/?site={site.pk}&tab=pending" in message.body
    # Twice the same day: one digest.
    assert send_digests()["moderation_digests"] == 0
    assert len(mail.outbox) == 1


def test_readers_cannot_opt_into_the_queue_digest(client, reader):
    client.force_login(reader)
    page = client.get("/accounts/notifications/").content.decode()
    assert "moderation_digest" not in page
    client.post(
        "/accounts/notifications/",
        {"email_mode": "digest", "follow_own_comments": "on", "moderation_digest": "on"},
    )
    from civility.notifications.models import NotificationSettings

    row = NotificationSettings.objects.get(user=reader)
    assert row.email_mode == "digest" and row.moderation_digest is False
