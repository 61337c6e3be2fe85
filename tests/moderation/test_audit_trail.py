"""Every automatic decision writes an audit row with its evidence, in the comment's transaction."""

from __future__ import annotations

import pytest

from civility.discussion.actions import do_edit_comment, do_post_comment
from civility.discussion.models import Comment, CommentStatus
from civility.moderation.models import ModerationEvent, WordKind, WordRule

pytestmark = pytest.mark.django_db


def test_posting_records_the_automatic_decision_and_its_evidence(post):
    comment = post("See http://spam.example.com for deals")
    event = ModerationEvent.objects.get(comment=comment)
    assert event.actor is None and event.is_automatic
    assert (event.from_status, event.to_status) == ("", CommentStatus.HELD)
    assert event.reason_codes == ["link_from_new_reader"]
    evidence = event.evidence
    assert evidence["decision"] == "hold"
    link = next(r for r in evidence["reasons"] if r["code"] == "link_from_new_reader")
    assert link["spans"] == [[4, 27]]
    assert link["phase"] == "links" and link["action"] == "hold"
    assert "ml_off" in [r["code"] for r in evidence["reasons"]]


def test_a_published_comment_records_its_informing_reasons(post):
    comment = post("A fine comment about the budget.")
    event = ModerationEvent.objects.get(comment=comment)
    assert event.to_status == CommentStatus.PUBLISHED
    assert event.reason_codes == []


def test_editing_records_the_new_decision_and_the_status_it_came_from(post, reader, site):
    comment = post("A fine comment about the budget.")
    WordRule.objects.create(site=site, phrase="crooks", kind=WordKind.BANNED)
    do_edit_comment(comment=comment, user=reader, text="A fine comment about the crooks.")
    latest = ModerationEvent.objects.filter(comment=comment).first()
    assert (latest.from_status, latest.to_status) == ("published", "rejected")
    assert latest.reason_codes == ["banned_word"]
    assert ModerationEvent.objects.filter(comment=comment).count() == 2


def test_no_comment_is_written_when_its_audit_row_cannot_be(story, reader):
    from django.db import connection

    table = ModerationEvent._meta.db_table

    def broken(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{table}"'):
            raise RuntimeError("audit store down")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(broken), pytest.raises(RuntimeError):
        do_post_comment(story=story, author=reader, text="Hello council.")
    assert not Comment.objects.exists()
    story.refresh_from_db()
    assert story.comment_count == 0
