"""Scorer backends by name, loaded lazily; settings choose which ones run.

`CIVILITY_SCORER_BACKENDS` (default ``["linear"]``) names the backends; with several, their
probabilities are averaged per label and their spans merged. `CIVILITY_SCORER_THRESHOLDS` (a dict)
overrides the model's per-label thresholds. Adding a backend is a new module plus one line here.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings

from civility.classifier.labels import LABELS
from civility.classifier.scoring import Scorer, ScorerUnavailable, Scores

BACKENDS: dict[str, str] = {
    "linear": "civility.classifier.backends.linear:LinearScorer",
    "http": "civility.classifier.backends.http:HttpScorer",
    "detoxify": "civility.classifier.backends.detoxify:DetoxifyScorer",
    "embedding": "civility.classifier.backends.embedding:EmbeddingScorer",
}


def backend_class(name: str) -> Callable[..., Scorer]:
    try:
        target = BACKENDS[name]
    except KeyError:
        raise ScorerUnavailable(
            f"unknown scorer backend {name!r}; known: {sorted(BACKENDS)}"
        ) from None
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def build_scorer(name: str, **options: Any) -> Scorer:
    """Return a new scorer of backend `name`, configured from settings unless options are given."""
    cls = backend_class(name)
    if not options:
        options = dict(getattr(settings, "CIVILITY_SCORER_OPTIONS", {}).get(name, {}))
    return cls(**options)


class AveragingScorer:
    """Average several backends' probabilities per label; keep every backend's spans."""

    def __init__(self, scorers: list[Scorer]) -> None:
        self.scorers = scorers
        self.name = "+".join(s.name for s in scorers)
        self.thresholds = {
            label: sum(s.thresholds[label] for s in scorers) / len(scorers) for label in LABELS
        }

    def score_batch(self, texts: list[str]) -> list[Scores]:
        per_backend = [s.score_batch(texts) for s in self.scorers]
        combined = []
        for results in zip(*per_backend, strict=True):
            probs = {
                label: sum(r.probabilities[label] for r in results) / len(results)
                for label in LABELS
            }
            spans = {
                label: tuple(
                    sorted(
                        {s for r in results for s in r.spans.get(label, ())}, key=lambda s: s.start
                    )
                )
                for label in LABELS
            }
            combined.append(Scores(probs, {k: v for k, v in spans.items() if v}, self.name))
        return combined


class _WithThresholds:
    """A scorer whose thresholds the site settings override."""

    def __init__(self, scorer: Scorer, overrides: Mapping[str, float]) -> None:
        self._scorer = scorer
        self.name = scorer.name
        self.thresholds = {**scorer.thresholds, **{k: float(v) for k, v in overrides.items()}}

    def score_batch(self, texts: list[str]) -> list[Scores]:
        return self._scorer.score_batch(texts)


def scorer_from_settings() -> Scorer:
    """Build the scorer the settings describe (uncached: use `get_scorer` in request paths)."""
    names = list(getattr(settings, "CIVILITY_SCORER_BACKENDS", ["linear"])) or ["linear"]
    scorers = [build_scorer(name) for name in names]
    scorer: Scorer = scorers[0] if len(scorers) == 1 else AveragingScorer(scorers)
    overrides = getattr(settings, "CIVILITY_SCORER_THRESHOLDS", {}) or {}
    unknown = set(overrides) - set(LABELS)
    if unknown:
        raise ScorerUnavailable(
            f"CIVILITY_SCORER_THRESHOLDS names unknown labels: {sorted(unknown)}"
        )
    return _WithThresholds(scorer, overrides) if overrides else scorer


@functools.cache
def get_scorer() -> Scorer:
    """Return the process-wide scorer, built once from settings on first use."""
    return scorer_from_settings()


def score(text: str) -> Scores:
    """Score one comment with the configured scorer (a batch of one)."""
    return get_scorer().score_batch([text])[0]
