"""Measure a scorer on a labelled CSV file: per label ROC AUC, average precision, P/R at threshold."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from civility.classifier.labels import LABELS
from civility.classifier.scoring import Scorer

csv.field_size_limit(10**8)
_TRUE = {"1", "true", "yes", "toxic"}
_FALSE = {"0", "false", "no", "non-toxic", "not toxic"}


@dataclass
class LabelMetrics:
    column: str
    label: str
    n: int
    positives: int
    roc_auc: float
    average_precision: float
    threshold: float
    precision: float
    recall: float
    baseline_roc_auc: float | None = None


def parse_label_columns(specs: list[str]) -> list[tuple[str, str]]:
    """Turn "column" or "column=label" into (column, model label); bare unknown names mean toxicity."""
    pairs = []
    for spec in specs:
        column, _, label = spec.partition("=")
        label = label or (column if column in LABELS else "toxicity")
        if label not in LABELS:
            raise ValueError(f"{label!r} is not a label; labels are {', '.join(LABELS)}")
        pairs.append((column, label))
    return pairs


def _binary(value: str) -> int | None:
    value = value.strip().lower()
    if value in _TRUE:
        return 1
    if value in _FALSE:
        return 0
    try:
        return int(float(value) >= 0.5)
    except ValueError:
        return None  # Empty or unknown: this row does not speak to the label.


def read_rows(path: Path, text_column: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and text_column not in rows[0]:
        raise ValueError(f"{path} has no column {text_column!r}; columns: {', '.join(rows[0])}")
    return rows


def evaluate(
    scorer: Scorer,
    path: Path,
    *,
    text_column: str,
    label_columns: list[tuple[str, str]],
    batch_size: int = 256,
    baseline: bool = False,
    perturbation: str | None = None,
) -> tuple[list[LabelMetrics], float, int]:
    """Return metrics per label column, the throughput in comments per second, and the row count."""
    rows = read_rows(path, text_column)
    texts = [row[text_column] for row in rows]
    if perturbation:
        from civility.classifier.perturb import perturb

        texts = [perturb(t, perturbation) for t in texts]
    started = time.perf_counter()
    scores = []
    for i in range(0, len(texts), batch_size):
        scores.extend(scorer.score_batch(texts[i : i + batch_size]))
    elapsed = time.perf_counter() - started
    baseline_scores = None
    if baseline:
        from profanity_check import predict_prob  # The eval extra: alt-profanity-check.

        baseline_scores = np.asarray(predict_prob(texts))
    metrics = []
    for column, label in label_columns:
        keep = [
            (i, v) for i, row in enumerate(rows) if (v := _binary(row.get(column, ""))) is not None
        ]
        if not keep:
            continue
        index = np.array([i for i, _ in keep])
        y = np.array([v for _, v in keep])
        if y.min() == y.max():
            continue  # AUC needs both classes.
        p = np.array([scores[i].probabilities[label] for i in index])
        threshold = scorer.thresholds[label]
        predicted = p >= threshold
        tp = int((predicted & (y == 1)).sum())
        metrics.append(
            LabelMetrics(
                column=column,
                label=label,
                n=len(y),
                positives=int(y.sum()),
                roc_auc=float(roc_auc_score(y, p)),
                average_precision=float(average_precision_score(y, p)),
                threshold=threshold,
                precision=tp / max(int(predicted.sum()), 1),
                recall=tp / max(int(y.sum()), 1),
                baseline_roc_auc=(
                    float(roc_auc_score(y, baseline_scores[index]))
                    if baseline_scores is not None
                    else None
                ),
            )
        )
    return metrics, len(texts) / max(elapsed, 1e-9), len(texts)


def export_test_splits(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write each dataset's held-out test split as CSV (text plus one column per label)."""
    from civility.classifier.training.datasets import UNKNOWN, load_all

    out_dir.mkdir(parents=True, exist_ok=True)
    by_dataset: dict[str, list] = {}
    for example in load_all(data_dir):
        if example.split == "test":
            by_dataset.setdefault(example.dataset, []).append(example)
    paths = []
    for name, examples in sorted(by_dataset.items()):
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", *LABELS])
            for e in examples:
                writer.writerow(
                    [e.text, *("" if e.labels[k] == UNKNOWN else e.labels[k] for k in LABELS)]
                )
        paths.append(path)
    return paths
