from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "civility.sso"
    label = "sso"
    verbose_name = "Single sign-on"
