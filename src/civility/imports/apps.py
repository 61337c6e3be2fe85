from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civility.imports"
    label = "imports"
    verbose_name = "Comment imports"
