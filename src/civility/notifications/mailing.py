"""The e-mails readers and moderators get, each with signed unsubscribe links and the
List-Unsubscribe headers mail clients turn into an "Unsubscribe" button (RFC 2369, RFC 8058)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from civility.discussion.models import Comment
from civility.notifications.models import Reason
from civility.notifications.unsubscribe import absolute, unsubscribe_url

EXCERPT_CHARS = 600


@dataclass(frozen=True)
class Item:
    """One comment in a mail, with what the reader needs to read it and to stop following."""

    comment: Comment
    reason: str
    permalink: str
    excerpt: str
    stop_url: str
    stop_label: str


def item(user_id: int, comment: Comment, reason: str) -> Item:
    if reason == Reason.REPLY and comment.parent_id is not None:
        stop_url = unsubscribe_url(user_id, f"comment:{comment.parent_id}")
        stop_label = "Stop following the comment this replies to"
    else:
        stop_url = unsubscribe_url(user_id, f"story:{comment.story_id}")
        stop_label = "Stop following this story"
    return Item(
        comment=comment,
        reason=reason,
        permalink=absolute(reverse("discussion:comment", kwargs={"comment_id": comment.pk})),
        excerpt=Truncator(comment.source).chars(EXCERPT_CHARS),
        stop_url=stop_url,
        stop_label=stop_label,
    )


def _message(
    user, subject: str, template: str, context: dict[str, Any], scope: str
) -> EmailMessage:  # type: ignore[no-untyped-def]
    """A mail to user; `scope` is what the List-Unsubscribe button stops."""
    list_unsubscribe = unsubscribe_url(user.pk, scope)
    body = render_to_string(
        template,
        {
            **context,
            "user": user,
            "list_unsubscribe": list_unsubscribe,
            "settings_url": absolute(reverse("notifications:settings")),
        },
    )
    return EmailMessage(
        # Display names are readers' text: no line breaks may reach a header.
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{list_unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def comment_mail(user, comment: Comment, reason: str) -> EmailMessage:  # type: ignore[no-untyped-def]
    entry = item(user.pk, comment, reason)
    title = comment.story.title
    if reason == Reason.REPLY:
        subject = f"{comment.display_author} replied on “{title}”"
    else:
        subject = f"{comment.display_author} commented on “{title}”"
    return _message(
        user,
        Truncator(subject).chars(150),
        "notifications/email/comment.txt",
        {"item": entry, "story": comment.story},
        "all",
    )


def digest_mail(user, entries: Sequence[tuple[Comment, str]]) -> EmailMessage:  # type: ignore[no-untyped-def]
    items = [item(user.pk, comment, reason) for comment, reason in entries]
    stories: dict[int, dict[str, Any]] = {}
    for entry in items:
        story = entry.comment.story
        group = stories.setdefault(story.pk, {"story": story, "items": []})
        group["items"].append(entry)
    count = len(items)
    subject = f"{count} new comment{'s' if count != 1 else ''} in the discussions you follow"
    return _message(
        user,
        subject,
        "notifications/email/digest.txt",
        {"groups": list(stories.values()), "count": count},
        "all",
    )


def moderation_mail(user, rows: list[dict[str, Any]]) -> EmailMessage:  # type: ignore[no-untyped-def]
    held = sum(row["held"] for row in rows)
    reported = sum(row["reported"] for row in rows)
    subject = f"Moderation queue: {held} awaiting review, {reported} reported"
    return _message(
        user,
        subject,
        "notifications/email/moderation.txt",
        {"rows": rows, "queue_url": absolute(reverse("moderation:queue"))},
        "moderation",
    )
