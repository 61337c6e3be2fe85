"""Snapshot: the saved text of a classic news comment page (one story and its comments).

The first line is the story title. The first "<name>'s picture" line names the story's author;
the story body follows it. Every later "<name>'s picture" line starts a reader comment by <name>
whose text runs to the next such line. Page chrome (the "Comment viewing options" box, share and
text-size widgets, reply links) is dropped. The text has no dates and no reply structure, so the
comments are top level and dated a microsecond apart from the import time, in page order.

A page is small, so the file is read whole.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import BinaryIO

from django.utils import timezone

from civility.imports.errors import ImportFailed
from civility.imports.records import CommentRecord, Record, StoryRecord, UserRecord

NAME = "snapshot"

_PICTURE = re.compile(r"^(?P<name>\S.{0,148}?)['\u2019]s picture$")
_CHROME_LINES = {
    "comment viewing options",
    "save settings",
    "share",
    "share this",
    "share this story",
    "text size",
    "text size:",
    "a a a",
    "a- a a+",
    "a+",
    "a-",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "reply",
    "permalink",
    "flat list - collapsed",
    "flat list - expanded",
    "threaded list - collapsed",
    "threaded list - expanded",
    "date - oldest first",
    "date - newest first",
    "log in or register to post comments",
    "login or register to post comments",
}
_CHROME_PATTERNS = (
    re.compile(r"^\d+ comments per page$"),
    re.compile(r"click \"?save settings\"? to activate your changes", re.IGNORECASE),
    re.compile(r"^text size\b", re.IGNORECASE),
)


def detect(first_bytes: bytes) -> bool:
    text = first_bytes.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if not text or text[0] in "<{[":
        return False
    return any(_PICTURE.match(line.strip()) for line in text.splitlines()[1:])


def _is_chrome(line: str) -> bool:
    lowered = line.strip().lower()
    return lowered in _CHROME_LINES or any(p.search(lowered) for p in _CHROME_PATTERNS)


def _text(lines: list[str]) -> str:
    kept = [line.rstrip() for line in lines if not _is_chrome(line)]
    text = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _split(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Return [(name, lines after its picture line)] in page order."""
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _PICTURE.match(line.strip())
        if match:
            sections.append((match["name"].strip(), []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def convert(stream: BinaryIO) -> Iterator[Record]:
    try:
        text = stream.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"The snapshot is not UTF-8 text (byte {exc.start}).") from None
    lines = text.replace("\r\n", "\n").split("\n")
    title = next((line.strip() for line in lines if line.strip()), "")
    sections = _split(lines)
    if not title or not sections:
        raise ImportFailed('Not a snapshot: no title line or no "<name>\'s picture" line.')
    (story_author, body_lines), comments = sections[0], sections[1:]
    story_id = "title:" + title
    yield StoryRecord(
        source_id=story_id,
        title=title,
        author_name=story_author,
        body="\n\n".join(p for p in _text(body_lines).split("\n") if p.strip()),
    )
    base = timezone.now()
    seen: Counter[str] = Counter()
    for n, (name, comment_lines) in enumerate(comments):
        body = _text(comment_lines)
        digest = hashlib.sha256(f"{name}\n{body}".encode()).hexdigest()[:20]
        seen[digest] += 1
        yield CommentRecord(
            source_id=f"{story_id[:180]}#{digest}-{seen[digest]}",
            story_source_id=story_id,
            created_at=base + timedelta(microseconds=n),
            text=body,
            author=UserRecord(source_id=name, name=name),
            author_name=name,
        )
