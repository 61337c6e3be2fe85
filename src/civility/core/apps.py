from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "civility.core"
    label = "core"
    verbose_name = "Civility core"

    def ready(self) -> None:
        from civility.core import page_cache

        page_cache.connect()
