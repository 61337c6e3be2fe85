"""Sanctions on readers. A row is never deleted: revoking stamps it, so it stays on record."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from civility.stories.models import Site


class SanctionKind(models.TextChoices):
    WARN = "warn", "Warning"
    SUSPEND = "suspend", "Suspension"
    BAN = "ban", "Ban"
    ALWAYS_HOLD = "always_hold", "Always hold for review"


# The suspension lengths moderators choose from, by the key the queue form posts.
SUSPENSIONS = {
    "1h": ("1 hour", timedelta(hours=1)),
    "1d": ("1 day", timedelta(days=1)),
    "7d": ("7 days", timedelta(days=7)),
}


class UserSanctionQuerySet(models.QuerySet):
    def in_force(self, now=None) -> UserSanctionQuerySet:  # type: ignore[no-untyped-def]
        """Sanctions not revoked and not expired (a row without `until` lasts until revoked)."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))

    def for_site(self, site_id: int) -> UserSanctionQuerySet:
        """Sanctions that apply on site: its own and the ones for every site."""
        return self.filter(Q(site_id=site_id) | Q(site__isnull=True))


class UserSanction(models.Model):
    """What a moderator did to a reader, who did it, when and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    # Empty: every site (only a moderator of every site, a superuser, may set that).
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="sanctions"
    )
    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    # End of a suspension; empty for the other kinds (they last until revoked).
    until = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why; the reader is told this.")
    # The comment that prompted it, when it came from the queue.
    comment = models.ForeignKey(
        "discussion.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sanctions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sanctions_given",
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sanctions_revoked",
    )

    objects = UserSanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="sanction_user_open")]

    def __str__(self) -> str:
        where = self.site or "every site"
        return f"{self.get_kind_display()} of {self.user} on {where}"

    def is_in_force(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        return self.revoked_at is None and (self.until is None or self.until > now)
