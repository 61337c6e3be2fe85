"""Hold comments the classifier scores at or above the per-label thresholds.

Thresholds: the site's, else the model's own calibrated ones, else the defaults here. Spans
point at the words (or, when the scorer cannot say, the sentences) behind a score, so the nudge
and the queue can show which part looks like a problem. With no scorer the phase says it is off.
"""

from __future__ import annotations

import re

from civility.moderation import scoring
from civility.moderation.gate import Decision, Reason
from civility.moderation.models import DEFAULT_ML_THRESHOLDS

LABEL_NAMES = {
    "toxicity": "toxicity",
    "insult": "insult",
    "profanity": "profanity",
    "identity_attack": "attack on a group's identity",
    "threat": "threat",
}
MAX_SENTENCES = 20
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.ml_enabled


def prepare(settings) -> None:  # type: ignore[no-untyped-def]
    """Load the model outside the phase's time budget: the first load reads it from disk."""
    scoring.configured_scorer()


def sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group()
        if chunk.strip():
            start = match.start() + len(chunk) - len(chunk.lstrip())
            spans.append((start, match.start() + len(chunk.rstrip())))
    return spans


def thresholds(settings, scorer) -> dict[str, float]:  # type: ignore[no-untyped-def]
    site = settings.ml_thresholds if isinstance(settings.ml_thresholds, dict) else {}
    merged = {**DEFAULT_ML_THRESHOLDS, **scoring.model_thresholds(scorer), **site}
    return {label: float(value) for label, value in merged.items() if value is not None}


def _sentence_spans(scorer, text: str, labels: dict[str, float]) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """Score each sentence alone; a label's spans are its sentences over the threshold (or the
    highest-scoring one)."""
    parts = sentences(text)[:MAX_SENTENCES]
    if len(parts) < 2:
        return {label: ((0, len(text)),) for label in labels}
    scored = [scoring.analyze(scorer, text[s:e]).probabilities for s, e in parts]
    found = {}
    for label, limit in labels.items():
        over = tuple(
            span for span, got in zip(parts, scored, strict=True) if got.get(label, 0.0) >= limit
        )
        best = max(zip(parts, scored, strict=True), key=lambda pair: pair[1].get(label, 0.0))[0]
        found[label] = over or (best,)
    return found


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    scorer = ctx.scorer()
    if scorer is None:
        yield Reason(
            code="ml_off",
            detail="Machine-learning scores are off: no classifier is configured.",
        )
        return
    text = candidate.text
    analysis = scoring.analyze(scorer, text)
    scores = analysis.probabilities
    ctx.scores.update(scores)
    over = {
        label: limit
        for label, limit in thresholds(ctx.settings, scorer).items()
        if scores.get(label, 0.0) >= limit
    }
    if not over:
        return
    spans = dict(analysis.spans)
    missing = [label for label in over if label not in spans]
    if missing:
        spans.update(scoring.explain(scorer, text, missing))
    missing_limits = {label: over[label] for label in over if label not in spans}
    if missing_limits:
        spans.update(_sentence_spans(scorer, text, missing_limits))
    for label, limit in over.items():
        yield Reason(
            code=f"ml_{label}",
            detail=f"The classifier rates this {scores[label]:.2f} for "
            f"{LABEL_NAMES.get(label, label.replace('_', ' '))}; this site holds at {limit:.2f}.",
            score=round(scores[label], 4),
            spans=tuple(sorted(spans.get(label, ()))),
            action=Decision.HOLD,
        )
