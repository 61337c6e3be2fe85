"""Webhook endpoints per site, one delivery row per event and endpoint, one row per attempt."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils import timezone

from civility.stories.models import Site

# The events an endpoint may subscribe to; `ping` is sent only by "Send test".
WEBHOOK_EVENTS = (
    ("comment.created", "A comment was posted (published, held or rejected)"),
    ("comment.replied", "A reply was posted"),
    ("comment.held", "A comment was held for review"),
    ("comment.published", "A comment was published (on posting or on approval)"),
    ("comment.rejected", "A comment was rejected"),
    ("report.created", "A reader reported a comment"),
    ("user.banned", "A reader was banned or suspended"),
)
EVENT_NAMES = tuple(name for name, _ in WEBHOOK_EVENTS)
PING = "ping"

# Subscribing to any of these makes an endpoint a moderation integration: its payloads carry the
# text of comments nobody else can read (held, rejected). Every other endpoint gets that text
# only for published comments.
MODERATION_EVENTS = frozenset({"comment.held", "comment.rejected", "report.created"})


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL on a receiver's server that hears about some events on one site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(
        max_length=1000,
        help_text="Receives a signed JSON POST for each event. Must be http:// or https://.",
    )
    description = models.CharField(max_length=200, blank=True)
    # Generated here, shown in the admin, never chosen by hand: a guessable secret signs nothing.
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    events = models.JSONField(default=list, help_text="The events this endpoint receives.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["site", "url"]
        indexes = [models.Index(fields=["site", "is_active"], name="webhook_endpoint_site")]

    def __str__(self) -> str:
        return self.description or self.url

    @property
    def receives_moderation(self) -> bool:
        return bool(MODERATION_EVENTS.intersection(self.events or []))


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Given up"


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact body sent, and when to try (again)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Shared by every endpoint that gets the same event: the receiver's de-duplication key.
    event_id = models.CharField(max_length=40)
    event = models.CharField(max_length=40)
    # The body exactly as signed and sent, so every retry sends the same bytes.
    payload = models.TextField()
    # Sent as Civility-Delivery; differs per endpoint and stays the same across retries.
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempt_count = models.PositiveIntegerField(default=0)
    # When the next attempt is due; null once delivered or given up. While an attempt runs it
    # holds a lease (now + timeout + margin), so a sweep does not start a second one.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_recent"),
            models.Index(fields=["state", "created_at"], name="webhook_delivery_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.get_state_display()})"


class WebhookAttempt(models.Model):
    """One HTTP request made for a delivery, and how it went."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    error = models.CharField(max_length=500, blank=True)
    response_excerpt = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_number")
        ]

    def __str__(self) -> str:
        outcome = self.status_code or self.error or "no answer"
        return f"Attempt {self.number}: {outcome}"
