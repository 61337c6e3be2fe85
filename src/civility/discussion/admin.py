"""Admin for comments and what readers do with them: a place to look things up and act.

Comments are read-only here: their text, thread position and counts are kept right by the
actions layer, so status changes go through the moderation actions (approve, reject).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from civility.discussion.errors import DiscussionError
from civility.discussion.models import Comment, CommentRevision, Reaction, Report, StoryVisit
from civility.moderation.event_inline import ModerationEventInline

# Shown, never edited: each admin below is read-only.
COMMENT_FIELDS = (
    "story_link",
    "author_link",
    "author_name",
    "parent_link",
    "status",
    "source",
    "created_at",
    "edited_at",
    "path",
    "depth",
    "root_seq",
    "reply_count",
    "reaction_count",
    "open_reports",
    "client_address",
    "live_link",
)
REPORT_FIELDS = (
    "comment_link",
    "comment_text",
    "reporter",
    "reason",
    "note",
    "created_at",
    "resolved_at",
)
REACTION_FIELDS = (
    "comment_link",
    "user",
    "kind",
    "created_at",
)
REVISION_FIELDS = (
    "comment_link",
    "created_at",
    "source",
)


def admin_link(obj, label: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """A link to obj's change page in the admin, or "-" when there is none."""
    if obj is None:
        return "-"
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or str(obj))


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows readers create through the site; the admin shows them and never edits them."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


class RevisionInline(admin.TabularInline):
    model = CommentRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "source"]
    readonly_fields = ["created_at", "source"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "excerpt",
        "story_link",
        "author_link",
        "status",
        "depth",
        "reply_count",
        "reaction_count",
        "created_at",
    ]
    list_display_links = ["pk", "excerpt"]
    list_filter = [
        "status",
        "story__site",
        ("story", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["story", "author"]
    date_hierarchy = "created_at"
    search_fields = ["source", "author_name", "author__username", "author__profile__display_name"]
    actions = ["approve", "reject_as_spam", "reject_as_off_topic"]
    inlines = [ModerationEventInline, RevisionInline]
    fields = COMMENT_FIELDS
    readonly_fields = COMMENT_FIELDS

    @admin.display(description="Comment")
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.source).chars(80) or f"({obj.get_status_display()})"

    @admin.display(description="Story", ordering="story__title")
    def story_link(self, obj: Comment) -> str:
        return admin_link(obj.story, Truncator(obj.story.title).chars(50))

    @admin.display(description="Author", ordering="author__username")
    def author_link(self, obj: Comment) -> str:
        if obj.author is None:
            return obj.author_name or "-"
        return admin_link(obj.author, obj.author.get_username())

    @admin.display(description="In reply to")
    def parent_link(self, obj: Comment) -> str:
        if obj.parent_id is None:
            return "- (top level)"
        return admin_link(obj.parent, f"Comment {obj.parent_id}")

    @admin.display(description="Open reports")
    def open_reports(self, obj: Comment) -> str:
        count = obj.reports.filter(resolved_at__isnull=True).count()
        url = reverse("admin:discussion_report_changelist") + f"?comment__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, count)

    @admin.display(description="On the site")
    def live_link(self, obj: Comment) -> str:
        url = reverse("discussion:comment", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Permalink</a>', url)

    def _moderate(self, request: HttpRequest, queryset: QuerySet[Comment], decide) -> None:  # type: ignore[no-untyped-def]
        done = 0
        for comment in queryset.select_related("story"):
            try:
                decide(comment)
            except DiscussionError as error:
                self.message_user(request, f"Comment {comment.pk}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} comment(s) updated.", messages.SUCCESS)

    @admin.action(description="Approve (publish) selected comments", permissions=["view"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        from civility.moderation.actions import do_approve

        self._moderate(request, queryset, lambda c: do_approve(c, request.user, "From the admin."))

    @admin.action(description="Reject selected comments as spam", permissions=["view"])
    def reject_as_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        from civility.moderation.actions import do_reject

        self._moderate(request, queryset, lambda c: do_reject(c, request.user, "spam"))

    @admin.action(description="Reject selected comments as off-topic", permissions=["view"])
    def reject_as_off_topic(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        from civility.moderation.actions import do_reject

        self._moderate(request, queryset, lambda c: do_reject(c, request.user, "off_topic"))

    def get_actions(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        actions = super().get_actions(request)
        # Moderating is for staff who may change comments, not for every viewer.
        if not (request.user.is_superuser or request.user.has_perm("discussion.change_comment")):
            return {}
        return actions


class OpenReportFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reason", "comment_link", "reporter", "note", "is_open"]
    list_filter = [OpenReportFilter, "reason", "comment__story__site", "created_at"]
    list_select_related = ["comment", "reporter"]
    search_fields = ["note", "reporter__username", "comment__source"]
    date_hierarchy = "created_at"
    fields = REPORT_FIELDS
    readonly_fields = REPORT_FIELDS
    actions = ["resolve"]

    @admin.display(boolean=True, description="Open")
    def is_open(self, obj: Report) -> bool:
        return obj.resolved_at is None

    @admin.display(description="Comment")
    def comment_link(self, obj: Report) -> str:
        return admin_link(obj.comment, f"Comment {obj.comment_id}")

    @admin.display(description="Comment text")
    def comment_text(self, obj: Report) -> str:
        return obj.comment.source

    @admin.action(description="Mark selected reports as resolved", permissions=["view"])
    def resolve(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        self.message_user(request, f"{count} report(s) resolved.", messages.SUCCESS)


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "user", "comment_link"]
    list_filter = ["kind", "comment__story__site", "created_at"]
    list_select_related = ["user", "comment"]
    search_fields = ["user__username"]
    fields = REACTION_FIELDS
    readonly_fields = REACTION_FIELDS

    @admin.display(description="Comment")
    def comment_link(self, obj: Reaction) -> str:
        return admin_link(obj.comment, f"Comment {obj.comment_id}")


@admin.register(CommentRevision)
class CommentRevisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "comment_link", "excerpt"]
    list_select_related = ["comment"]
    list_filter = ["created_at"]
    search_fields = ["source"]
    fields = REVISION_FIELDS
    readonly_fields = REVISION_FIELDS

    @admin.display(description="Comment")
    def comment_link(self, obj: CommentRevision) -> str:
        return admin_link(obj.comment, f"Comment {obj.comment_id}")

    @admin.display(description="Text before the edit")
    def excerpt(self, obj: CommentRevision) -> str:
        return Truncator(obj.source).chars(80)


@admin.register(StoryVisit)
class StoryVisitAdmin(ReadOnlyAdmin):
    list_display = ["last_seen_at", "user", "story"]
    list_select_related = ["user", "story"]
    list_filter = ["story__site"]
    search_fields = ["user__username", "story__title"]
