"""Posting and editing stop at a nudge, writing nothing; posting anyway writes a held comment and
puts the choice on record."""

from __future__ import annotations

import pytest

from civility.discussion.actions import do_edit_comment, do_post_comment
from civility.discussion.errors import NudgeRequired
from civility.discussion.models import Comment, CommentRevision, CommentStatus
from civility.moderation.models import ModerationEvent

pytestmark = pytest.mark.django_db

HOSTILE = "Fair point. You idiot."


def evidence_codes(comment) -> list[str]:
    event = ModerationEvent.objects.filter(comment=comment).latest("created_at")
    return [reason["code"] for reason in event.evidence["reasons"]]


def test_a_nudged_post_writes_nothing_and_says_which_part(story, reader, scorer):
    with pytest.raises(NudgeRequired) as caught:
        do_post_comment(story=story, author=reader, text=f"  {HOSTILE}\r\n", idempotency_key="k")
    nudge = caught.value
    # The spans point into the text as reviewed (stripped), which the form shows back.
    assert nudge.text == HOSTILE
    assert [nudge.text[s:e] for s, e in nudge.verdict.nudge_spans] == ["You idiot."]
    assert not Comment.objects.exists()
    assert not ModerationEvent.objects.exists()


def test_posting_anyway_with_the_same_form_token_writes_a_held_comment(story, reader, scorer):
    with pytest.raises(NudgeRequired):
        do_post_comment(story=story, author=reader, text=HOSTILE, idempotency_key="k")
    comment, verdict = do_post_comment(
        story=story, author=reader, text=HOSTILE, idempotency_key="k", post_anyway=True
    )
    assert verdict is not None and verdict.nudge is False
    assert comment.status == CommentStatus.HELD
    assert comment.idempotency_key == "k"
    assert "nudge_ignored" in evidence_codes(comment)


def test_a_clean_text_with_post_anyway_is_simply_published(story, reader, scorer):
    comment, _ = do_post_comment(story=story, author=reader, text="Fair point.", post_anyway=True)
    assert comment.status == CommentStatus.PUBLISHED
    assert "nudge_ignored" not in evidence_codes(comment)


def test_with_the_nudge_off_the_post_is_held_without_asking(story, reader, scorer, site_settings):
    site_settings.nudge_enabled = False
    site_settings.save()
    comment, verdict = do_post_comment(story=story, author=reader, text=HOSTILE)
    assert comment.status == CommentStatus.HELD
    assert verdict is not None and verdict.nudge is False
    assert "nudge_ignored" not in evidence_codes(comment)


def test_a_nudged_edit_changes_nothing(story, reader, scorer):
    comment, _ = do_post_comment(story=story, author=reader, text="Fair point.")
    with pytest.raises(NudgeRequired) as caught:
        do_edit_comment(comment=comment, user=reader, text=HOSTILE)
    assert caught.value.text == HOSTILE
    comment.refresh_from_db()
    assert (comment.source, comment.status) == ("Fair point.", CommentStatus.PUBLISHED)
    assert not CommentRevision.objects.exists()
    assert ModerationEvent.objects.filter(comment=comment).count() == 1


def test_an_edit_posted_anyway_is_held_and_recorded(story, reader, scorer):
    comment, _ = do_post_comment(story=story, author=reader, text="Fair point.")
    verdict = do_edit_comment(comment=comment, user=reader, text=HOSTILE, post_anyway=True)
    assert verdict.decision == "hold"
    comment.refresh_from_db()
    assert (comment.source, comment.status) == (HOSTILE, CommentStatus.HELD)
    assert "nudge_ignored" in evidence_codes(comment)
