"""Editing keeps the old text as a revision and renders the new text."""

from __future__ import annotations

from thread_builders import post

from civility.discussion import actions
from civility.discussion.models import CommentRevision


def test_it_keeps_the_old_text_and_renders_the_new(story, reader):
    comment = post(story, reader, "First *draft*.")
    old_html = comment.html
    actions.do_edit_comment(comment=comment, user=reader, text="Second **draft**.")
    comment.refresh_from_db()
    assert comment.source == "Second **draft**."
    assert "<strong>draft</strong>" in comment.html
    assert comment.edited_at is not None
    revision = CommentRevision.objects.get(comment=comment)
    assert (revision.source, revision.html) == ("First *draft*.", old_html)
    assert "<em>draft</em>" in revision.html


def test_it_keeps_one_revision_per_edit(story, reader):
    comment = post(story, reader, "One.")
    actions.do_edit_comment(comment=comment, user=reader, text="Two.")
    actions.do_edit_comment(comment=comment, user=reader, text="Three.")
    assert sorted(comment.revisions.values_list("source", flat=True)) == ["One.", "Two."]


def test_it_writes_nothing_when_the_text_is_unchanged(story, reader):
    comment = post(story, reader, "Steady.")
    actions.do_edit_comment(comment=comment, user=reader, text="  Steady.\r\n")
    comment.refresh_from_db()
    assert comment.edited_at is None
    assert not comment.revisions.exists()


def test_it_keeps_its_place_in_the_thread(story, reader, second_reader):
    parent = post(story, second_reader)
    reply = post(story, reader, parent=parent)
    actions.do_edit_comment(comment=reply, user=reader, text="Edited reply.")
    reply.refresh_from_db()
    assert (reply.parent_id, reply.path, reply.depth) == (parent.pk, parent.path + "00/", 1)
