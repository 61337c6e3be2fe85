from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "civility.moderation"
    label = "moderation"
    verbose_name = "Moderation"
