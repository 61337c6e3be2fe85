"""Live-update fixtures: moderation that publishes unless a test holds, and a reader's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus
from civility.live.thread import encode_cursor
from civility.moderation import gate


@pytest.fixture(autouse=True)
def publish_everything(monkeypatch):
    monkeypatch.setattr(gate, "review", lambda candidate: gate.Verdict(gate.Decision.PUBLISH))


def post(story, author, text, parent=None, *, status=None, ago=None):
    comment, _ = actions.do_post_comment(story=story, author=author, text=text, parent=parent)
    if ago is not None:
        Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - ago)
    if status is not None:
        actions.set_status(comment, status)
    comment.refresh_from_db()
    return comment


def held(story, author, text, parent=None):
    return post(story, author, text, parent, status=CommentStatus.HELD)


def cursor_at(moment) -> str:
    return encode_cursor(moment)


@pytest.fixture
def opened():
    """The cursor of a page opened a minute ago."""
    return cursor_at(timezone.now() - timedelta(minutes=1))
