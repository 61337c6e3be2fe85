"""Tags and filters for the comment templates; none of them touches the database."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe

from civility.discussion.comment_html import PageMarkup, first_line
from civility.discussion.models import Comment

register = template.Library()

register.filter("first_line", first_line)


@register.simple_tag(takes_context=True)
def comment_list(context, comments: Iterable[Comment], options) -> SafeString:  # type: ignore[no-untyped-def]
    """A page of comments, in the display mode of options (a ViewingOptions)."""
    markup = PageMarkup(context, collapsed=options.collapsed, threaded=options.threaded)
    return markup.comments(comments)


@register.simple_tag(takes_context=True)
def comment_html(  # type: ignore[no-untyped-def]
    context, c: Comment, collapsed=False, threaded=False, inserted=False
) -> SafeString:
    """One comment, alone (an htmx swap, a live update)."""
    markup = PageMarkup(context, collapsed=collapsed, threaded=threaded)
    return markup.comments([c], inserted=bool(inserted))


@register.simple_tag(takes_context=True)
def comment_reactions(context, c: Comment) -> SafeString:  # type: ignore[no-untyped-def]
    """A comment's reaction buttons or counts, alone (after the reader reacted)."""
    return mark_safe(PageMarkup(context, collapsed=False, threaded=False).reactions(c))  # noqa: S308
