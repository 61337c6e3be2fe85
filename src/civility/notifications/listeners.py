"""New comments: authors follow their own, and published ones queue notifications for followers.

Both run inside the transaction that made the change, so a crash after the commit loses neither.
"""

from __future__ import annotations

from django.db.models import Q

from civility.core import events, tasks
from civility.discussion.models import Comment, CommentStatus
from civility.notifications import preferences
from civility.notifications.models import EmailMode, Follow, Notification, Reason
from civility.notifications.tasks import send_for_comment


@events.listen("comment.created", in_transaction=True)
def follow_own_comment(event: events.Event) -> None:
    if event.user_id is None or event.comment_id is None or event.story_id is None:
        return
    if not preferences.follows_own_comments(event.user_id):
        return
    Follow.objects.bulk_create(
        [Follow(user_id=event.user_id, story_id=event.story_id, comment_id=event.comment_id)],
        ignore_conflicts=True,
    )


@events.listen("comment.published", in_transaction=True)
def queue_notifications(event: events.Event) -> None:
    """Queue a notification for everyone who follows the parent comment or the story.

    Fired when a comment is published on posting and when a moderator approves a held one, so
    held and rejected comments never reach anyone; the Notification's uniqueness keeps a
    comment published twice (approved, hidden, approved again) from being mailed twice.
    """
    if event.comment_id is None:
        return
    comment = (
        Comment.objects.filter(pk=event.comment_id, status=CommentStatus.PUBLISHED)
        .only("pk", "story_id", "parent_id", "author_id")
        .first()
    )
    if comment is None:
        return
    target = Q(story_id=comment.story_id, comment__isnull=True)
    if comment.parent_id is not None:
        target |= Q(comment_id=comment.parent_id)
    follows = (
        Follow.objects.filter(target, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "comment_id")
    )
    reasons: dict[int, str] = {}
    for user_id, followed_comment in follows:
        if user_id == comment.author_id:
            continue  # never about one's own comment
        # A reply outranks "new comment on the story": the reader hears why it matters to them.
        if followed_comment is not None or user_id not in reasons:
            reasons[user_id] = Reason.REPLY if followed_comment is not None else Reason.STORY
    if not reasons:
        return
    modes = preferences.modes_for(list(reasons))
    Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, comment_id=comment.pk, reason=reason)
            for user_id, reason in reasons.items()
            if modes[user_id] != EmailMode.OFF
        ],
        ignore_conflicts=True,
    )
    if any(mode == EmailMode.IMMEDIATE for mode in modes.values()):
        tasks.defer(send_for_comment, comment.pk)
