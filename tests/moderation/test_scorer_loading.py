"""The ml phase takes its scorer from the classifier package, and reports off when there is none."""

from __future__ import annotations

import pytest
from tests.moderation.fake_scorer import FakeScorer

from civility.classifier import registry
from civility.moderation import scoring


@pytest.fixture
def unset():
    scoring.reset()
    yield
    scoring.reset()


def test_it_uses_the_classifier_s_configured_scorer(monkeypatch, unset):
    fake = FakeScorer({})
    monkeypatch.setattr(registry, "get_scorer", lambda: fake)
    assert scoring.configured_scorer() is fake


def test_a_scorer_that_fails_to_load_means_ml_is_off(monkeypatch, unset, caplog):
    from civility.classifier.scoring import ScorerUnavailable

    def broken():
        raise ScorerUnavailable("model file missing")

    monkeypatch.setattr(registry, "get_scorer", broken)
    assert scoring.configured_scorer() is None
    assert "could not be loaded" in caplog.text


def test_an_explicit_scorer_wins(monkeypatch, unset):
    fake = FakeScorer({})
    monkeypatch.setattr(registry, "get_scorer", lambda: None)
    scoring.set_scorer(fake)
    assert scoring.configured_scorer() is fake


def test_simple_and_batch_scorers_are_read_alike():
    from tests.moderation.fake_scorer import FakeBatchScorer

    simple = scoring.analyze(FakeScorer({"moron": {"toxicity": 0.4}}), "a moron")
    batch = scoring.analyze(FakeBatchScorer({"toxicity": 0.3}, "moron", "toxicity", 0.4), "a moron")
    assert simple.probabilities["toxicity"] == batch.probabilities["toxicity"] == 0.4
    assert batch.spans == {"toxicity": ((2, 7),)}
