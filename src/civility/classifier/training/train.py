"""Train the linear model from the labelled datasets and write it as a model folder.

Recipe (see MODEL_CARD.md for the reasons and the numbers):
- examples: `datasets.load_all` (label mapping and fixed-seed splits there) plus the hand-written
  `synthetic` examples (all training) plus counterfactual copies of training examples that mention
  an identity word, with that word swapped for another group's (toxicity head only), so that naming
  a group is not evidence of toxicity;
- features: `features.Featurizer` on `normalize(text)`;
- one logistic regression per label (liblinear, L2, C=1) on the examples that carry the label
  (others have weight 0: masked), classes weighted to balance within each label, and the few
  toxic Wikipedia comments weighted up (x10) because Wikipedia style is otherwise only negatives;
- thresholds per label on the validation split: the lowest threshold whose precision reaches
  the label's `TARGET_PRECISION`, or the F1-best one when none does. Test splits are never used.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve

from civility.classifier.backends.linear import FORMAT, MODEL_NAME
from civility.classifier.features import CHAR_NGRAMS, Featurizer
from civility.classifier.labels import LABELS
from civility.classifier.model_files import write_model
from civility.classifier.training import synthetic
from civility.classifier.training.datasets import UNKNOWN, Example, load_all
from civility.text.evasion import normalize

N_FEATURES = 2**20
C = 1.0
# Precision each label's threshold must reach on the validation split. Rare labels get lower
# targets: their validation positives are few (profanity 1.5%, threat 0.3%) and noisy.
TARGET_PRECISION = {
    "toxicity": 0.9,
    "insult": 0.75,
    "profanity": 0.5,
    "identity_attack": 0.4,
    "threat": 0.5,
}
SYNTHETIC_WEIGHT = 2.0
WIKI_POSITIVE_WEIGHT = 10.0
SEED = 2026
IDENTITY_WORDS = [
    "gay",
    "lesbian",
    "bisexual",
    "transgender",
    "trans",
    "queer",
    "homosexual",
    "jewish",
    "jew",
    "muslim",
    "christian",
    "catholic",
    "protestant",
    "sikh",
    "hindu",
    "buddhist",
    "atheist",
    "mormon",
    "black",
    "white",
    "asian",
    "mexican",
    "arab",
    "african",
    "chinese",
    "latino",
    "female",
    "deaf",
]
_IDENTITY = re.compile(r"\b(" + "|".join(IDENTITY_WORDS) + r")(s?)\b")


@dataclass
class TrainingResult:
    model_json: Path
    counts: dict[str, int]
    thresholds: dict[str, float]
    validation: dict[str, dict[str, float]]
    seconds: float


def _counterfactuals(
    examples: list[tuple[str, dict[str, int]]],
) -> list[tuple[str, dict[str, int]]]:
    rng = random.Random(SEED)
    out = []
    for norm, labels in examples:
        if labels["toxicity"] == UNKNOWN or not _IDENTITY.search(norm):
            continue
        swapped = _IDENTITY.sub(lambda m: rng.choice(IDENTITY_WORDS) + m.group(2), norm)
        out.append((swapped, {**dict.fromkeys(LABELS, UNKNOWN), "toxicity": labels["toxicity"]}))
    return out


def _threshold(y: np.ndarray, p: np.ndarray, target: float) -> tuple[float, float, float]:
    """Return (threshold, precision, recall) for the target precision on validation data."""
    precision, recall, thresholds = precision_recall_curve(y, p)
    precision, recall = precision[:-1], recall[:-1]
    ok = np.where(precision >= target)[0]
    if len(ok):
        i = ok[0]
    else:
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
        i = int(np.argmax(f1))
    return float(thresholds[i]), float(precision[i]), float(recall[i])


@dataclass
class Prepared:
    """Training rows (normalized), their labels, sources and weights, and the validation rows."""

    examples: list[Example]
    texts: list[str]
    y: np.ndarray
    source: np.ndarray
    example_weight: np.ndarray
    validation_texts: list[str]
    y_val: np.ndarray


def validation_threshold(label: str, y: np.ndarray, logits: np.ndarray) -> dict | None:
    """Pick label's threshold on validation rows (known labels only) for its target precision.

    Returns the threshold with its validation precision, recall and row count, or None when
    the validation rows hold only one class (nothing to choose from)."""
    if not 0 < y.sum() < len(y):
        return None
    probabilities = 1.0 / (1.0 + np.exp(-logits))
    threshold, precision, recall = _threshold(y, probabilities, TARGET_PRECISION[label])
    return {"threshold": threshold, "precision": precision, "recall": recall, "n": int(len(y))}


def prepare(data_dir: Path, log: Callable[[str], None] = lambda _m: None) -> Prepared:
    """Load the datasets, add synthetic and counterfactual rows, and normalize every text."""
    examples: list[Example] = load_all(data_dir)
    train_rows = [(normalize(e.text), e.labels) for e in examples if e.split == "train"]
    sources = [e.dataset for e in examples if e.split == "train"]
    validation = [(normalize(e.text), e.labels) for e in examples if e.split == "validation"]
    if not train_rows:
        raise ValueError(f"no training examples found under {data_dir}")
    made_up = synthetic.examples()
    extra = [(normalize(t), labels) for t, labels, _w in made_up]
    n_synthetic = len(extra)
    extra += _counterfactuals(train_rows)
    rows = train_rows + extra
    sources += ["synthetic"] * n_synthetic + ["counterfactual"] * (len(extra) - n_synthetic)
    log(
        f"{len(train_rows)} training, {len(extra)} synthetic or counterfactual, {len(validation)} validation"
    )
    # Per-example weights: 1, except the synthetic ones, which balance hate against mentions.
    example_weight = np.ones(len(rows))
    example_weight[len(train_rows) : len(train_rows) + n_synthetic] = [w for _t, _l, w in made_up]
    return Prepared(
        examples=examples,
        texts=[t for t, _ in rows],
        y=np.array([[labels[k] for k in LABELS] for _, labels in rows], dtype=np.int8),
        source=np.array(sources),
        example_weight=example_weight,
        validation_texts=[t for t, _ in validation],
        y_val=np.array([[labels[k] for k in LABELS] for _, labels in validation], dtype=np.int8),
    )


def label_weights(y: np.ndarray, source: np.ndarray, example_weight: np.ndarray) -> np.ndarray:
    """Return sample weights for one label's known rows: balanced classes, then the boosts."""
    positives = int(y.sum())
    weight = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * (len(y) - positives)))
    weight[(source == "context_toxicity_cat") & (y == 1)] *= WIKI_POSITIVE_WEIGHT
    weight[source == "synthetic"] *= SYNTHETIC_WEIGHT
    return weight * example_weight


def train(
    data_dir: Path,
    out_dir: Path,
    *,
    n_features: int = N_FEATURES,
    log: Callable[[str], None] = lambda _m: None,
) -> TrainingResult:
    """Train on the datasets found under `data_dir`; write `linear.json` and `linear.npz`."""
    started = time.monotonic()
    data = prepare(data_dir, log)
    featurizer = Featurizer(n_features)
    x = featurizer.transform(data.texts)
    x_val = featurizer.transform(data.validation_texts) if data.validation_texts else None
    y_all, y_val, source, example_weight = data.y, data.y_val, data.source, data.example_weight
    examples = data.examples
    sources = list(data.source)

    weights = np.zeros((n_features, len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    thresholds: dict[str, float] = {}
    report: dict[str, dict[str, float]] = {}
    for j, label in enumerate(LABELS):
        known = y_all[:, j] != UNKNOWN
        y = y_all[known, j]
        positives = int(y.sum())
        if positives == 0 or positives == len(y):
            raise ValueError(
                f"label {label} needs both classes in training; got {positives}/{len(y)}"
            )
        sample_weight = label_weights(y, source[known], example_weight[known])
        model = LogisticRegression(C=C, solver="liblinear", max_iter=500)
        model.fit(x[known], y, sample_weight=sample_weight)
        # Round as shipped (float16), so thresholds fit the weights that will be loaded.
        weights[:, j] = model.coef_[0].astype(np.float16)
        bias[j] = model.intercept_[0]
        thresholds[label] = 0.5
        if x_val is not None:
            vknown = y_val[:, j] != UNKNOWN
            logits = np.asarray(x_val[vknown] @ weights[:, j]).ravel() + bias[j]
            chosen = validation_threshold(label, y_val[vknown, j], logits)
            if chosen is not None:
                thresholds[label] = chosen["threshold"]
                report[label] = chosen
        log(f"{label}: {positives} positive of {len(y)}; threshold {thresholds[label]:.3f}")

    description = {
        "format": FORMAT,
        "labels": list(LABELS),
        "n_features": n_features,
        "features": {
            "text": "civility.text.evasion.normalize",
            "word_ngrams": [1, 2],
            "word_hash": "murmurhash3_32 seed 0 of 'w:<word>' / 'b:<word> <word>', abs, mod n_features",
            "char_ngrams": list(CHAR_NGRAMS),
            "char_text": "whitespace runs as one space, one space at each end",
            "char_hash": "rolling h = seed_n * 1000003 + code point (uint64), murmur3 fmix64, mod n_features",
            "values": "log(1 + count), row scaled to unit L2 norm",
        },
        "thresholds": thresholds,
        "threshold_rule": "lowest validation threshold reaching the label's precision target, else best F1",
        "target_precision": TARGET_PRECISION,
        "validation": report,
        "training": {
            "datasets": sorted({e.dataset for e in examples if e.split == "train"}),
            "examples": len(data.texts),
            "C": C,
            "wiki_positive_weight": WIKI_POSITIVE_WEIGHT,
            "synthetic_weight": SYNTHETIC_WEIGHT,
            "seed": SEED,
        },
        "weights_dtype": "float16",
    }
    json_path = write_model(
        out_dir,
        MODEL_NAME,
        description,
        {"weights": weights.astype(np.float16), "bias": bias},
    )
    counts = {name: int((source == name).sum()) for name in sorted(set(sources))}
    return TrainingResult(json_path, counts, thresholds, report, time.monotonic() - started)


__all__ = ["TrainingResult", "train"]
