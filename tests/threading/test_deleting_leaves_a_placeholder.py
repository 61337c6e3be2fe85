"""Deleting keeps the text as a revision and leaves an empty placeholder in the row."""

from __future__ import annotations

from thread_builders import post

from civility.discussion import actions
from civility.discussion.models import CommentStatus


def test_it_blanks_the_text_and_keeps_a_revision(story, reader, second_reader):
    parent = post(story, reader, "Regrettable.")
    reply = post(story, second_reader, parent=parent)
    actions.do_delete_comment(comment=parent, user=reader)
    parent.refresh_from_db()
    assert (parent.status, parent.source, parent.html) == (CommentStatus.DELETED, "", "")
    assert parent.revisions.get().source == "Regrettable."
    # The placeholder keeps its place and its replies stay under it.
    reply.refresh_from_db()
    assert (reply.parent_id, reply.path.startswith(parent.path)) == (parent.pk, True)
    assert parent.reply_count == 1


def test_it_refuses_replies_to_a_deleted_comment(story, reader, second_reader):
    import pytest

    from civility.discussion.errors import DiscussionError

    parent = post(story, reader)
    actions.do_delete_comment(comment=parent, user=reader)
    parent.refresh_from_db()
    with pytest.raises(DiscussionError):
        post(story, second_reader, parent=parent)
