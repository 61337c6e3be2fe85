"""What the moderators' queue changes beyond approve and reject (moderation.actions):
featuring, rejecting with a notice to the author, and the bulk forms.

Each function checks the moderator's role on the comment's site itself, so no view can skip it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus
from civility.moderation.actions import do_approve, do_reject
from civility.moderation.models import ModerationEvent
from civility.moderation.queue.statement import statement_for
from civility.moderation.roles import can_moderate

logger = logging.getLogger(__name__)

MAX_BULK = 200


def _check(moderator, comment: Comment) -> None:  # type: ignore[no-untyped-def]
    if not can_moderate(moderator, comment.story.site_id):
        raise NotAllowed("You do not moderate this site.")


def _set_featured(moderator, comment: Comment, featured: bool, note: str) -> ModerationEvent:  # type: ignore[no-untyped-def]
    _check(moderator, comment)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if featured and locked.status != CommentStatus.PUBLISHED:
            raise DiscussionError("Only published comments can be featured.")
        locked.featured_at = timezone.now() if featured else None
        Comment.objects.filter(pk=locked.pk).update(featured_at=locked.featured_at)
        # The status does not change; the row keeps who featured it and when.
        event = ModerationEvent.objects.create(
            comment=locked,
            actor=moderator,
            from_status=locked.status,
            to_status=locked.status,
            reason_codes=["featured" if featured else "unfeatured"],
            note=(note or "").strip()[:2000],
        )
    comment.featured_at = locked.featured_at
    return event


def do_feature(comment: Comment, moderator, note: str = "") -> ModerationEvent:  # type: ignore[no-untyped-def]
    """Make a published comment an editors' pick."""
    return _set_featured(moderator, comment, True, note)


def do_unfeature(comment: Comment, moderator, note: str = "") -> ModerationEvent:  # type: ignore[no-untyped-def]
    """Take a comment out of the editors' picks."""
    return _set_featured(moderator, comment, False, note)


def send_rejection_notice(comment_id: int) -> None:
    """Mail the author the statement of reasons for their rejected comment."""
    comment = Comment.objects.select_related("author", "story__site").filter(pk=comment_id).first()
    if comment is None or comment.author is None or not comment.author.email:
        return
    events = list(comment.moderation_events.order_by("-created_at", "-pk"))
    statement = statement_for(comment, events)
    if statement is None:
        return
    context = {"statement": statement, "comment": comment, "story": comment.story}
    subject = render_to_string("moderation/rejection_subject.txt", context).strip()
    body = render_to_string("moderation/rejection_email.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.author.email])
    except Exception:  # The decision stands; a mail server outage must not undo it.
        logger.exception("Could not send the rejection notice for comment %s", comment_id)


def do_approve_from_queue(comment: Comment, moderator, note: str = "") -> ModerationEvent:  # type: ignore[no-untyped-def]
    """Approve: publish a held comment, or confirm a reported one (resolving its reports)."""
    return do_approve(comment, moderator, note)


def do_reject_and_notify(  # type: ignore[no-untyped-def]
    comment: Comment, moderator, reason_code: str, note: str = ""
) -> ModerationEvent:
    """Reject with a reason and mail the author the statement of reasons once it is committed."""
    with transaction.atomic():
        event = do_reject(comment, moderator, reason_code, note)
        transaction.on_commit(lambda: send_rejection_notice(comment.pk))
    return event


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)


def do_bulk(  # type: ignore[no-untyped-def]
    *, moderator, comment_ids: list[int], action: str, reason_code: str = "", note: str = ""
) -> BulkResult:
    """Approve or reject each selected comment on its own; one refusal does not stop the rest.

    Comments on sites the moderator does not moderate are refused like missing ones.
    """
    if action not in ("approve", "reject"):
        raise DiscussionError("Choose approve or reject.")
    ids = list(dict.fromkeys(comment_ids))[:MAX_BULK]
    comments = {
        c.pk: c for c in Comment.objects.select_related("story").filter(pk__in=ids).order_by("pk")
    }
    result = BulkResult()
    for pk in ids:
        comment = comments.get(pk)
        if comment is None or not can_moderate(moderator, comment.story.site_id):
            result.refused[pk] = "That comment does not exist."
            continue
        try:
            if action == "approve":
                do_approve_from_queue(comment, moderator, note)
            else:
                do_reject_and_notify(comment, moderator, reason_code, note)
        except DiscussionError as error:
            result.refused[pk] = error.message
        else:
            result.done.append(pk)
    return result
