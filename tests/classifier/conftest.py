from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def linear():
    from civility.classifier.backends.linear import LinearScorer

    return LinearScorer()
