"""Classifier scores hold comments at per-label thresholds; toxic ones nudge the author first."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db


def test_without_a_scorer_the_phase_says_it_is_off_and_holds_nothing(review):
    verdict = review("You idiot.", "ml")
    assert verdict.decision == Decision.PUBLISH
    assert codes(verdict) == ["ml_off"]
    assert verdict.scores == {}


def test_it_holds_at_the_threshold_and_reports_every_score(review, scorer):
    verdict = review("You idiot.", "ml")
    assert verdict.decision == Decision.HOLD
    assert codes(verdict) == ["ml_toxicity", "ml_insult"]
    assert verdict.scores["toxicity"] == pytest.approx(0.93)
    assert set(verdict.scores) == {"toxicity", "insult", "profanity", "identity_attack", "threat"}
    assert "0.93" in reason(verdict, "ml_toxicity").detail


def test_it_publishes_below_every_threshold(review, scorer):
    verdict = review("I disagree with the council.", "ml")
    assert verdict.decision == Decision.PUBLISH
    assert codes(verdict) == []
    assert verdict.scores["toxicity"] == pytest.approx(0.01)


def test_thresholds_are_per_site_and_per_label(review, scorer, site_settings):
    site_settings.ml_thresholds = {"toxicity": 0.95, "insult": 0.95, "profanity": 0.99}
    site_settings.save()
    assert codes(review("You idiot.", "ml")) == []
    site_settings.ml_thresholds = {"profanity": 0.5}
    site_settings.save()
    assert "ml_profanity" in codes(review("Damn right.", "ml"))


def test_spans_point_at_the_sentence_that_scores_high(review, scorer):
    text = "The budget is late. You idiot. Please fix it."
    found = reason(review(text, "ml"), "ml_insult")
    assert [text[s:e] for s, e in found.spans] == ["You idiot."]


def test_a_toxic_comment_nudges_the_author_with_the_spans(review, scorer):
    text = "Fair point. You idiot."
    verdict = review(text, "ml")
    assert verdict.nudge is True
    assert [text[s:e] for s, e in verdict.nudge_spans] == ["You idiot."]


def test_posting_anyway_is_recorded_and_still_held(review, scorer):
    verdict = review("You idiot.", "ml", extra={"post_anyway": True})
    assert verdict.nudge is False
    assert verdict.decision == Decision.HOLD
    assert "nudge_ignored" in codes(verdict)


def test_profanity_alone_does_not_nudge(review, scorer):
    verdict = review("Damn right.", "ml", "length")
    assert verdict.decision == Decision.HOLD  # profanity holds at 0.9
    assert verdict.nudge is False


def test_a_hold_for_another_reason_does_not_nudge(review, scorer):
    verdict = review("You idiot, see http://x.example.com", "ml", "links")
    assert verdict.decision == Decision.HOLD
    assert verdict.nudge is False


def test_the_nudge_is_off_per_site(review, scorer, site_settings):
    site_settings.nudge_enabled = False
    site_settings.save()
    verdict = review("You idiot.", "ml", extra={"post_anyway": True})
    assert verdict.nudge is False
    assert "nudge_ignored" not in codes(verdict)


def test_the_scores_are_kept_in_the_audit_evidence(story, reader, scorer):
    from civility.discussion.actions import do_post_comment
    from civility.moderation.models import ModerationEvent

    # Posted anyway: a nudged comment is not written until the author chooses (test_nudge_flow).
    comment, _ = do_post_comment(story=story, author=reader, text="You idiot.", post_anyway=True)
    event = ModerationEvent.objects.get(comment=comment)
    assert event.evidence["scores"]["insult"] == pytest.approx(0.91)
    assert "nudge_ignored" in [r["code"] for r in event.evidence["reasons"]]


@pytest.fixture
def classifier_like():
    from tests.moderation.fake_scorer import FakeBatchScorer

    from civility.moderation import scoring

    fake = FakeBatchScorer(
        {
            "toxicity": 0.3,
            "insult": 0.95,
            "profanity": 0.55,
            "identity_attack": 0.99,
            "threat": 0.5,
        },
        word="moron",
        label="toxicity",
        p=0.4,
    )
    scoring.set_scorer(fake)
    return fake


def test_the_model_s_own_thresholds_apply_until_the_site_sets_one(
    review, classifier_like, site_settings
):
    text = "Only a moron would vote for this."
    found = reason(review(text, "ml"), "ml_toxicity")
    assert "holds at 0.30" in found.detail
    # The classifier's own spans point at the word.
    assert [text[s:e] for s, e in found.spans] == ["moron"]
    site_settings.ml_thresholds = {"toxicity": 0.5}
    site_settings.save()
    assert codes(review(text, "ml")) == []


def test_the_shipped_classifier_scores_every_label(review):
    from civility.moderation import scoring

    scoring.reset()  # Load whatever the classifier package configures.
    if scoring.configured_scorer() is None:
        pytest.skip("the classifier package provides no scorer here")
    verdict = review("Thank you for the clear report on the budget.", "ml")
    assert "ml_off" not in codes(verdict)
    assert {"toxicity", "insult", "profanity", "identity_attack", "threat"} <= set(verdict.scores)
