"""Admin for readers: the profile shows inline on the user page, and users are found by it."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

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
