"""An author's edit can make a held comment stricter, never publish it: only a moderator does."""

from __future__ import annotations

from thread_builders import post

from civility.discussion import actions
from civility.discussion.models import CommentStatus
from civility.moderation.gate import Decision


def test_it_keeps_a_held_comment_held_when_the_edit_passes(story, reader, fixed_gate):
    fixed_gate.decision = Decision.HOLD
    comment = post(story, reader, "Something the checks held.")
    assert comment.status == CommentStatus.HELD
    fixed_gate.decision = Decision.PUBLISH
    actions.do_edit_comment(comment=comment, user=reader, text="Something harmless now.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    story.refresh_from_db()
    assert story.comment_count == 0


def test_it_still_publishes_an_edit_of_a_published_comment(story, reader, fixed_gate):
    comment = post(story, reader, "Fine.")
    actions.do_edit_comment(comment=comment, user=reader, text="Still fine.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_it_holds_a_published_comment_whose_edit_is_held(story, reader, fixed_gate):
    comment = post(story, reader, "Fine.")
    fixed_gate.decision = Decision.HOLD
    actions.do_edit_comment(comment=comment, user=reader, text="Now something held.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
