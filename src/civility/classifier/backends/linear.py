"""The default scorer: hashed n-gram features of normalized text, one logistic head per label.

Fast enough to run inline when a comment is posted (see bench/classifier_bench.py), and able to say
exactly which words raised a score: the logit is a sum over feature occurrences, and each occurrence
belongs to one word (a word bigram to two, half each), so word contributions add up to the logit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from civility.classifier.features import Featurizer
from civility.classifier.labels import LABELS
from civility.classifier.model_files import SHIPPED_DIR, ModelIntegrityError, read_model
from civility.classifier.scoring import Scores, Span
from civility.text.evasion import normalize_with_offsets

MODEL_NAME = "linear"
FORMAT = "civility-linear-1"
MAX_SPANS = 5
# A word is highlighted when it carries at least this share of the top word's contribution.
SPAN_SHARE = 0.3


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class _LazySpans(Mapping[str, tuple[Span, ...]]):
    """Spans worked out on first access: most comments are never highlighted, so most never pay."""

    def __init__(
        self, scorer: LinearScorer, norm: str, offsets: list[int], labels: list[str]
    ) -> None:
        self._args = (norm, offsets, labels)
        self._scorer = scorer
        self._spans: dict[str, tuple[Span, ...]] | None = None

    def _get(self) -> dict[str, tuple[Span, ...]]:
        if self._spans is None:
            self._spans = self._scorer._spans(*self._args)
        return self._spans

    def __getitem__(self, label: str) -> tuple[Span, ...]:
        return self._get()[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


class LinearScorer:
    """Score comments with the shipped (or a given) linear model."""

    name = "linear"

    def __init__(self, model_dir: Path | str | None = None) -> None:
        folder = Path(model_dir) if model_dir else SHIPPED_DIR
        description, arrays = read_model(folder, MODEL_NAME)
        if description.get("format") != FORMAT:
            raise ModelIntegrityError(f"{folder}/{MODEL_NAME}.json is not a {FORMAT} model")
        self.labels: tuple[str, ...] = tuple(description["labels"])
        if set(self.labels) != set(LABELS):
            raise ModelIntegrityError(f"model labels {self.labels} differ from {LABELS}")
        self.description = description
        self.weights = np.ascontiguousarray(arrays["weights"], dtype=np.float32)
        self.bias = np.asarray(arrays["bias"], dtype=np.float32)
        self.featurizer = Featurizer(int(description["n_features"]))
        if self.weights.shape != (self.featurizer.n_features, len(self.labels)):
            raise ModelIntegrityError(f"weights have shape {self.weights.shape}, not as described")
        self.thresholds: dict[str, float] = {
            k: float(v) for k, v in description["thresholds"].items()
        }

    def logits(self, normalized_texts: list[str]) -> np.ndarray:
        """Return a (texts, labels) array of logits for already-normalized texts."""
        if len(normalized_texts) == 1:  # a comment being posted: no sparse matrix
            buckets, values = self.featurizer.one_row(normalized_texts[0])
            # Summed row by row in float32, in bucket order, as the sparse product does.
            weighted = values[:, None] * self.weights[buckets]
            return (np.add.reduce(weighted, axis=0) + self.bias)[None, :]
        features = self.featurizer.transform(normalized_texts)
        return np.asarray(features @ self.weights) + self.bias

    def score_batch(self, texts: list[str]) -> list[Scores]:
        """Return probabilities for every text, with spans for the labels at or over threshold."""
        if not texts:
            return []
        normalized = [normalize_with_offsets(t) for t in texts]
        probabilities = _sigmoid(self.logits([n for n, _o in normalized]))
        results = []
        for row, (norm, offsets) in zip(probabilities, normalized, strict=True):
            probs = {label: float(row[j]) for j, label in enumerate(self.labels)}
            flagged = [label for label in self.labels if probs[label] >= self.thresholds[label]]
            spans = _LazySpans(self, norm, offsets, flagged) if flagged else {}
            results.append(Scores(probs, spans, self.name))
        return results

    def explain(self, text: str, labels: list[str] | None = None) -> dict[str, tuple[Span, ...]]:
        """Return the spans that raised each label's score (all labels unless given)."""
        norm, offsets = normalize_with_offsets(text)
        return self._spans(norm, offsets, list(labels or self.labels))

    def word_contributions(self, normalized: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Return the words' spans in `normalized` and a (words, labels) array of contributions.

        The contributions of all words add up to the logit minus the bias (exactly, up to float
        rounding), because every feature occurrence is attributed to the word(s) it came from.
        """
        word_spans, buckets, owners = self.featurizer.features_with_owners(normalized)
        contributions = np.zeros((len(word_spans), len(self.labels)), dtype=np.float64)
        if not len(buckets):
            return word_spans, contributions
        credited = [k for k, o in enumerate(owners) if o]  # Texts without words credit nobody.
        _unique, inverse, counts = np.unique(buckets, return_inverse=True, return_counts=True)
        values = np.log1p(counts)
        norm = float(np.sqrt(np.sum(values * values))) or 1.0
        if not credited:
            return word_spans, contributions
        keep = np.array(credited)
        first = np.array([owners[k][0] for k in credited], dtype=np.int64)
        second = np.array([owners[k][-1] for k in credited], dtype=np.int64)
        # Each occurrence's share of its bucket's value; a bigram's share is split between its words.
        inv = inverse[keep]
        share = values[inv] / counts[inv] / norm / np.where(first == second, 1.0, 2.0)
        rows = self.weights[buckets[keep]].astype(np.float64) * share[:, None]
        np.add.at(contributions, first, rows)
        pair = first != second
        np.add.at(contributions, second[pair], rows[pair])
        return word_spans, contributions

    def _spans(
        self, norm: str, offsets: list[int], labels: list[str]
    ) -> dict[str, tuple[Span, ...]]:
        word_spans, contributions = self.word_contributions(norm)
        result: dict[str, tuple[Span, ...]] = {}
        for label in labels:
            column = contributions[:, self.labels.index(label)]
            order = [i for i in np.argsort(-column, kind="stable") if column[i] > 0]
            if not order:
                result[label] = ()
                continue
            top = column[order[0]]
            chosen = [i for i in order[:MAX_SPANS] if column[i] >= SPAN_SHARE * top]
            spans = [
                Span(offsets[word_spans[i][0]], offsets[word_spans[i][1] - 1] + 1, float(column[i]))
                for i in chosen
            ]
            result[label] = tuple(sorted(spans, key=lambda s: s.start))
        return result
