"""The ml phase's view of the classifier: load the configured scorer, ask it about one text.

The classifier (`civility.classifier.registry.get_scorer()`) returns a scorer with
`score_batch(texts) -> [Scores]` (probabilities and spans per label) and its own calibrated
`thresholds`. Simpler scorers with `score(text) -> {label: probability}` work too (tests, or a
deployment wiring its own through `set_scorer`). When none can be loaded, `configured_scorer()`
returns None and the ml phase reports that it is off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Analysis:
    probabilities: dict[str, float]
    spans: dict[str, Spans] = field(default_factory=dict)


_UNSET = object()
_override: Any = _UNSET
_loaded: Any = _UNSET


def set_scorer(scorer: Any) -> None:
    """Use this scorer from now on; None turns the ml phase off."""
    global _override
    _override = scorer


def reset() -> None:
    """Forget any override and any loaded scorer, so the next call looks again."""
    global _override, _loaded
    _override = _UNSET
    _loaded = _UNSET


def _load() -> Any:
    try:
        from civility.classifier.registry import get_scorer
    except ImportError:
        return None
    try:
        return get_scorer()
    except Exception:
        # Logged once per process: the phase then says "off" on every comment.
        logger.exception("The classifier's scorer could not be loaded; ML scores are off")
        return None


def configured_scorer() -> Any:
    global _loaded
    if _override is not _UNSET:
        return _override
    if _loaded is _UNSET:
        _loaded = _load()
    return _loaded


def analyze(scorer: Any, text: str) -> Analysis:
    """Return the scorer's probabilities for text and, where it gives them, spans per label."""
    if hasattr(scorer, "score_batch"):
        result = scorer.score_batch([text])[0]
        return Analysis(
            probabilities={k: float(v) for k, v in result.probabilities.items()},
            spans={
                label: tuple((span.start, span.end) for span in spans)
                for label, spans in result.spans.items()
                if spans
            },
        )
    return Analysis(probabilities={k: float(v) for k, v in scorer.score(text).items()})


def explain(scorer: Any, text: str, labels: list[str]) -> dict[str, Spans]:
    """Spans for labels the scorer did not explain on its own (a site threshold below the
    model's); empty when the scorer cannot say."""
    if not hasattr(scorer, "explain"):
        return {}
    found = scorer.explain(text, labels)
    return {
        label: tuple((s.start, s.end) for s in spans) for label, spans in found.items() if spans
    }


def model_thresholds(scorer: Any) -> dict[str, float]:
    return {k: float(v) for k, v in (getattr(scorer, "thresholds", None) or {}).items()}
