"""The suite runs in a throwaway data folder, never the one `make run` fills."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings


def test_the_data_folder_is_a_fresh_temporary_one():
    data_dir = Path(settings.DATA_DIR)
    assert data_dir.name.startswith("civility-test-")
    assert data_dir.parent == Path(tempfile.gettempdir()).resolve()
    assert Path(settings.MEDIA_ROOT).is_relative_to(data_dir)
    assert not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists()
