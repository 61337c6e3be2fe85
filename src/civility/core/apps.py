from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "civility.core"
    label = "core"
    verbose_name = "Civility core"
