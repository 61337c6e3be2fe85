"""Mark the characters that triggered a check in a comment's source text, escaping the rest."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def merge_spans(spans: Iterable[Iterable[int]], length: int) -> list[tuple[int, int]]:
    """Clamp spans to the text and merge the ones that overlap or touch; drop malformed ones."""
    clean: list[tuple[int, int]] = []
    for span in spans:
        try:
            start, end = (int(x) for x in span)
        except (TypeError, ValueError):
            continue
        start, end = max(start, 0), min(end, length)
        if start < end:
            clean.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(clean):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[Iterable[int]]) -> SafeString:
    """Return text escaped, with <mark> around each span (character offsets into text)."""
    pieces: list[str] = []
    at = 0
    for start, end in merge_spans(spans, len(text)):
        pieces.append(escape(text[at:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    pieces.append(escape(text[at:]))
    # Every piece of the reader's text went through escape() above.
    return mark_safe("".join(pieces))  # noqa: S308
