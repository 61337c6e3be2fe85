"""The WSGI module hands a server a loaded application with its long-lived objects frozen."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_it_loads_the_url_map_and_freezes_what_is_loaded(tmp_path):
    probe = (
        "import gc, json, sys; import civility.wsgi as w; "
        "print(json.dumps([gc.get_freeze_count(), 'civility.api.urls' in sys.modules, "
        "callable(w.application)]))"
    )
    # The module picks the settings itself, as under a server.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["CIVILITY_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    frozen, urls_loaded, callable_app = json.loads(done.stdout.strip().splitlines()[-1])
    assert urls_loaded and callable_app
    assert frozen > 50_000  # Django, the views, the models: not a handful of objects
