from __future__ import annotations

from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "civility.live"
    label = "live"
    verbose_name = "Live updates"

    def ready(self) -> None:
        from civility.live import listeners  # noqa: F401  (registers the event listeners)
