"""Admin for publications and their stories."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from civility.imports.thread_export import ExportRefused, thread_export_response
from civility.stories.actions import update_story_body
from civility.stories.models import Site, Story


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "url", "story_total", "created_at"]
    search_fields = ["name", "slug", "url"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).annotate(story_total=Count("stories"))

    @admin.display(description="Stories", ordering="story_total")
    def story_total(self, obj: Site) -> int:
        return obj.story_total  # type: ignore[attr-defined]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "site",
        "published_at",
        "is_open",
        "hosted",
        "comment_count",
        "comments_link",
        "live_link",
    ]
    list_filter = ["site", "is_open", "published_at"]
    list_select_related = ["site"]
    date_hierarchy = "published_at"
    search_fields = ["title", "slug", "external_id", "url", "author_name"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["author"]
    readonly_fields = ["comment_count", "comments_link", "live_link", "created_at", "body_preview"]
    actions = ["export_thread"]
    fieldsets = [
        (None, {"fields": ["site", "title", "slug", "standfirst", "published_at", "is_open"]}),
        ("Byline", {"fields": ["author_name", "author"]}),
        (
            "Where it lives",
            {
                "fields": ["url", "external_id", "body_markdown", "body_preview"],
                "description": "Give a body to host the story here; leave it empty for a story "
                "published elsewhere (then give its URL or external id).",
            },
        ),
        ("Discussion", {"fields": ["comment_count", "comments_link", "live_link", "created_at"]}),
    ]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # Every comment, whatever its status, for the link to them: one query for the page.
        return super().get_queryset(request).annotate(all_comments=Count("comments"))

    def save_model(self, request, obj: Story, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        # The stored HTML is what pages show; it is rendered here, once, never per view.
        update_story_body(obj, obj.body_markdown)

    @admin.action(description="Export the selected stories' threads (JSON Lines)")
    def export_thread(
        self, request: HttpRequest, queryset: QuerySet[Story]
    ) -> HttpResponseBase | None:
        # Checked inside: site admins of the stories' site only, and the export is audited.
        try:
            return thread_export_response(request.user, queryset)
        except ExportRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return None

    @admin.display(boolean=True, description="Hosted")
    def hosted(self, obj: Story) -> bool:
        return obj.is_hosted

    @admin.display(description="Comments in admin")
    def comments_link(self, obj: Story) -> str:
        if obj.pk is None:
            return "-"
        url = reverse("admin:discussion_comment_changelist") + f"?story__id__exact={obj.pk}"
        total = getattr(obj, "all_comments", None)
        if total is None:
            total = obj.comments.count()
        return format_html('<a href="{}">{} comments</a>', url, total)

    @admin.display(description="Live page")
    def live_link(self, obj: Story) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">View on site</a>', obj.get_absolute_url()
        )

    @admin.display(description="Rendered body")
    def body_preview(self, obj: Story) -> str:
        # body_html was cleaned by nh3 when it was rendered; it is safe to show as is.
        return mark_safe(obj.body_html) if obj.body_html else "-"  # noqa: S308
