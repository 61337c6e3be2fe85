"""Civility: a self-hosted discussion platform for news publishers."""

__version__ = "0.1.0"

# Loaded with Django so that @shared_task binds to Civility's Celery app.
from civility.celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
