"""The decision history (ModerationEvent rows) shown, read-only, on a comment's admin page."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from civility.moderation.models import ModerationEvent

EVENT_FIELDS: tuple[str, ...] = (
    "created_at",
    "actor",
    "from_status",
    "to_status",
    "reason_codes",
    "note",
)


class ModerationEventInline(admin.TabularInline):
    model = ModerationEvent
    extra = 0
    can_delete = False
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    ordering = ("-created_at", "-pk")
    verbose_name = "decision"
    verbose_name_plural = "decision history"

    def get_queryset(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
