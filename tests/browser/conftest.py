from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Moderation's rate counters live in the cache; one test's posts must not count in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _classifier_loaded():
    """Load the comment classifier once up front: its first use reads the model from disk, which
    can outlast the moderation phase's time budget and hold the first comment of a run."""
    from civility.moderation import scoring

    scoring.configured_scorer()
