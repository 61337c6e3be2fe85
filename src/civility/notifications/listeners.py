"""New comments: authors follow their own, and published ones queue notifications for followers.

Both run inside the transaction that made the change, so a crash after the commit loses neither.
"""

from __future__ import annotations

from django.db.models import Q

from civility.core import events, tasks
from civility.core.insert_templates import InsertTemplate
from civility.core.query_templates import QueryTemplates, value_of
from civility.discussion.models import Comment, CommentStatus
from civility.notifications import preferences
from civility.notifications.models import EmailMode, Follow, Notification, Reason
from civility.notifications.tasks import send_for_comment

# One per new comment: compiled once (core.insert_templates).
_NEW_FOLLOW = InsertTemplate(Follow)


@events.listen("comment.created", in_transaction=True)
def follow_own_comment(event: events.Event) -> None:
    if event.user_id is None or event.comment_id is None or event.story_id is None:
        return
    if not preferences.follows_own_comments(event.user_id):
        return
    # The comment was created in this transaction, so nobody follows it yet: a plain insert.
    _NEW_FOLLOW.create(user_id=event.user_id, story_id=event.story_id, comment_id=event.comment_id)


# Asked on every published comment: compiled once per shape (core.query_templates).
_COMMENTS = QueryTemplates(Comment, size=2)
_FOLLOWS = QueryTemplates(Follow, size=4)


def _followers(story_id: int, parent_id: int | None) -> list[tuple[int, int | None]]:
    """(user, followed comment or None) of active readers with an address who follow the
    story, or the parent comment when there is one."""

    def build(values):  # type: ignore[no-untyped-def]
        target = Q(story_id=values["story"], comment__isnull=True)
        if parent_id is not None:
            target |= Q(comment_id=values["parent"])
        return (
            Follow.objects.filter(target, user__is_active=True)
            .exclude(user__email="")
            .order_by()
            .values_list("user_id", "comment_id")
        )

    values = {"story": value_of(Follow, "story", story_id)}
    if parent_id is not None:
        values["parent"] = value_of(Follow, "comment", parent_id)
    return _FOLLOWS.rows(("followers", parent_id is None), build, values)  # type: ignore[return-value]


@events.listen("comment.published", in_transaction=True)
def queue_notifications(event: events.Event) -> None:
    """Queue a notification for everyone who follows the parent comment or the story.

    Fired when a comment is published on posting and when a moderator approves a held one, so
    held and rejected comments never reach anyone; the Notification's uniqueness keeps a
    comment published twice (approved, hidden, approved again) from being mailed twice.
    """
    if event.comment_id is None:
        return
    rows = _COMMENTS.rows(
        ("published",),
        lambda values: (
            Comment.objects.filter(pk=values["id"], status=CommentStatus.PUBLISHED)
            .order_by()
            .values_list("pk", "story_id", "parent_id", "author_id")
        ),
        {"id": value_of(Comment, "id", event.comment_id)},
    )
    if not rows:
        return
    comment_id, story_id, parent_id, author_id = rows[0]
    follows = _followers(story_id, parent_id)
    reasons: dict[int, str] = {}
    for user_id, followed_comment in follows:
        if user_id == author_id:
            continue  # never about one's own comment
        # A reply outranks "new comment on the story": the reader hears why it matters to them.
        if followed_comment is not None or user_id not in reasons:
            reasons[user_id] = Reason.REPLY if followed_comment is not None else Reason.STORY
    if not reasons:
        return
    modes = preferences.modes_for(list(reasons))
    Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, comment_id=comment_id, reason=reason)
            for user_id, reason in reasons.items()
            if modes[user_id] != EmailMode.OFF
        ],
        ignore_conflicts=True,
    )
    if any(mode == EmailMode.IMMEDIATE for mode in modes.values()):
        tasks.defer(send_for_comment, comment_id)
