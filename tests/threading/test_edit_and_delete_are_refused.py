"""Only the author may edit or delete, and only inside the edit window."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from thread_builders import post

from civility.discussion import actions
from civility.discussion.errors import NotAllowed
from civility.discussion.models import CommentRevision, CommentStatus


def test_it_refuses_another_readers_edit_and_delete(story, reader, second_reader, site_moderator):
    comment = post(story, reader, "Mine.")
    for user in (second_reader, site_moderator):
        with pytest.raises(NotAllowed):
            actions.do_edit_comment(comment=comment, user=user, text="Theirs.")
        with pytest.raises(NotAllowed):
            actions.do_delete_comment(comment=comment, user=user)
    comment.refresh_from_db()
    assert (comment.source, comment.status) == ("Mine.", CommentStatus.PUBLISHED)
    assert not CommentRevision.objects.exists()


def test_it_refuses_edit_and_delete_after_the_window(story, reader):
    comment = post(story, reader, "Mine.")
    window = timedelta(seconds=settings.COMMENT_EDIT_WINDOW_SECONDS)
    with time_machine.travel(timezone.now() + window - timedelta(seconds=5), tick=False):
        actions.do_edit_comment(comment=comment, user=reader, text="Still mine.")
    with time_machine.travel(timezone.now() + window + timedelta(seconds=5), tick=False):
        with pytest.raises(NotAllowed):
            actions.do_edit_comment(comment=comment, user=reader, text="Too late.")
        with pytest.raises(NotAllowed):
            actions.do_delete_comment(comment=comment, user=reader)
    comment.refresh_from_db()
    assert (comment.source, comment.status) == ("Still mine.", CommentStatus.PUBLISHED)


def test_it_refuses_to_edit_a_rejected_or_deleted_comment(story, reader):
    rejected = post(story, reader)
    actions.set_status(rejected, CommentStatus.REJECTED)
    deleted = post(story, reader)
    actions.do_delete_comment(comment=deleted, user=reader)
    for comment in (rejected, deleted):
        with pytest.raises(NotAllowed):
            actions.do_edit_comment(comment=comment, user=reader, text="Back again.")
        with pytest.raises(NotAllowed):
            actions.do_delete_comment(comment=comment, user=reader)


def test_it_refuses_anonymous_edits(story, reader):
    from django.contrib.auth.models import AnonymousUser

    comment = post(story, reader)
    with pytest.raises(NotAllowed):
        actions.do_edit_comment(comment=comment, user=AnonymousUser(), text="Hijack.")
