"""The detoxify backend maps Detoxify's outputs to Civility's labels and names missing files."""

from __future__ import annotations

import pytest

from civility.classifier.backends.detoxify import DetoxifyScorer
from civility.classifier.labels import LABELS
from civility.classifier.scoring import ScorerUnavailable


def fake_predict(texts):
    return {
        "toxicity": [0.9 if "idiot" in t else 0.1 for t in texts],
        "severe_toxicity": [0.0] * len(texts),
        "obscene": [0.2] * len(texts),
        "identity_hate": [0.3] * len(texts),
        "insult": [0.8 if "idiot" in t else 0.0 for t in texts],
        "threat": [0.05] * len(texts),
    }


def test_it_maps_detoxify_outputs_to_labels():
    scorer = DetoxifyScorer(predict=fake_predict)
    idiot, fine = scorer.score_batch(["you idiot", "fine"])
    assert set(idiot.probabilities) == set(LABELS)
    assert idiot["toxicity"] == 0.9 and fine["toxicity"] == 0.1
    assert idiot["profanity"] == 0.2 and idiot["identity_attack"] == 0.3
    assert scorer.score_batch([]) == []


def test_it_needs_a_checkpoint_setting():
    with pytest.raises(ScorerUnavailable, match="CIVILITY_DETOXIFY_CHECKPOINT"):
        DetoxifyScorer(checkpoint="")


def test_it_names_a_missing_checkpoint(tmp_path):
    with pytest.raises(ScorerUnavailable, match="model.ckpt is missing"):
        DetoxifyScorer(checkpoint=str(tmp_path / "model.ckpt"))


def test_it_names_a_missing_config(tmp_path):
    checkpoint = tmp_path / "model.ckpt"
    checkpoint.write_bytes(b"x")
    with pytest.raises(ScorerUnavailable, match="config.json is missing"):
        DetoxifyScorer(checkpoint=str(checkpoint))
