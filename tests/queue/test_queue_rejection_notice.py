"""Rejecting tells the author: a mail with the statement of reasons, sent once the decision is
committed, and the same statement next to the thread on the story page, for them only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment, reason

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(story, reader):
    return make_comment(
        story,
        reader,
        "Go back where you came from.",
        reasons=[reason("coded_hate", "Uses a phrase often meant as a racist slur.")],
    )


def _reject(client, comment, capture, **data):
    with capture(execute=True):
        return client.post(
            reverse("moderation:reject", args=[comment.pk]),
            {"reason_code": "hate_speech", "note": "See our guidelines, section 2.", **data},
        )


def test_the_author_gets_a_statement_of_reasons_by_mail(
    client, gazette_mod, flagged, reader, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gazette_mod)
    _reject(client, flagged, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [reader.email]
    assert "Council passes the budget" in mail.subject
    body = mail.body
    assert "Reason: Hate speech (hate_speech)" in body
    assert "Uses a phrase often meant as a racist slur." in body  # the rule that flagged it
    assert "See our guidelines, section 2." in body
    assert "by a moderator" in body
    assert "appeal" in body.lower()
    assert "Go back where you came from." in body


def test_no_mail_leaves_before_the_decision_is_committed(
    client, gazette_mod, flagged, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gazette_mod)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("moderation:reject", args=[flagged.pk]), {"reason_code": "spam"})
    assert mailoutbox == []
    assert callbacks
    for callback in callbacks:  # the commit happens: now the notice goes
        callback()
    assert len(mailoutbox) == 1


def test_approving_sends_no_mail(
    client, gazette_mod, flagged, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gazette_mod)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:approve", args=[flagged.pk]))
    assert mailoutbox == []


def test_the_author_sees_the_statement_on_the_story_page(
    client, gazette_mod, flagged, reader, second_reader, story, django_capture_on_commit_callbacks
):
    client.force_login(gazette_mod)
    _reject(client, flagged, django_capture_on_commit_callbacks)
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'id="statement-{flagged.pk}"' in html
    assert "Your comment was rejected" in html
    assert "Hate speech" in html and "See our guidelines, section 2." in html
    # Nobody else does.
    client.force_login(second_reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Your comment was rejected" not in html
    assert "Go back where you came from." not in html


def test_an_automatic_rejection_says_so(client, story, reader):
    make_comment(
        story,
        reader,
        "Banned word here.",
        status="rejected",
        reasons=[reason("banned_word", "Contains a banned word.", action="reject")],
    )
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "by an automatic check" in html
    assert "Contains a banned word." in html


def test_the_author_of_a_held_comment_sees_it_awaiting_review(client, story, reader):
    held = make_comment(story, reader, "Waiting here.")
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'id="comment-{held.pk}"' in html
    assert "Awaiting review" in html
