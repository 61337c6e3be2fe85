"""Comments outside the site's length bounds are held; new comments on closed stories are rejected."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db


def test_it_holds_a_comment_under_the_minimum(review, site_settings):
    site_settings.min_length = 10
    site_settings.save()
    verdict = review("Too short", "length")
    assert verdict.decision == Decision.HOLD
    assert reason(verdict, "too_short").spans == ((0, 9),)


def test_it_holds_a_comment_over_the_maximum_and_points_at_the_excess(review, site_settings):
    site_settings.max_length = 20
    site_settings.save()
    text = "This comment goes on for rather too long."
    found = reason(review(text, "length"), "too_long")
    assert found.spans == ((20, len(text)),)
    assert found.action == Decision.HOLD


def test_it_passes_a_comment_within_bounds(review):
    assert codes(review("A reasonable remark about the budget.", "length")) == []


def test_the_maximum_defaults_to_the_install_limit(review, settings):
    settings.COMMENT_MAX_LENGTH = 30
    assert "too_long" in codes(review("x" * 31, "length"))
    assert "too_long" not in codes(review("x" * 30, "length"))


def test_it_rejects_new_comments_on_a_closed_story(review, story):
    story.is_open = False
    story.save()
    verdict = review("Still have something to say.", "closed_story")
    assert verdict.decision == Decision.REJECT
    assert codes(verdict) == ["story_closed"]


def test_it_lets_an_author_edit_a_comment_after_the_story_closes(review, story, post):
    comment = post("My first version of the comment.")
    story.is_open = False
    story.save()
    assert codes(review("My second version.", "closed_story", editing=comment)) == []


def test_it_accepts_comments_on_an_open_story(review):
    assert codes(review("Hello.", "closed_story")) == []
