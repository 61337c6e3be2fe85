"""Actions re-check their rules on the row they lock, not on the copy the caller read earlier
(another tab, or a moderator, may have changed it in between)."""

from __future__ import annotations

import pytest
from thread_builders import post

from civility.discussion import actions
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus


def _stale_copy(comment: Comment) -> Comment:
    return Comment.objects.get(pk=comment.pk)


def test_it_refuses_to_edit_a_comment_deleted_since_it_was_read(story, reader):
    comment = post(story, reader, "Original.")
    stale = _stale_copy(comment)
    actions.do_delete_comment(comment=comment, user=reader)
    with pytest.raises(NotAllowed):
        actions.do_edit_comment(comment=stale, user=reader, text="Back from the dead.")
    comment.refresh_from_db()
    assert (comment.status, comment.source) == (CommentStatus.DELETED, "")
    assert comment.revisions.count() == 1


def test_it_refuses_to_delete_a_comment_rejected_since_it_was_read(story, reader):
    comment = post(story, reader)
    stale = _stale_copy(comment)
    actions.set_status(comment, CommentStatus.REJECTED)
    with pytest.raises(NotAllowed):
        actions.do_delete_comment(comment=stale, user=reader)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert not comment.revisions.exists()


def test_it_refuses_a_reply_to_a_parent_deleted_since_it_was_read(story, reader, second_reader):
    parent = post(story, reader)
    stale = _stale_copy(parent)
    actions.do_delete_comment(comment=parent, user=reader)
    with pytest.raises(DiscussionError):
        post(story, second_reader, parent=stale)
    assert not Comment.objects.filter(parent=parent).exists()
    parent.refresh_from_db()
    assert parent.child_seq == 0
