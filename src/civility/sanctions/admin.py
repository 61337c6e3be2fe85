"""Sanctions in the admin: looked up and revoked here, created from the moderators' queue."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from civility.discussion.errors import DiscussionError
from civility.sanctions.actions import do_revoke
from civility.sanctions.models import UserSanction

FIELDS = (
    "user",
    "site",
    "kind",
    "until",
    "reason",
    "comment",
    "created_by",
    "created_at",
    "revoked_at",
    "revoked_by",
)


@admin.register(UserSanction)
class UserSanctionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "site", "until", "created_by", "revoked_at"]
    list_filter = ["kind", "site", "created_at"]
    list_select_related = ["user", "site", "created_by"]
    search_fields = ["user__username", "reason"]
    date_hierarchy = "created_at"
    fields = FIELDS
    readonly_fields = FIELDS
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # Sanctions come from the queue, where the role is checked.

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # They are the record; revoke instead.

    @admin.action(description="Revoke selected sanctions", permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[UserSanction]) -> None:
        done = 0
        for sanction in queryset:
            try:
                do_revoke(moderator=request.user, sanction=sanction)
            except DiscussionError as error:
                self.message_user(request, f"{sanction}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} sanction(s) revoked.", messages.SUCCESS)
