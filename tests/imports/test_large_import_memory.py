"""A generated 200,000-comment Disqus export imports under a fixed ceiling of resident memory.

Runs bench/import_bench.py in a child process (its own SQLite data folder), so ru_maxrss is the
import's own peak, not the test runner's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "import_bench.py"
COMMENTS = 200_000
# About 90 MB is Django, the app and the test of a process before it reads a byte; a loader that
# held the comments (texts alone are over 100 MB here) would pass 300 MB.
CEILING_MB = 200


def test_a_200000_comment_export_imports_under_a_fixed_memory_ceiling():
    run = subprocess.run(
        [sys.executable, str(BENCH), "--comments", str(COMMENTS), "--stories", "1000"],
        # The product's settings in the bench's own data folder, not the test suite's.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "civility.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"comments: {COMMENTS} created, 0 already there" in run.stdout
    peak = re.search(r"peak RSS: ([\d,]+) MB", run.stdout)
    assert peak is not None, run.stdout
    assert int(peak.group(1).replace(",", "")) < CEILING_MB, run.stdout
