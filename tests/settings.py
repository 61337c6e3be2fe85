"""Settings for the test suite: the product's settings in a throwaway data folder.

Tests never touch the folder `make run` fills: it holds collected static files (hashed names
the test server cannot serve), real uploads and the reader's database.
"""

import os
import tempfile

os.environ["CIVILITY_DATA_DIR"] = tempfile.mkdtemp(prefix="civility-test-")

from civility.settings import *  # noqa: E402, F403

# A second alias on the same database, so the read-replica router can be tested; reads go to it
# only where a test turns CIVILITY_READ_REPLICA on (tests/ops/test_read_replica.py).
if "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# With Redis (the PostgreSQL run of .ci/run), each xdist worker keeps its own keys: the suite
# clears the cache between tests, and that must not wipe another worker's pages mid-test.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += "-" + os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
    # Sessions stay in the database in every run, so the pinned query counts (one session read
    # per signed-in request) hold with and without Redis; tests/ops covers cached sessions.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
