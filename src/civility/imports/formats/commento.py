"""Commento JSON export: {"version": 1, "comments": [...], "commenters": [...]}.

Each page (domain + url) becomes a story; "parentHex" "root" means top level. state approved is
published, unapproved held, flagged rejected (never published); deleted wins over all of them.
Commenters are joined by commenterHex; "anonymous" comments have no user.

Bounded memory: a Commento export is one JSON document, which the standard library can only load
whole. Commento exports are small in practice (Commento's own export is built in memory too);
streaming it would need an incremental JSON parser (ijson), not added here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from civility.imports.errors import ImportFailed
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


def convert(stream: BinaryIO) -> Iterator[Record]:
    try:
        data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"Not a valid Commento JSON export: {exc}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("comments"), list):
        raise ImportFailed("Not a Commento export: no comments list.")
    commenters = {
        str(c.get("commenterHex")): c
        for c in data.get("commenters") or []
        if isinstance(c, dict) and c.get("commenterHex")
    }
    pages: set[str] = set()
    for n, comment in enumerate(data["comments"]):
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
        author = commenters.get(str(comment.get("commenterHex") or ""))
        user = None
        if author is not None:
            user = UserRecord(
                source_id=str(author["commenterHex"]),
                name=str(author.get("name") or ""),
                email=str(author.get("email") or ""),
            )
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
