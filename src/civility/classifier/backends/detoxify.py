"""Detoxify (BERT-family) models from files the operator provides, loaded fully offline.

Heavy: run it in the background worker to re-check comments the fast scorer already decided, not
inline. Set-up, step by step (on a machine with internet, once):

1. ``pip install 'detoxify==0.5.4' 'torch==2.13.0'`` on the server (CPU wheels are enough).
2. Download a Detoxify checkpoint (e.g. ``toxic_original-c1212f89.ckpt``) from the Detoxify
   releases page, and the matching Hugging Face config and tokenizer (``bert-base-uncased`` for
   "original", ``roberta-base`` for "unbiased", ``xlm-roberta-base`` for "multilingual") into one
   folder with ``huggingface-cli download <name> --local-dir <folder>``.
3. Copy both to the server and set ``CIVILITY_DETOXIFY_CHECKPOINT=/path/to/model.ckpt`` and
   ``CIVILITY_DETOXIFY_CONFIG_DIR=/path/to/folder`` (default: the checkpoint's folder), and add
   ``detoxify`` to ``CIVILITY_SCORER_BACKENDS``.

Nothing is downloaded at run time: ``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` are set before
the model loads, and missing files raise `ScorerUnavailable` naming the file at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from civility.classifier.labels import LABELS
from civility.classifier.scoring import ScorerUnavailable, Scores

# Detoxify output name → Civility label (the first name present wins).
OUTPUT_NAMES: dict[str, tuple[str, ...]] = {
    "toxicity": ("toxicity", "toxic"),
    "insult": ("insult",),
    "profanity": ("obscene",),
    "identity_attack": ("identity_attack", "identity_hate"),
    "threat": ("threat",),
}


def _load_detoxify(checkpoint: Path, config_dir: Path) -> Callable[[list[str]], Mapping[str, Any]]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from detoxify import Detoxify
    except ImportError as exc:
        raise ScorerUnavailable(
            "the detoxify backend needs `pip install detoxify torch==2.13.0`"
        ) from exc
    model = Detoxify(
        checkpoint=str(checkpoint), huggingface_config_path=str(config_dir), device="cpu"
    )
    return model.predict


class DetoxifyScorer:
    name = "detoxify"

    def __init__(
        self,
        checkpoint: str = "",
        config_dir: str = "",
        thresholds: Mapping[str, float] | None = None,
        predict: Callable[[list[str]], Mapping[str, Any]] | None = None,
    ) -> None:
        self.thresholds = dict.fromkeys(LABELS, 0.5) | dict(thresholds or {})
        if predict is not None:  # An already-loaded model (tests, or a caller that shares one).
            self._predict = predict
            return
        if not checkpoint:
            raise ScorerUnavailable("the detoxify backend needs CIVILITY_DETOXIFY_CHECKPOINT set")
        path = Path(checkpoint)
        if not path.is_file():
            raise ScorerUnavailable(f"Detoxify checkpoint {path} is missing")
        folder = Path(config_dir) if config_dir else path.parent
        for required in ("config.json",):
            if not (folder / required).is_file():
                raise ScorerUnavailable(f"Detoxify config {folder / required} is missing")
        self._predict = _load_detoxify(path, folder)

    def score_batch(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        raw = self._predict(list(texts))
        columns: dict[str, list[float]] = {}
        for label, names in OUTPUT_NAMES.items():
            name = next((n for n in names if n in raw), None)
            values = raw[name] if name else [0.0] * len(texts)
            columns[label] = [
                float(v) for v in (values if isinstance(values, list | tuple) else list(values))
            ]
        return [
            Scores({label: columns[label][i] for label in LABELS}, {}, self.name)
            for i in range(len(texts))
        ]
