"""Per-site API tokens: a short public prefix to find the row, and only a hash of the secret."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from civility.stories.models import Site


class Scope(models.TextChoices):
    READ = "read", "Read"
    COMMENT = "comment", "Post comments"
    MODERATE = "moderate", "Moderate"
    ADMIN = "admin", "Administer the site"


class ApiToken(models.Model):
    """A bearer token `civ_<prefix>_<secret>` that acts on one site on behalf of created_by.

    The secret is shown once when the token is made; the row keeps its SHA-256 only, which is
    enough because the secret is random and long (no password stretching needed).
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. 'CMS moderation'.")
    scopes = models.JSONField(default=list)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The token acts as this account; its site roles still apply.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
