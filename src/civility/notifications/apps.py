from django.apps import AppConfig
from django.core import checks


class NotificationsConfig(AppConfig):
    name = "civility.notifications"
    label = "notifications"
    verbose_name = "E-mail notifications"

    def ready(self) -> None:
        # Registers the listeners that follow new comments and queue notifications.
        from civility.notifications import listeners  # noqa: F401

        checks.register(check_default_mode)


def check_default_mode(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    from django.conf import settings

    from civility.notifications.models import EmailMode

    if settings.NOTIFICATIONS_DEFAULT_MODE not in EmailMode.values:
        return [
            checks.Error(
                f"NOTIFICATIONS_DEFAULT_MODE must be one of {', '.join(EmailMode.values)}, "
                f"not {settings.NOTIFICATIONS_DEFAULT_MODE!r}.",
                id="notifications.E001",
            )
        ]
    return []
