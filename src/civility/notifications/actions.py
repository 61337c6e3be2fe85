"""Following, unfollowing, saving preferences and unsubscribing: one function each."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus
from civility.notifications import preferences
from civility.notifications.models import EmailMode, Follow, Notification, NotificationSettings
from civility.stories.models import Story


def do_follow(*, user, story: Story, comment: Comment | None = None) -> None:  # type: ignore[no-untyped-def]
    """Follow a story (every new comment) or a comment (its replies). Following twice is fine."""
    if not user.is_authenticated:
        raise NotAllowed("Sign in to follow.")
    if comment is not None:
        if comment.story_id != story.pk:
            raise DiscussionError("That comment is not on this story.")
        if comment.status in (CommentStatus.DELETED, CommentStatus.REJECTED):
            raise DiscussionError("That comment can no longer be followed.")
    Follow.objects.bulk_create(
        [Follow(user=user, story=story, comment=comment)], ignore_conflicts=True
    )


def do_unfollow(*, user, story: Story, comment: Comment | None = None) -> None:  # type: ignore[no-untyped-def]
    if not user.is_authenticated:
        raise NotAllowed("Sign in to follow.")
    follows = Follow.objects.filter(user=user, story=story)
    if comment is None:
        follows.filter(comment__isnull=True).delete()
    else:
        follows.filter(comment=comment).delete()


def do_save_settings(  # type: ignore[no-untyped-def]
    *, user, email_mode: str, follow_own_comments: bool, moderation_digest: bool
) -> NotificationSettings:
    if email_mode not in EmailMode.values:
        raise DiscussionError("Choose how often to get e-mail.")
    with transaction.atomic():
        row, _ = NotificationSettings.objects.update_or_create(
            user=user,
            defaults={
                "email_mode": email_mode,
                "follow_own_comments": follow_own_comments,
                "moderation_digest": moderation_digest,
            },
        )
        if email_mode == EmailMode.OFF:
            _drop_pending(user.pk)
    return row


def _drop_pending(user_id: int) -> None:
    # Marked as handled rather than deleted, so the same comment is never queued again.
    Notification.objects.filter(user_id=user_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )


def do_unsubscribe(*, user, scope: str) -> str:  # type: ignore[no-untyped-def]
    """Apply a signed unsubscribe link's scope; return what was done, for the reader."""
    kind, _, target = scope.partition(":")
    with transaction.atomic():
        if kind == "all":
            current = preferences.settings_for(user)
            NotificationSettings.objects.update_or_create(
                user=user,
                defaults={
                    "email_mode": EmailMode.OFF,
                    "follow_own_comments": current.follow_own_comments,
                    "moderation_digest": False,
                },
            )
            _drop_pending(user.pk)
            return "You will get no more notification e-mails."
        if kind == "moderation":
            NotificationSettings.objects.filter(user=user).update(moderation_digest=False)
            return "You will get no more moderation queue digests."
        if kind == "story":
            Follow.objects.filter(user=user, story_id=int(target), comment__isnull=True).delete()
            return "You no longer follow this story."
        Follow.objects.filter(user=user, comment_id=int(target)).delete()
        return "You no longer follow this comment."
