"""What every scorer backend returns, and the interface they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from civility.classifier.labels import LABELS


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `text[start:end]` of the original comment that pushed a label's score up."""

    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class Scores:
    """Probabilities 0..1 per label, and per label the spans that drove it (may be empty)."""

    probabilities: Mapping[str, float]
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    backend: str = ""

    def __getitem__(self, label: str) -> float:
        return self.probabilities[label]

    def flagged(self, thresholds: Mapping[str, float]) -> list[str]:
        """Return the labels whose probability reaches its threshold, in label order."""
        return [
            label
            for label in LABELS
            if label in thresholds and self.probabilities.get(label, 0.0) >= thresholds[label]
        ]


@runtime_checkable
class Scorer(Protocol):
    """A backend: scores a batch of comments; a single comment is a batch of one."""

    @property
    def name(self) -> str: ...

    @property
    def thresholds(self) -> Mapping[str, float]: ...

    def score_batch(self, texts: list[str]) -> list[Scores]: ...


class ScorerUnavailable(RuntimeError):
    """A backend cannot run here: its files, package or server are missing or broken."""
