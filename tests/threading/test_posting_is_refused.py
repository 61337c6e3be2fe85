"""Posting is refused on closed stories, for empty or over-long text, and across stories."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from thread_builders import post

from civility.discussion import actions
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus
from civility.stories.models import Story


def test_it_refuses_a_closed_story(story, reader):
    story.is_open = False
    story.save(update_fields=["is_open"])
    with pytest.raises(DiscussionError, match="closed"):
        actions.do_post_comment(story=story, author=reader, text="Too late?")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "\r\n\n\t", None])
def test_it_refuses_empty_text(story, reader, text):
    with pytest.raises(DiscussionError, match="empty"):
        actions.do_post_comment(story=story, author=reader, text=text)
    assert not Comment.objects.exists()


def test_it_refuses_text_over_the_limit_and_takes_text_at_it(story, reader, settings):
    settings.COMMENT_MAX_LENGTH = 20
    with pytest.raises(DiscussionError, match="limit is 20"):
        actions.do_post_comment(story=story, author=reader, text="x" * 21)
    comment, _ = actions.do_post_comment(story=story, author=reader, text=" " + "x" * 20 + " ")
    assert comment.source == "x" * 20


def test_it_refuses_edits_to_empty_or_over_long_text(story, reader, settings):
    comment = post(story, reader, "Fine.")
    settings.COMMENT_MAX_LENGTH = 20
    for text in ("", "y" * 21):
        with pytest.raises(DiscussionError):
            actions.do_edit_comment(comment=comment, user=reader, text=text)
    comment.refresh_from_db()
    assert comment.source == "Fine."


def test_it_refuses_anonymous_authors(story):
    with pytest.raises(NotAllowed):
        actions.do_post_comment(story=story, author=AnonymousUser(), text="Hello.")


def test_it_refuses_a_reply_to_a_comment_on_another_story(story, site, reader):
    other = Story.objects.create(
        site=site, slug="other", title="Other", published_at=story.published_at
    )
    parent = post(other, reader)
    with pytest.raises(DiscussionError, match="same story"):
        actions.do_post_comment(story=story, author=reader, text="Hi.", parent=parent)


def test_it_refuses_a_reply_to_a_rejected_comment(story, reader, second_reader):
    parent = post(story, reader)
    actions.set_status(parent, CommentStatus.REJECTED)
    with pytest.raises(DiscussionError):
        post(story, second_reader, parent=parent)
