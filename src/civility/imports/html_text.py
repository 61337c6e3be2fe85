"""Imported comment text to stored HTML: Markdown rendered as a reader's comment, HTML cleaned."""

from __future__ import annotations

import re

from civility.core import markdown

_BLOCK = re.compile(r"<(p|br|ul|ol|blockquote|div)[\s/>]", re.IGNORECASE)


def _paragraphs(text: str) -> str:
    """Wrap plain lines the way WordPress's wpautop shows them: blank line = paragraph."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts)


def clean_html(html: str, wrap_lines: bool = False) -> str:
    """Return imported HTML cut down to the tags a reader's comment may carry."""
    if wrap_lines and not _BLOCK.search(html):
        html = _paragraphs(html)
    cleaned = markdown.clean_comment_html(html)
    # Foreign HTML is trimmed; Civility's own is kept byte for byte for a lossless round trip.
    return cleaned.strip() if wrap_lines else cleaned


def render(text: str, text_format: str) -> str:
    if text_format == "html":
        return clean_html(text, wrap_lines=True)
    return markdown.render_comment(text)
