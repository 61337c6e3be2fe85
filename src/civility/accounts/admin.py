"""Admin for readers: the profile shows inline on the user page, and users are found by it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from civility.accounts.actions import AccountError, check_can_purge, do_purge_user
from civility.accounts.models import Profile

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0
    fields = ["display_name", "bio", "avatar", "display_mode", "sort_order", "per_page"]


admin.site.unregister(User)


@admin.register(User)
class ReaderAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "email", "display_name", "is_staff", "date_joined"]
    list_select_related = ["profile"]
    search_fields = [*UserAdmin.search_fields, "profile__display_name"]
    actions = ["purge_user_data"]

    @admin.action(description="Purge the selected readers' data (delete account, remove comments)")
    def purge_user_data(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """Ask once, then purge each reader; do_purge_user checks rights and writes the audit."""
        users = list(queryset.order_by("pk"))
        if request.POST.get("confirmed") != "yes":
            refusals = []
            for user in users:
                try:
                    check_can_purge(request.user, user)
                except AccountError as error:
                    refusals.append((user, error.message))
            context = {
                **self.admin_site.each_context(request),
                "title": "Purge readers' data",
                "opts": self.model._meta,
                "users": users,
                "refusals": refusals,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/accounts/purge_confirmation.html", context)
        done = 0
        for user in users:
            name = user.get_username()
            try:
                do_purge_user(user=user, actor=request.user)
            except AccountError as error:
                self.message_user(request, f"{name}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} reader(s) purged.", messages.SUCCESS)
        return None

    @admin.display(description="Display name", ordering="profile__display_name")
    def display_name(self, user) -> str:  # type: ignore[no-untyped-def]
        profile = getattr(user, "profile", None)
        return profile.display_name if profile else ""


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "has_picture"]
    search_fields = ["user__username", "user__email", "display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    @admin.display(boolean=True, description="Picture")
    def has_picture(self, profile: Profile) -> bool:
        return bool(profile.avatar)
