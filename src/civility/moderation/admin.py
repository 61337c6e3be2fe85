"""Admin for moderation settings, word lists, roles and the (read-only) audit trail.

Site admins (SiteRole site_admin, with is_staff to reach the admin) see and edit only their
sites' settings and word lists; superusers see everything.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from civility.moderation import lexicon
from civility.moderation.models import (
    AuditEntry,
    ModerationEvent,
    ModerationSettings,
    Role,
    SiteRole,
    WordRule,
)
from civility.stories.models import Site


class SiteScopedAdmin(admin.ModelAdmin):
    """Limit rows and choices to the sites the user administers."""

    def _site_ids(self, request) -> list[int] | None:  # type: ignore[no-untyped-def]
        if request.user.is_superuser:
            return None
        return list(
            SiteRole.objects.filter(user=request.user, role=Role.SITE_ADMIN).values_list(
                "site_id", flat=True
            )
        )

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        ids = self._site_ids(request)
        return qs if ids is None else qs.filter(site_id__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        ids = self._site_ids(request)
        if db_field.name == "site" and ids is not None and field is not None:
            # Site admins pick one of their own sites; "every site" rows are for superusers.
            field.queryset = Site.objects.filter(pk__in=ids)
            field.required = True
        return field

    def _allowed(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        ids = self._site_ids(request)
        if ids is None:
            return True
        if not ids:
            return False
        return obj is None or obj.site_id in ids

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return request.user.is_active and request.user.is_staff and self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return self.has_module_permission(request) and self._allowed(request, obj)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return self.has_module_permission(request)


class ModerationSettingsForm(forms.ModelForm):
    class Meta:
        model = ModerationSettings
        fields = "__all__"  # noqa: DJ007 (every tunable is meant to be edited here)

    def clean_coded_hate_extra(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["coded_hate_extra"] or []
        if not isinstance(value, list):
            raise forms.ValidationError("Give a list of entries.")
        for i, raw in enumerate(value):
            try:
                lexicon.parse_entry(raw, i)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return value

    def clean_ml_thresholds(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["ml_thresholds"] or {}
        if not isinstance(value, dict) or not all(
            isinstance(v, int | float) and 0 <= v <= 1 for v in value.values()
        ):
            raise forms.ValidationError('Give {"label": threshold} with thresholds from 0 to 1.')
        return value


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(SiteScopedAdmin):
    form = ModerationSettingsForm
    list_display = ["site", "on_phase_error", "ml_enabled", "nudge_enabled", "external_enabled"]
    fieldsets = [
        (None, {"fields": ["site", "on_phase_error", "phase_time_budget_ms"]}),
        (
            "Length and closed stories",
            {"fields": ["length_enabled", "min_length", "max_length", "closed_story_enabled"]},
        ),
        (
            "Rate limits",
            {
                "fields": [
                    "rate_limit_enabled",
                    "rate_limit_action",
                    "rate_account_limit",
                    "rate_account_window_seconds",
                    "rate_address_limit",
                    "rate_address_window_seconds",
                ]
            },
        ),
        (
            "Repeats and copies",
            {
                "fields": [
                    "repeat_enabled",
                    "repeat_window_seconds",
                    "copypasta_enabled",
                    "copypasta_window_seconds",
                    "copypasta_similarity",
                    "copypasta_min_length",
                ]
            },
        ),
        (
            "Pasted articles",
            {"fields": ["pasted_article_enabled", "pasted_min_length", "pasted_min_signals"]},
        ),
        (
            "Words and coded hate",
            {"fields": ["words_enabled", "coded_hate_enabled", "coded_hate_extra"]},
        ),
        ("Machine learning", {"fields": ["ml_enabled", "ml_thresholds", "nudge_enabled"]}),
        ("Reports", {"fields": ["reports_reopen"]}),
        ("Imports", {"fields": ["import_moderation_unpublishes"]}),
        (
            "Readers",
            {
                "fields": [
                    "links_enabled",
                    "links_min_approved",
                    "new_commenter_hold_first",
                    "history_enabled",
                    "history_recent",
                    "history_min_comments",
                    "history_rejected_share",
                ]
            },
        ),
        (
            "Off-topic",
            {
                "fields": [
                    "off_topic_enabled",
                    "off_topic_action",
                    "off_topic_threshold",
                    "off_topic_min_words",
                ]
            },
        ),
        (
            "External check",
            {
                "fields": [
                    "external_enabled",
                    "external_url",
                    "external_secret",
                    "external_timeout_ms",
                ]
            },
        ),
    ]


@admin.register(WordRule)
class WordRuleAdmin(SiteScopedAdmin):
    list_display = ["phrase", "kind", "site", "note"]
    list_filter = ["kind", "site"]
    search_fields = ["phrase", "note"]


@admin.register(SiteRole)
class SiteRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "role"]
    list_filter = ["role", "site"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return self.has_module_permission(request)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return self.has_module_permission(request)


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "comment", "actor", "from_status", "to_status", "reason_codes"]
    list_filter = ["to_status", "created_at"]
    list_select_related = ["comment", "actor"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ModerationEvent._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The administrative audit record: readable, never editable."""

    list_display = ("created_at", "actor_name", "site", "action", "target")
    list_filter = ("action", "site")
    search_fields = ("actor_name", "target", "action")
    date_hierarchy = "created_at"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        queryset = super().get_queryset(request).select_related("site")
        if request.user.is_superuser:
            return queryset
        site_ids = SiteRole.objects.filter(user=request.user, role=Role.SITE_ADMIN).values_list(
            "site_id", flat=True
        )
        return queryset.filter(site_id__in=list(site_ids))

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
