"""Read and write model folders: a JSON description plus array files, checked by SHA-256.

Nothing executable is loaded: arrays come from `.npz` files read with `allow_pickle=False`, and
every array file's SHA-256 must match the one the JSON lists, or the model is refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from civility.classifier.scoring import ScorerUnavailable

SHIPPED_DIR = Path(__file__).resolve().parent / "model"


class ModelIntegrityError(ScorerUnavailable):
    """A model file is missing or does not match its recorded checksum."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_model(
    folder: Path, name: str, description: dict[str, Any], arrays: dict[str, np.ndarray]
) -> Path:
    """Write `<name>.npz` and `<name>.json` (with the npz checksum) into `folder`; return the JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    array_path = folder / f"{name}.npz"
    np.savez_compressed(array_path, **arrays)  # type: ignore[arg-type]
    description = {**description, "files": {array_path.name: sha256_of(array_path)}}
    json_path = folder / f"{name}.json"
    json_path.write_text(json.dumps(description, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return json_path


def read_model(folder: Path, name: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Return the description and arrays of a model, refusing files whose checksum fails."""
    json_path = folder / f"{name}.json"
    try:
        description = json.loads(json_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelIntegrityError(f"model description {json_path} is missing") from exc
    except ValueError as exc:
        raise ModelIntegrityError(
            f"model description {json_path} is not valid JSON: {exc}"
        ) from exc
    arrays: dict[str, np.ndarray] = {}
    for file_name, expected in description.get("files", {}).items():
        path = folder / file_name
        if Path(file_name).name != file_name or not path.is_file():
            raise ModelIntegrityError(f"model file {path} is missing")
        actual = sha256_of(path)
        if actual != expected:
            raise ModelIntegrityError(
                f"model file {path} fails its checksum (sha256 {actual}, expected {expected}); "
                "refusing to load it: reinstall the package or retrain the model"
            )
        with np.load(path, allow_pickle=False) as data:
            arrays.update({key: data[key] for key in data.files})
    return description, arrays
