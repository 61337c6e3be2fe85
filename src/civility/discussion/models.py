from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from civility.stories.models import Story


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Awaiting review"
    REJECTED = "rejected", "Rejected"
    DELETED = "deleted", "Deleted"


class PathField(models.CharField):
    """A CharField that sorts bytewise: the "C" collation on PostgreSQL (SQLite is bytewise)."""

    def db_parameters(self, connection):  # type: ignore[no-untyped-def]
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class Comment(models.Model):
    # No single-column indexes on story and author: the composite indexes below lead with
    # them, and every index is one more B-tree write on each post.
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
        db_index=False,
    )
    # Shown when the author is gone or the comment was imported without an account.
    author_name = models.CharField(max_length=150, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    path = PathField(max_length=1000)
    depth = models.PositiveIntegerField(default=0)
    # Top-level sequence number of the thread this comment belongs to: threaded newest-first
    # order is (root_seq DESC, path ASC), so every reply stays under its parent.
    root_seq = models.PositiveIntegerField()
    # Next sequence number for this comment's replies.
    child_seq = models.PositiveIntegerField(default=0)
    source = models.TextField()
    html = models.TextField()
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)
    reaction_count = models.PositiveIntegerField(default=0)
    # Set when a moderator features the comment ("Editors' pick"); null when not featured.
    featured_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "path"], name="comment_unique_path"),
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="comment_unique_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(
                F("story"), F("root_seq").desc(), F("path"), name="comment_newest_threads"
            ),
            models.Index(fields=["story", "created_at"], name="comment_story_created"),
            models.Index(fields=["story", "-reply_count"], name="comment_story_replies"),
            models.Index(fields=["story", "-reaction_count"], name="comment_story_reactions"),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            # An author's newest comments (the history check on every post) without sorting
            # all of a prolific author's comments.
            models.Index(fields=["author", "created_at"], name="comment_author_created"),
            # Counting a story's visible comments reads this index, not the rows.
            models.Index(fields=["story", "status", "path"], name="comment_story_status"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.story_id}"

    @property
    def display_author(self) -> str:
        if self.author_id is None:
            return self.author_name or "Former reader"
        profile = getattr(self.author, "profile", None)
        return profile.name if profile else self.author.get_username()  # type: ignore[union-attr]

    @property
    def is_visible_to_everyone(self) -> bool:
        return self.status == CommentStatus.PUBLISHED

    def edit_deadline(self):  # type: ignore[no-untyped-def]
        return self.created_at + timedelta(seconds=settings.COMMENT_EDIT_WINDOW_SECONDS)

    def is_editable_by(self, user) -> bool:  # type: ignore[no-untyped-def]
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in (CommentStatus.PUBLISHED, CommentStatus.HELD)
            and timezone.now() <= self.edit_deadline()
        )

    def is_deletable_by(self, user) -> bool:  # type: ignore[no-untyped-def]
        return self.is_editable_by(user)


class CommentRevision(models.Model):
    """The text of a comment before an edit; every edit keeps one."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Revision of comment {self.comment_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ReactionKind(models.TextChoices):
    LIKE = "like", "Like"
    INSIGHTFUL = "insightful", "Insightful"
    FUNNY = "funny", "Funny"
    DISAGREE = "disagree", "Disagree"


class Reaction(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=12, choices=ReactionKind.choices, default=ReactionKind.LIKE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="reaction_one_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on comment {self.comment_id}"


class ReportReason(models.TextChoices):
    OFFENSIVE = "offensive", "Offensive"
    ABUSIVE = "abusive", "Abusive or harassing"
    SPAM = "spam", "Spam"
    OFF_TOPIC = "off_topic", "Off-topic"
    ILLEGAL = "illegal", "Illegal content"
    OTHER = "other", "Other"


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=12, choices=ReportReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="report_one_open_per_reader",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="report_open")]

    def __str__(self) -> str:
        return f"Report of comment {self.comment_id}: {self.get_reason_display()}"


class StoryVisit(models.Model):
    """When a signed-in reader last opened a story, for the "new" markers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    story = models.ForeignKey(Story, on_delete=models.CASCADE)
    last_seen_at = models.DateTimeField()
    # The end of the visit before this one: what "new" is measured against while the reader
    # pages through the thread, so page 2 keeps its markers after page 1 was seen.
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "story"], name="visit_one_per_story")
        ]

    def __str__(self) -> str:
        return f"Visit of story {self.story_id} by user {self.user_id}"
