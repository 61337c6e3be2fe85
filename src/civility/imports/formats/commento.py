"""Commento JSON export: {"version": 1, "comments": [...], "commenters": [...]}.

Each page (domain + url) becomes a story; "parentHex" "root" means top level. state approved is
published, unapproved held, flagged rejected (never published); deleted wins over all of them.
Commenters are joined by commenterHex; "anonymous" comments have no user.

Streamed with ijson in two passes over the file, so memory holds one comment at a time plus the
commenters (bounded by the number of authors, like the loader's own caches): the first pass
reads the commenters, which Commento writes after the comments; the second, the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import ijson

from civility.imports.errors import ImportFailed
from civility.imports.formats.safe_json import check_nesting
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

NAME = "commento"
STATES = {"approved": PUBLISHED, "unapproved": HELD, "flagged": REJECTED}


def detect(first_bytes: bytes) -> bool:
    head = first_bytes.lstrip()
    return head.startswith(b"{") and b'"commentHex"' in head and b'"parentHex"' in head


def _page(comment: dict[str, Any]) -> str:
    domain, url = str(comment.get("domain") or ""), str(comment.get("url") or "")
    if url.startswith(("http://", "https://")) or not domain:
        return url
    return f"https://{domain}{url if url.startswith('/') else '/' + url}"


def _commenters(stream: BinaryIO) -> dict[str, UserRecord]:
    """First pass: check the shape and collect the commenters, wherever they sit in the file."""
    events = ijson.parse(stream)
    for prefix, event, _ in events:
        if prefix != "" or event != "start_map":
            raise ImportFailed("Not a Commento export: the file is not a JSON object.")
        break
    has_comments = False
    commenters: dict[str, UserRecord] = {}
    builder: ijson.ObjectBuilder | None = None
    for prefix, event, value in events:
        if builder is not None:
            builder.event(event, value)
            if prefix == "commenters.item" and event == "end_map":
                found = builder.value
                builder = None
                if found.get("commenterHex"):
                    commenters[str(found["commenterHex"])] = UserRecord(
                        source_id=str(found["commenterHex"]),
                        name=str(found.get("name") or ""),
                        email=str(found.get("email") or ""),
                    )
        elif prefix == "commenters.item" and event == "start_map":
            builder = ijson.ObjectBuilder()
            builder.event(event, value)
        elif prefix == "comments" and event == "start_array":
            has_comments = True
    if not has_comments:
        raise ImportFailed("Not a Commento export: no comments list.")
    return commenters


def convert(stream: BinaryIO) -> Iterator[Record]:
    try:
        yield from _convert(stream)
    except ijson.JSONError as exc:
        raise ImportFailed(f"Not a valid Commento JSON export: {exc}.") from None
    except UnicodeDecodeError:
        raise ImportFailed("Not a valid Commento JSON export: not UTF-8.") from None


def _convert(stream: BinaryIO) -> Iterator[Record]:
    check_nesting(stream, "Commento")
    commenters = _commenters(stream)
    stream.seek(0)
    pages: set[str] = set()
    for n, comment in enumerate(ijson.items(stream, "comments.item")):
        if not isinstance(comment, dict):
            yield SkippedRecord("comment is not an object", f"comments[{n}]", is_error=True)
            continue
        hex_id = str(comment.get("commentHex") or "")
        where = f"comments[{n}] commentHex={hex_id!r}"
        page = _page(comment)
        created_at = parse_iso_utc(str(comment.get("creationDate") or ""))
        if not hex_id or not page:
            yield SkippedRecord("comment without commentHex or page", where, is_error=True)
            continue
        if created_at is None:
            yield SkippedRecord("comment without a valid creationDate", where, is_error=True)
            continue
        if page not in pages:
            pages.add(page)
            yield StoryRecord(source_id=page, title=page, url=page)
        if comment.get("deleted"):
            status = DELETED
        else:
            status = STATES.get(str(comment.get("state") or "approved"), HELD)
        user = commenters.get(str(comment.get("commenterHex") or ""))
        parent = str(comment.get("parentHex") or "")
        markdown = str(comment.get("markdown") or "")
        yield CommentRecord(
            source_id=hex_id,
            story_source_id=page,
            parent_source_id="" if parent == "root" else parent,
            created_at=created_at,
            text=markdown or str(comment.get("html") or ""),
            text_format="markdown" if markdown else "html",
            status=status,
            author=user,
            author_name=user.name if user else "Anonymous",
        )
