"""Admin for embed settings: allowed origins, theme, and the SSO secret (shown once, rotatable)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from civility.embed.actions import do_rotate_sso_secret
from civility.embed.models import EmbedSettings


@admin.register(EmbedSettings)
class EmbedSettingsAdmin(admin.ModelAdmin):
    list_display = ["site", "origin_list", "theme_default", "sso_state", "sso_roles_allowed"]
    list_select_related = ["site"]
    search_fields = ["site__name", "site__slug"]
    fields = [
        "site",
        "allowed_origins",
        "theme_default",
        "sso_state",
        "sso_secret_rotated_at",
        "sso_roles_allowed",
        "updated_at",
    ]
    readonly_fields = ["sso_state", "sso_secret_rotated_at", "updated_at"]
    actions = ["rotate_sso_secret"]

    @admin.display(description="Allowed origins")
    def origin_list(self, obj: EmbedSettings) -> str:
        return ", ".join(obj.origins) or "(embedding off)"

    @admin.display(description="Single sign-on")
    def sso_state(self, obj: EmbedSettings) -> str:
        # The secret itself is never shown again after the action that made it.
        return "On (secret set)" if obj.sso_enabled else 'Off: use "Generate a new SSO secret"'

    @admin.action(description="Generate a new SSO secret (the old one stops working)")
    def rotate_sso_secret(self, request: HttpRequest, queryset: QuerySet[EmbedSettings]) -> None:
        for row in queryset.select_related("site"):
            secret = do_rotate_sso_secret(row.site)
            self.message_user(
                request,
                f"New SSO secret for {row.site.slug}: {secret} — copy it into your site's "
                "configuration now; it will not be shown again.",
                messages.WARNING,
            )
