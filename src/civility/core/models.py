from __future__ import annotations

from django.db import models


class TaskRun(models.Model):
    """A task that has done its work, by key: a redelivered task finds it and does nothing."""

    key = models.CharField(max_length=200, unique=True)
    done_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key


class RateCounter(models.Model):
    """A rate-limit window counted in the database, used while the cache (Redis) is down."""

    key = models.CharField(max_length=250, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}={self.count}"
