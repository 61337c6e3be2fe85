"""The Celery application. With no broker configured, tasks run inline (see core.tasks.defer)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.settings")

app = Celery("civility")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
