"""The coded-hate lexicon: the package's data file plus a site's extra entries."""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from civility.text.evasion import find_terms

logger = logging.getLogger(__name__)
WINDOW = 80


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    meaning: str
    source: str
    terms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    near: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    only_with_other: bool = False


@dataclass(frozen=True)
class Hit:
    entry: Entry
    spans: tuple[tuple[int, int], ...]


def parse_entry(raw: dict[str, Any], index: int = 0) -> Entry:
    """Build an entry; raises ValueError with a readable message when it is malformed."""
    if not isinstance(raw, dict):
        raise ValueError(f"Entry {index + 1} must be an object.")
    flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
    terms = list(raw.get("terms") or [])
    patterns = list(raw.get("patterns") or [])
    if raw.get("term"):
        terms.append(raw["term"])
    if raw.get("pattern"):
        patterns.append(raw["pattern"])
    if not terms and not patterns:
        raise ValueError(f"Entry {index + 1} needs a term or a pattern.")
    if not all(isinstance(item, str) and item.strip() for item in terms + patterns):
        raise ValueError(f"Entry {index + 1}: terms and patterns must be non-empty text.")

    def compiled(pattern: str | None) -> re.Pattern[str] | None:
        if not pattern:
            return None
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise ValueError(f"Entry {index + 1}: bad pattern {pattern!r}: {exc}") from exc

    label = str(raw.get("name") or raw.get("id") or (terms or patterns)[0])
    return Entry(
        id=str(raw.get("id") or f"site-{index + 1}"),
        name=label,
        meaning=str(raw.get("meaning") or "Listed by this site as coded hate."),
        source=str(raw.get("source") or "This site's list"),
        terms=tuple(terms),
        patterns=tuple(p for p in map(compiled, patterns) if p is not None),
        near=compiled(raw.get("near")),
        unless=compiled(raw.get("unless")),
        only_with_other=bool(raw.get("only_with_other")),
    )


@functools.cache
def builtin_entries() -> tuple[Entry, ...]:
    raw = json.loads(
        resources.files("civility.moderation").joinpath("data/coded_hate.json").read_text("utf-8")
    )
    return tuple(parse_entry(item, i) for i, item in enumerate(raw["entries"]))


def site_entries(extra: Any) -> list[Entry]:
    """Parse a site's extra list, skipping (and logging) malformed entries."""
    entries = []
    for i, raw in enumerate(extra or []):
        try:
            entries.append(parse_entry(raw, i))
        except ValueError as exc:
            logger.warning("Skipping a site's coded-hate entry: %s", exc)
    return entries


def _visible(text: str) -> tuple[str, list[int]]:
    """Drop invisible format characters (zero-width spaces...) keeping a map to the original."""
    kept, offsets = [], []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf":
            kept.append(ch)
            offsets.append(i)
    return "".join(kept), offsets


def _in_window(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return pattern.search(text[max(0, start - WINDOW) : end + WINDOW]) is not None


def find(text: str, entries: list[Entry] | tuple[Entry, ...]) -> list[Hit]:
    """Return the entries found in text with their spans in the original text."""
    visible, offsets = _visible(text)
    all_terms = {term for entry in entries for term in entry.terms}
    term_matches = find_terms(text, all_terms) if all_terms else []
    hits: list[Hit] = []
    for entry in entries:
        spans = [(m.start, m.end) for m in term_matches if m.term in entry.terms]
        for pattern in entry.patterns:
            spans.extend(
                (offsets[match.start()], offsets[match.end() - 1] + 1)
                for match in pattern.finditer(visible)
                if match.end() > match.start()
            )
        spans = [
            (start, end)
            for start, end in spans
            if (entry.near is None or _in_window(entry.near, text, start, end))
            and (entry.unless is None or not _in_window(entry.unless, text, start, end))
        ]
        if spans:
            hits.append(Hit(entry, tuple(sorted(set(spans)))))
    # Weak entries ("88", "googles") count only beside a strong one: two weak signs together
    # ("she turned 88 and googles everything") are still ordinary text.
    if all(hit.entry.only_with_other for hit in hits):
        return []
    return hits
