"""What the profile page shows besides the forms: saved viewing options and recent comments."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from civility.accounts.models import Profile
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.viewing import DisplayMode, SortOrder, saved_options

RECENT_COMMENTS = 20


@dataclass(frozen=True)
class RecentComment:
    comment: Comment
    url: str


def comment_url(comment_id: int) -> str:
    # The discussion app owns the permalink route; this path is its public contract.
    return f"/comments/{comment_id}/"


def profile_context(request: HttpRequest, profile: Profile) -> dict:
    options = saved_options(request)
    comments = (
        Comment.objects.filter(author_id=profile.user_id)
        .exclude(status=CommentStatus.DELETED)
        .select_related("story__site")
        .order_by("-created_at", "-id")[:RECENT_COMMENTS]
    )
    return {
        "profile": profile,
        "viewing": {
            "mode": DisplayMode(options.mode).label,
            "order": SortOrder(options.order).label,
            "per_page": options.per_page,
            "customised": bool(profile.display_mode or profile.sort_order or profile.per_page),
        },
        "recent_comments": [RecentComment(c, comment_url(c.pk)) for c in comments],
    }
