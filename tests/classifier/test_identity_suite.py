"""Identity-based hate without profanity is caught; mentions and counter-speech are not flagged."""

from __future__ import annotations

from civility.classifier.suite import load_cases, run_suite

# Measured pass rate of the shipped model is in MODEL_CARD.md; this floor guards against regressions.
PASS_RATE_FLOOR = 0.85


def test_the_suite_covers_every_pattern():
    patterns = {c["pattern"] for c in load_cases()}
    assert {"dehumanising", "exclusion", "plain_mention", "negation", "quotation"} <= patterns
    assert {"counter_speech", "reclaimed", "spelling_variant"} <= patterns


def test_the_shipped_model_passes_the_identity_suite(linear):
    result = run_suite(linear)
    assert result.pass_rate >= PASS_RATE_FLOOR, result.failures[:10]


def test_it_does_not_flag_plain_identity_mentions(linear):
    texts = ["I am a gay man", "my Muslim neighbour", "Jewish history"]
    for scores in linear.score_batch(texts):
        assert not scores.flagged(linear.thresholds), scores


def test_it_flags_dehumanising_statements_about_groups(linear):
    texts = ["Muslims are vermin", "Immigrants should not be allowed to vote"]
    for scores in linear.score_batch(texts):
        assert "identity_attack" in scores.flagged(
            linear.thresholds
        ) or "toxicity" in scores.flagged(linear.thresholds), scores
