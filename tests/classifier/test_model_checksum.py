"""A model whose array file fails its checksum is refused with a clear error."""

from __future__ import annotations

import shutil

import pytest

from civility.classifier.backends.linear import LinearScorer
from civility.classifier.model_files import SHIPPED_DIR, ModelIntegrityError


@pytest.fixture
def model_copy(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED_DIR, folder)
    return folder


def test_it_loads_an_intact_copy(model_copy):
    assert LinearScorer(model_copy).score_batch(["hello"])[0].probabilities


def test_it_refuses_a_model_with_one_byte_changed(model_copy):
    path = model_copy / "linear.npz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="fails its checksum"):
        LinearScorer(model_copy)


def test_it_refuses_a_model_with_a_missing_array_file(model_copy):
    (model_copy / "linear.npz").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        LinearScorer(model_copy)


def test_it_refuses_a_folder_without_a_model(tmp_path):
    with pytest.raises(ModelIntegrityError, match="missing"):
        LinearScorer(tmp_path)


def test_it_ships_a_small_model():
    size = sum(p.stat().st_size for p in SHIPPED_DIR.iterdir())
    assert size < 25 * 1024 * 1024
