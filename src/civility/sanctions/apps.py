from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "civility.sanctions"
    label = "sanctions"
    verbose_name = "Sanctions"
