"""``{% load avatars %}{% avatar user name size %}``: a reader's picture as an <img>.

Makes no database query when the user's profile was loaded with select_related
(``select_related("author__profile")`` for comments); see civility.accounts.avatars.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from civility.accounts.avatars import avatar_url

register = template.Library()

DEFAULT_SIZE = 48
MAX_SIZE = 512


def _pixels(size: object) -> int:
    try:
        number = int(size)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_SIZE
    return min(max(number, 1), MAX_SIZE)


@register.simple_tag
def avatar(user, name: str = "", size: object = DEFAULT_SIZE) -> SafeString:  # type: ignore[no-untyped-def]
    """Render user's avatar (user may be None) labelled with name, size pixels square."""
    name = str(name or "")
    pixels = _pixels(size)
    return format_html(
        '<img class="avatar" src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        avatar_url(user, name),
        f"{name}'s picture" if name else "Picture",
        pixels,
        pixels,
    )
