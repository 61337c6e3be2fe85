"""Settings for the test suite: the product's settings in a throwaway data folder.

Tests never touch the folder `make run` fills: it holds collected static files (hashed names
the test server cannot serve), real uploads and the reader's database.
"""

import os
import tempfile

os.environ["CIVILITY_DATA_DIR"] = tempfile.mkdtemp(prefix="civility-test-")

from civility.settings import *  # noqa: E402, F403
