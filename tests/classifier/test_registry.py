"""Backends are chosen by name in settings; several are averaged; thresholds can be overridden."""

from __future__ import annotations

import pytest

from civility.classifier import registry
from civility.classifier.labels import LABELS
from civility.classifier.scoring import Scorer, ScorerUnavailable, Scores


class Constant:
    def __init__(self, value: float, name: str = "constant") -> None:
        self.name = name
        self.value = value
        self.thresholds = dict.fromkeys(LABELS, 0.5)

    def score_batch(self, texts):
        return [Scores(dict.fromkeys(LABELS, self.value), {}, self.name) for _ in texts]


def test_it_uses_the_linear_backend_by_default(settings):
    settings.CIVILITY_SCORER_BACKENDS = ["linear"]
    scorer = registry.scorer_from_settings()
    assert scorer.name == "linear"
    assert isinstance(scorer, Scorer)


def test_it_refuses_an_unknown_backend_clearly(settings):
    settings.CIVILITY_SCORER_BACKENDS = ["telepathy"]
    with pytest.raises(ScorerUnavailable, match="unknown scorer backend 'telepathy'"):
        registry.scorer_from_settings()


def test_it_averages_several_backends(monkeypatch, settings):
    monkeypatch.setitem(registry.BACKENDS, "low", f"{__name__}:Low")
    monkeypatch.setitem(registry.BACKENDS, "high", f"{__name__}:High")
    settings.CIVILITY_SCORER_BACKENDS = ["low", "high"]
    settings.CIVILITY_SCORER_OPTIONS = {}
    scorer = registry.scorer_from_settings()
    [scores] = scorer.score_batch(["anything"])
    assert scores.probabilities["toxicity"] == pytest.approx(0.5)
    assert scorer.name == "low+high"


def test_it_applies_threshold_overrides_from_settings(settings):
    settings.CIVILITY_SCORER_BACKENDS = ["linear"]
    settings.CIVILITY_SCORER_THRESHOLDS = {"threat": 0.99}
    scorer = registry.scorer_from_settings()
    assert scorer.thresholds["threat"] == 0.99
    assert 0 < scorer.thresholds["toxicity"] < 1


def test_it_refuses_thresholds_for_unknown_labels(settings):
    settings.CIVILITY_SCORER_THRESHOLDS = {"rudeness": 0.5}
    with pytest.raises(ScorerUnavailable, match="rudeness"):
        registry.scorer_from_settings()


def test_it_flags_labels_at_or_over_their_threshold():
    scores = Scores({"toxicity": 0.7, "insult": 0.2, "threat": 0.5}, {}, "x")
    assert scores.flagged({"toxicity": 0.6, "insult": 0.6, "threat": 0.5}) == ["toxicity", "threat"]


def test_the_shipped_thresholds_are_probabilities(linear):
    assert set(linear.thresholds) == set(LABELS)
    assert all(0 < t < 1 for t in linear.thresholds.values())


class Low(Constant):
    def __init__(self) -> None:
        super().__init__(0.25, "low")


class High(Constant):
    def __init__(self) -> None:
        super().__init__(0.75, "high")
