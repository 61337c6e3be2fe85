"""Avatar URLs: the reader's uploaded picture, the picture their publisher's single sign-on
names, or a generated one with their initials.

The generated picture is an inline ``data:`` SVG, so a page of comments needs no extra request
and no view per avatar. Callers that show many avatars must load profiles up front, e.g.
``Comment.objects.select_related("author__profile")``: then nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from django.utils.html import escape

# Dark enough for white text at WCAG AA (contrast >= 4.5 against #fff).
PALETTE = (
    "#1f5f8b",
    "#2e6b30",
    "#8a3b12",
    "#6a3d9a",
    "#9b1d4a",
    "#0f6e6e",
    "#5b4a14",
    "#3b4cb8",
    "#8c2f2f",
    "#44546a",
    "#7a2e8f",
    "#1d6a52",
)


def loaded_profile(user):  # type: ignore[no-untyped-def]
    """Return user's profile, or None when there is no user or no profile.

    A reverse one-to-one that select_related found missing raises without a query; one that
    was never loaded costs a query here (and raises if absent, which getattr turns into None).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "profile", None)


def initials(name: str) -> str:
    """Up to two capitalised initials of name: the first letters of its first and last words."""
    words = [w for w in name.split() if w[:1].isalnum()] or name.split()
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@lru_cache(maxsize=4096)
def default_avatar_uri(name: str) -> str:
    """A deterministic SVG data URI: initials of name on a colour picked by its hash."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    # The initials are XML-escaped inside the SVG, then the whole document is percent-encoded,
    # so neither the SVG nor the HTML attribute around it can be broken out of.
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>"
        f"<rect width='64' height='64' rx='8' fill='{colour}'/>"
        "<text x='50%' y='50%' dy='.35em' text-anchor='middle' fill='#fff' "
        "font-family='system-ui,sans-serif' font-size='26' font-weight='600'>"
        f"{escape(initials(name))}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg, safe=" /=:,.")


def avatar_url(user, name: str = "") -> str:  # type: ignore[no-untyped-def]
    """The URL to show for user (who may be None): their upload, else a generated default."""
    profile = loaded_profile(user)
    if profile is not None and profile.avatar:
        return profile.avatar.url
    if profile is not None and profile.picture_url:
        return profile.picture_url
    if not name:
        if profile is not None and profile.display_name:
            name = profile.display_name
        elif user is not None and getattr(user, "is_authenticated", False):
            name = user.get_username()
    return default_avatar_uri(name)
