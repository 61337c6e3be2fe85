"""Comments with little in common with the story and their parent get an informing reason."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision
from civility.moderation.models import PhaseAction

pytestmark = pytest.mark.django_db

STORY_BODY = (
    "The city council voted on Tuesday to pass next year's budget after a long debate. The "
    "budget raises property taxes by two percent, funds repairs to roads and bridges, extends "
    "library hours and hires more teachers for the public schools. Council members who voted "
    "against it said the tax increase would hurt families on fixed incomes."
)
OFF_TOPIC = (
    "Does anyone know a good recipe for sourdough bread? My starter keeps collapsing overnight "
    "and the loaves come out flat and dense every single weekend."
)
ON_TOPIC = (
    "Raising property taxes by two percent seems fair if the library hours and the road repairs "
    "actually happen, but the council should publish the budget line by line."
)


@pytest.fixture
def hosted(story):
    story.body_markdown = STORY_BODY
    story.save()
    return story


def test_it_flags_a_comment_about_something_else_without_holding_it(review, hosted):
    verdict = review(OFF_TOPIC, "off_topic")
    found = reason(verdict, "off_topic")
    assert found.action == Decision.PUBLISH
    assert found.score < 0.05
    assert verdict.decision == Decision.PUBLISH


def test_it_leaves_a_comment_on_the_story_alone(review, hosted):
    assert codes(review(ON_TOPIC, "off_topic")) == []


def test_a_reply_on_the_parent_s_subject_is_on_topic(review, hosted, post):
    parent = post(OFF_TOPIC)
    reply = "Your sourdough starter probably needs feeding twice a day; flat dense loaves mean it is weak."
    assert codes(review(reply, "off_topic", parent=parent)) == []


def test_short_comments_are_not_judged(review, hosted):
    assert codes(review("Sourdough bread is great.", "off_topic")) == []


def test_a_story_without_text_cannot_judge_anything(review, story):
    story.body_markdown = ""
    story.save()
    assert codes(review(OFF_TOPIC, "off_topic")) == []


def test_a_site_may_choose_to_hold(review, hosted, site_settings):
    site_settings.off_topic_action = PhaseAction.HOLD
    site_settings.save()
    assert review(OFF_TOPIC, "off_topic").decision == Decision.HOLD


def test_the_story_is_read_into_words_once_and_again_when_it_changes(review, hosted):
    from civility.moderation.phases import off_topic

    off_topic.reference_words.cache_clear()
    for _ in range(3):
        assert "off_topic" in codes(review(OFF_TOPIC, "off_topic"))
    # The story's words once, then from memory (an empty parent text is the other entry).
    assert off_topic.reference_words.cache_info().misses == 2
    hosted.body_markdown = "A recipe for sourdough bread: starter, flour, loaves, overnight. " * 4
    hosted.save()
    assert "off_topic" not in codes(review(OFF_TOPIC, "off_topic"))
