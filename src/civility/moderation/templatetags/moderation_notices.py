"""``{% load moderation_notices %}{% rejection_statements story user %}``: the reader's own
rejected comments on a story, each with its statement of reasons. One query for signed-in
readers (two when they have any), none for visitors."""

from __future__ import annotations

from django import template
from django.db.models import Prefetch

from civility.discussion.models import Comment, CommentStatus
from civility.moderation.models import ModerationEvent
from civility.moderation.queue.statement import statement_for

register = template.Library()


@register.inclusion_tag("moderation/own_rejections.html")
def rejection_statements(story, user) -> dict:  # type: ignore[no-untyped-def]
    if not getattr(user, "is_authenticated", False):
        return {"statements": []}
    comments = (
        Comment.objects.filter(story=story, author=user, status=CommentStatus.REJECTED)
        .prefetch_related(
            Prefetch(
                "moderation_events",
                queryset=ModerationEvent.objects.order_by("-created_at", "-pk"),
                to_attr="notice_events",
            )
        )
        .order_by("-created_at")[:20]
    )
    statements = [statement_for(c, c.notice_events) for c in comments]
    return {"statements": [s for s in statements if s is not None]}
