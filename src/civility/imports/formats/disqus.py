"""Disqus XML export: <thread> elements become stories, <post> elements comments.

Threads come first in Disqus exports but the loader does not rely on it. A thread whose <id> is
empty or missing is matched by its <link>. isSpam wins over everything (rejected, never
published), then isDeleted (deleted), then isApproved=false (held).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element

from civility.imports.formats.safe_xml import attr, child, child_text, iter_elements
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import (
    DELETED,
    HELD,
    PUBLISHED,
    REJECTED,
    CommentRecord,
    Record,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)

NAME = "disqus"


def detect(first_bytes: bytes) -> bool:
    return b"<disqus" in first_bytes and b"disqus.com" in first_bytes


def _flag(elem: Element, name: str, default: bool = False) -> bool:
    value = child_text(elem, name).lower()
    return value == "true" if value else default


def _thread(elem: Element) -> Record:
    link = child_text(elem, "link")
    source_id = attr(elem, "id") or link
    if not source_id:
        return SkippedRecord("thread without dsq:id or link", "<thread>", is_error=True)
    title = child_text(elem, "title") or link or f"Disqus thread {source_id}"
    author = child(elem, "author")
    return StoryRecord(
        source_id=source_id,
        title=title,
        url=link,
        external_id=child_text(elem, "id"),
        author_name=child_text(author, "name") if author is not None else "",
        published_at=parse_iso_utc(child_text(elem, "createdAt")),
        is_open=not _flag(elem, "isClosed"),
    )


def _status(elem: Element) -> str:
    if _flag(elem, "isSpam"):
        return REJECTED
    if _flag(elem, "isDeleted"):
        return DELETED
    if not _flag(elem, "isApproved", default=True):
        return HELD
    return PUBLISHED


def _author(elem: Element) -> tuple[UserRecord | None, str]:
    author = child(elem, "author")
    if author is None:
        return None, ""
    name = child_text(author, "name")
    email = child_text(author, "email")
    username = child_text(author, "username")
    anonymous = child_text(author, "isAnonymous").lower() == "true"
    # Anonymous guests have no identity to match on beyond an e-mail they typed.
    if email or (username and not anonymous):
        return UserRecord(source_id=username or email, name=name or username, email=email), name
    return None, name


def _post(elem: Element) -> Record:
    source_id = attr(elem, "id")
    where = f"<post dsq:id={source_id!r}>"
    if not source_id:
        return SkippedRecord("post without dsq:id", "<post>", is_error=True)
    thread_id = attr(child(elem, "thread"), "id")
    if not thread_id:
        return SkippedRecord("post without a thread", where, is_error=True)
    created_at = parse_iso_utc(child_text(elem, "createdAt"))
    if created_at is None:
        return SkippedRecord("post without a valid createdAt", where, is_error=True)
    user, name = _author(elem)
    message = child(elem, "message")
    return CommentRecord(
        source_id=source_id,
        story_source_id=thread_id,
        parent_source_id=attr(child(elem, "parent"), "id"),
        created_at=created_at,
        text=(message.text or "").strip() if message is not None else "",
        text_format="html",
        status=_status(elem),
        author=user,
        author_name=name,
        client_address=child_text(elem, "ipAddress") or None,
    )


def convert(stream: BinaryIO) -> Iterator[Record]:
    for elem in iter_elements(stream, depth=1, names={"thread", "post"}):
        if elem.tag.endswith("thread"):
            yield _thread(elem)
        else:
            yield _post(elem)
