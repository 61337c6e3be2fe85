"""Import and export on a database nobody migrated yet say what to do, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import FIXTURES

pytestmark = pytest.mark.parametrize("command", ["import", "export"])


def test_it_asks_for_migrate_first(tmp_path: Path, command):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["CIVILITY_DATA_DIR"] = str(tmp_path)  # a fresh SQLite file with no tables
    argv = [sys.executable, "-m", "civility", command]
    argv += [str(FIXTURES / "disqus.xml"), "--site", "gazette"] if command == "import" else []
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "run `civility migrate` first" in done.stderr
    assert "Traceback" not in done.stderr
