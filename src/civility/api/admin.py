"""API tokens in the admin: create one (its key is shown once, in a message) and revoke."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from civility.api import tokens
from civility.api.models import ApiToken, Scope


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiToken
        fields = ["site", "name", "scopes", "created_by"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "site", "prefix", "scopes", "created_by", "last_used_at", "revoked_at"]
    list_filter = ["site"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # A token's site, scopes and account are fixed once made: revoke and make another.
        if obj is not None:
            return [*self.readonly_fields, "site", "name", "scopes", "created_by"]
        if not request.user.is_superuser:
            # A token acts as its account: only a superuser may mint one for someone else.
            return [*self.readonly_fields, "created_by"]
        return self.readonly_fields

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, str | list[str]]:
        return {"created_by": str(request.user.pk)}

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            return
        creator = obj.created_by if request.user.is_superuser and obj.created_by_id else None
        token, key = tokens.do_create_token(
            site=obj.site, name=obj.name, scopes=obj.scopes, created_by=creator or request.user
        )
        obj.pk = token.pk
        obj.prefix = token.prefix
        messages.warning(
            request,
            f"The key of “{token.name}” is {key} — copy it now, it will not be shown again.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            tokens.do_revoke_token(token)
        self.message_user(request, f"Revoked {len(queryset)} token(s).")
