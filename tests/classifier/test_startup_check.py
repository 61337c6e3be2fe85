"""A scorer backend that cannot load is reported by Django's system checks at start-up."""

from __future__ import annotations

from civility.classifier import registry
from civility.classifier.checks import check_scorer_backends


def test_it_passes_with_the_shipped_model(settings):
    settings.CIVILITY_SCORER_BACKENDS = ["linear"]
    registry.get_scorer.cache_clear()
    try:
        assert check_scorer_backends() == []
    finally:
        registry.get_scorer.cache_clear()


def test_it_reports_a_backend_that_cannot_start(settings):
    settings.CIVILITY_SCORER_BACKENDS = ["http"]
    settings.CIVILITY_SCORER_OPTIONS = {"http": {"url": ""}}
    registry.get_scorer.cache_clear()
    try:
        [error] = check_scorer_backends()
    finally:
        registry.get_scorer.cache_clear()
    assert error.id == "classifier.E001"
    assert "CIVILITY_SCORER_HTTP_URL" in error.msg
