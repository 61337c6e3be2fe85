from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "civility.discussion"
    label = "discussion"
    verbose_name = "Discussion"
