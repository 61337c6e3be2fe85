from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "civility.stories"
    label = "stories"
    verbose_name = "Sites and stories"
