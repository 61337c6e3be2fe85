"""Small filters for the comment templates; none of them touches the database."""

from __future__ import annotations

import re

from django import template
from django.utils.text import Truncator

register = template.Library()

_MARKUP = re.compile(r"\]\([^)]*\)|[*_`>#\[\]]+")


@register.filter
def first_line(source: str, length: int = 120) -> str:
    """The first non-empty line of a comment's text, with Markdown marks removed, shortened."""
    for line in (source or "").splitlines():
        text = _MARKUP.sub("", line).strip()
        if text:
            return Truncator(text).chars(length)
    return ""
