"""Replies to followed comments and new comments on followed stories reach readers by e-mail."""

from __future__ import annotations

import pytest
from django.core import mail

from civility.moderation import gate
from civility.moderation.actions import do_approve, do_reject
from civility.notifications.actions import do_follow, do_save_settings
from civility.notifications.models import Follow, Notification

pytestmark = pytest.mark.django_db


def test_authors_follow_their_own_comments(story, reader, post):
    comment = post(story, reader, "My first comment.")
    assert Follow.objects.filter(user=reader, comment=comment).exists()


def test_a_reader_who_turned_it_off_does_not_follow_their_comments(story, reader, post):
    do_save_settings(
        user=reader, email_mode="immediate", follow_own_comments=False, moderation_digest=False
    )
    comment = post(story, reader, "Unfollowed by choice.")
    assert not Follow.objects.filter(user=reader, comment=comment).exists()


def test_a_reply_mails_the_author_of_the_parent(story, reader, second_reader, post):
    parent = post(story, reader, "What do you think of the budget?")
    assert mail.outbox == []
    reply = post(story, second_reader, "It is **too** small.", parent=parent)
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "second replied" in message.subject and story.title in message.subject
    assert "It is **too** small." in message.body
    assert f"https://comments.example/comments/{reply.pk}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://comments.example/accounts/notifications/unsubscribe/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_new_comments_on_a_followed_story_mail_its_followers(story, reader, second_reader, post):
    do_follow(user=reader, story=story)
    post(story, second_reader, "A fresh top-level comment.")
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "commented on" in message.subject


def test_one_mail_when_a_reader_follows_both_the_story_and_the_parent(
    story, reader, second_reader, post
):
    do_follow(user=reader, story=story)
    parent = post(story, reader, "Parent.")
    post(story, second_reader, "Reply.", parent=parent)
    (message,) = mail.outbox
    assert "replied" in message.subject


def test_nobody_hears_about_their_own_comment(story, reader, post):
    do_follow(user=reader, story=story)
    parent = post(story, reader, "Talking to myself.")
    post(story, reader, "Still me.", parent=parent)
    assert mail.outbox == []


def test_held_comments_notify_nobody_until_approved(
    story, reader, second_reader, moderator, post, verdict, run_after_commit
):
    parent = post(story, reader, "Parent.")
    verdict.decision = gate.Decision.HOLD
    held = post(story, second_reader, "Held reply.", parent=parent)
    assert mail.outbox == []
    assert not Notification.objects.exists()
    run_after_commit(do_approve, held, moderator)
    (message,) = mail.outbox
    assert "Held reply." in message.body


def test_rejected_comments_notify_nobody(
    story, reader, second_reader, moderator, post, verdict, run_after_commit
):
    parent = post(story, reader, "Parent.")
    verdict.decision = gate.Decision.HOLD
    held = post(story, second_reader, "Bad reply.", parent=parent)
    run_after_commit(do_reject, held, moderator, "spam")
    verdict.decision = gate.Decision.REJECT
    post(story, second_reader, "Rejected outright.", parent=parent)
    assert mail.outbox == []


def test_readers_without_e_mail_or_with_mail_off_get_nothing(
    story, reader, second_reader, make_user, post
):
    silent = make_user("silent")
    silent.email = ""
    silent.save()
    do_follow(user=silent, story=story)
    do_follow(user=reader, story=story)
    do_save_settings(
        user=reader, email_mode="off", follow_own_comments=True, moderation_digest=False
    )
    post(story, second_reader, "Anyone there?")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_comment_is_mailed_once_even_when_published_again(
    story, reader, second_reader, moderator, post, run_after_commit
):
    from civility.discussion.actions import set_status
    from civility.discussion.models import CommentStatus

    parent = post(story, reader, "Parent.")
    reply = post(story, second_reader, "Reply.", parent=parent)

    def republish():
        set_status(reply, CommentStatus.HELD)
        set_status(reply, CommentStatus.PUBLISHED)

    run_after_commit(republish)
    assert len(mail.outbox) == 1


def test_a_redelivered_task_sends_nothing_more(story, reader, second_reader, post):
    from civility.notifications.tasks import send_for_comment

    parent = post(story, reader, "Parent.")
    reply = post(story, second_reader, "Reply.", parent=parent)
    send_for_comment.apply(args=[reply.pk])
    assert len(mail.outbox) == 1
