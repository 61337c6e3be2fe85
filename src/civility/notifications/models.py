"""Who follows what, how each reader wants their mail, and the notifications waiting to be sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from civility.discussion.models import Comment
from civility.stories.models import Story


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", "Right away, one e-mail per comment"
    DIGEST = "digest", "Once a day, in one digest"
    OFF = "off", "Never"


class NotificationSettings(models.Model):
    """A reader's e-mail preferences; readers without a row get the install's defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices)
    follow_own_comments = models.BooleanField(
        help_text="Follow every comment you post, so replies to it reach you."
    )
    # Moderators only: a daily count of what waits in the queue on their sites.
    moderation_digest = models.BooleanField(default=False)
    moderation_digest_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"


class Follow(models.Model):
    """A reader follows a story (comment empty: every new comment) or one comment (its replies).

    `story` is set for comment follows too, so one query finds everything a reader follows on
    a story page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="follows")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "story"],
                condition=Q(comment__isnull=True),
                name="follow_one_per_story",
            ),
            models.UniqueConstraint(
                fields=["user", "comment"],
                condition=Q(comment__isnull=False),
                name="follow_one_per_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "story"], name="follow_user_story"),
            models.Index(fields=["story", "comment"], name="follow_target"),
        ]

    def __str__(self) -> str:
        target = f"comment {self.comment_id}" if self.comment_id else f"story {self.story_id}"
        return f"{self.user} follows {target}"


class Reason(models.TextChoices):
    REPLY = "reply", "A reply to a comment you follow"
    STORY = "story", "A new comment on a story you follow"


class Notification(models.Model):
    """One comment one reader should hear about; sent_at is set once it went out (or was
    dropped), so a comment is never mailed twice to the same reader."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="notifications")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="notification_once")
        ]
        indexes = [models.Index(fields=["sent_at", "user"], name="notification_pending")]

    def __str__(self) -> str:
        return f"Comment {self.comment_id} for {self.user}"
