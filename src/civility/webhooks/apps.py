from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "civility.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # Registers the event listeners that turn domain events into deliveries.
        from civility.webhooks import listeners  # noqa: F401
