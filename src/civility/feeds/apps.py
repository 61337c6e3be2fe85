from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "civility.feeds"
    label = "feeds"
    verbose_name = "Atom feeds"
