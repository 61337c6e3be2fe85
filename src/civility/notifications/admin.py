from __future__ import annotations

from django.contrib import admin

from civility.notifications.models import Follow, Notification, NotificationSettings


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode", "follow_own_comments", "moderation_digest"]
    list_filter = ["email_mode", "moderation_digest"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "comment", "reason", "created_at", "sent_at"]
    list_filter = ["reason"]
    raw_id_fields = ["user", "comment"]
    search_fields = ["user__username"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "story", "comment", "created_at"]
    raw_id_fields = ["user", "story", "comment"]
    search_fields = ["user__username", "story__title"]
