"""Start-up check: the configured scorer backends can load (files present, checksums good)."""

from __future__ import annotations

from django.core.checks import Error, register


@register("classifier")
def check_scorer_backends(app_configs=None, **kwargs):
    from civility.classifier.registry import get_scorer
    from civility.classifier.scoring import ScorerUnavailable

    try:
        get_scorer()  # Cached: the first request then finds it loaded.
    except ScorerUnavailable as exc:
        return [
            Error(
                f"The comment scorer cannot start: {exc}",
                hint="Check CIVILITY_SCORER_BACKENDS and the backend's files or settings.",
                id="classifier.E001",
            )
        ]
    return []
