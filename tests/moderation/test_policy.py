"""Every enabled phase runs; any reject rejects, else any hold holds, else the comment is published."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation import phases, pipeline
from civility.moderation.gate import Decision, Reason

pytestmark = pytest.mark.django_db


def test_it_rejects_when_any_reason_rejects():
    reasons = [
        Reason("a", "x", action=Decision.HOLD),
        Reason("b", "x", action=Decision.REJECT),
        Reason("c", "x"),
    ]
    assert pipeline.decide(reasons) == Decision.REJECT


def test_it_holds_when_a_reason_holds_and_none_rejects():
    assert (
        pipeline.decide([Reason("a", "x"), Reason("b", "x", action=Decision.HOLD)]) == Decision.HOLD
    )


def test_it_publishes_when_reasons_only_inform():
    assert pipeline.decide([Reason("a", "x"), Reason("b", "x")]) == Decision.PUBLISH
    assert pipeline.decide([]) == Decision.PUBLISH


def test_it_runs_every_phase_so_the_moderator_sees_every_reason(review, site_settings, story):
    story.is_open = False
    story.save()
    verdict = review("Hello http://spam.example.com")
    assert verdict.decision == Decision.REJECT
    # The rejecting phase did not stop the link check or the ml phase from reporting.
    assert {"story_closed", "link_from_new_reader", "ml_off"} <= set(codes(verdict))
    assert reason(verdict, "story_closed").phase == "closed_story"


def test_a_disabled_phase_says_nothing(review, site_settings, story):
    story.is_open = False
    story.save()
    site_settings.closed_story_enabled = False
    site_settings.save()
    assert "story_closed" not in codes(review("Hello there, council."))


def test_the_registry_loads_every_phase_with_its_two_functions():
    for name in phases.REGISTRY:
        module = phases.load(name)
        assert callable(module.enabled) and callable(module.check), name


def test_the_deciding_reason_codes_are_recorded(review, story):
    story.is_open = False
    story.save()
    verdict = review("Hello http://spam.example.com")
    assert verdict.reason_codes == ["story_closed"]
