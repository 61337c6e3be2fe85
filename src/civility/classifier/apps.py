from django.apps import AppConfig


class ClassifierConfig(AppConfig):
    name = "civility.classifier"
    label = "classifier"
    verbose_name = "Classifier"

    def ready(self) -> None:
        from civility.classifier import checks  # noqa: F401  (registers the start-up check)
