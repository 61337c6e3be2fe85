"""Only the author of a held comment and the site's moderators may answer it."""

from __future__ import annotations

import pytest
from thread_builders import post

from civility.discussion.errors import DiscussionError
from civility.discussion.models import CommentStatus
from civility.moderation.gate import Decision


@pytest.fixture
def held(story, reader, fixed_gate):
    fixed_gate.decision = Decision.HOLD
    comment = post(story, reader, "Waiting for review.")
    fixed_gate.decision = Decision.PUBLISH
    assert comment.status == CommentStatus.HELD
    return comment


def test_another_reader_cannot_reply_to_it(story, held, second_reader):
    with pytest.raises(DiscussionError):
        post(story, second_reader, "I cannot even see it.", parent=held)


def test_its_author_can_reply_to_it(story, held, reader):
    reply = post(story, reader, "Adding a thought.", parent=held)
    assert reply.parent_id == held.pk


def test_a_site_moderator_can_reply_to_it(story, held, site_moderator):
    reply = post(story, site_moderator, "A note from the desk.", parent=held)
    assert reply.parent_id == held.pk
