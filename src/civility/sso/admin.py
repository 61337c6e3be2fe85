from __future__ import annotations

from django.contrib import admin

from civility.sso.models import SsoIdentity


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "site",
        "user",
        "name",
        "email",
        "granted_moderator",
        "last_sign_in_at",
    ]
    list_filter = ["site", "granted_moderator"]
    list_select_related = ["site", "user"]
    search_fields = ["subject", "name", "email", "user__username"]
    readonly_fields = [
        "site",
        "subject",
        "user",
        "email",
        "name",
        "picture_url",
        "granted_moderator",
        "created_at",
        "last_sign_in_at",
    ]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False  # identities come from publishers' tokens
