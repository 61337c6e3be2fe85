"""Comments as the API shows them, worked out without further queries.

Callers load `author__profile` up front and say once per request whether the reader moderates.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from civility.accounts.avatars import avatar_url
from civility.discussion.models import Comment

# Reversed once per response with a stand-in id, then filled in per comment.
ID_STAND_IN = "2147483647"


def permalink_pattern(request: HttpRequest) -> str:
    """A comment's absolute URL with ID_STAND_IN where its id goes."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return request.build_absolute_uri(_permalink_path(get_script_prefix(), urlconf))


@functools.lru_cache(maxsize=8)
def _permalink_path(script_prefix: str, urlconf: str) -> str:
    # Reversing costs more than the rest of presenting a posted comment; the result depends
    # only on the URL map and the prefix, both in the key.
    return reverse("discussion:comment", urlconf=urlconf, kwargs={"comment_id": ID_STAND_IN})


class CommentPresenter:
    def __init__(self, request: HttpRequest, *, moderates: bool) -> None:
        self.user = request.user
        self.moderates = moderates
        self.permalink_pattern = permalink_pattern(request)
        # A page repeats a few authors many times: name and avatar are worked out once each.
        self._authors: dict[int, tuple[str, str]] = {}

    def _author(self, comment: Comment) -> dict[str, str]:
        if comment.author_id is None:
            name = comment.display_author
            return {"name": name, "avatar_url": avatar_url(None, name)}
        known = self._authors.get(comment.author_id)
        if known is None:
            name = comment.display_author
            known = self._authors[comment.author_id] = (name, avatar_url(comment.author, name))
        return {"name": known[0], "avatar_url": known[1]}

    def __call__(self, comment: Comment) -> dict[str, object]:
        placeholder = bool(getattr(comment, "is_placeholder", False))
        own = self.user.is_authenticated and comment.author_id == self.user.pk
        author = None if placeholder else self._author(comment)
        return {
            "id": comment.pk,
            "parent": comment.parent_id,
            "path": comment.path,
            "depth": comment.depth,
            "author": author,
            "html": None if placeholder else comment.html,
            "created_at": comment.created_at,
            "edited_at": comment.edited_at,
            "status": comment.status if (own or self.moderates) else None,
            "reply_count": comment.reply_count,
            "reaction_count": comment.reaction_count,
            "is_placeholder": placeholder,
            "permalink": self.permalink_pattern.replace(ID_STAND_IN, str(comment.pk)),
        }
