"""Remark42 backup: JSON lines. The first line is metadata ({"version", "users", "posts"}), each
later line one comment: {"id", "pid", "text" (HTML), "user": {"id", "name", "ip"},
"locator": {"site", "url"}, "time", "delete", "edit": {"time"}}.

Read line by line, so memory stays bounded whatever the size. Remark42 has no approval state:
a comment is published unless deleted. Users carry no e-mail, so they are matched by their
Remark42 id (such as "github_…"). Each locator URL becomes a story.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import (
    DELETED,
    PUBLISHED,
    CommentRecord,
    Record,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)

NAME = "remark42"


def detect(first_bytes: bytes) -> bool:
    # One JSON object a line: the metadata line, or a comment line. Remark42's pretty-printed API
    # tree (also with "locator" and "pid") is not a backup and is not taken for one.
    first_line = first_bytes.lstrip().split(b"\n", 1)[0].rstrip()
    return first_line.startswith(b"{") and (
        (b'"locator"' in first_line and b'"pid"' in first_line)
        or (first_line.startswith(b'{"version"') and b'"posts"' in first_line)
    )


def convert(stream: BinaryIO) -> Iterator[Record]:
    stories: set[str] = set()
    for number, raw in enumerate(stream, start=1):
        where = f"line {number}"
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):  # nesting too deep for json
            yield SkippedRecord("line is not valid JSON", where, is_error=True)
            continue
        if not isinstance(item, dict):
            yield SkippedRecord("line is not a JSON object", where, is_error=True)
            continue
        if "locator" not in item:
            continue  # the metadata line (version, users, posts)
        locator = item.get("locator") or {}
        url = str(locator.get("url") or "") if isinstance(locator, dict) else ""
        source_id = str(item.get("id") or "")
        created_at = parse_iso_utc(str(item.get("time") or ""))
        if not source_id or not url:
            yield SkippedRecord("comment without id or locator url", where, is_error=True)
            continue
        if created_at is None:
            yield SkippedRecord("comment without a valid time", where, is_error=True)
            continue
        if url not in stories:
            stories.add(url)
            yield StoryRecord(source_id=url, title=str(item.get("title") or url), url=url)
        user_data = item.get("user") or {}
        user = None
        name = ""
        if isinstance(user_data, dict):
            name = str(user_data.get("name") or "")
            if user_data.get("id"):
                user = UserRecord(source_id=str(user_data["id"]), name=name)
        edit = item.get("edit")
        edited_at = parse_iso_utc(str(edit.get("time") or "")) if isinstance(edit, dict) else None
        yield CommentRecord(
            source_id=source_id,
            story_source_id=url,
            parent_source_id=str(item.get("pid") or ""),
            created_at=created_at,
            text=str(item.get("text") or ""),
            text_format="html",
            status=DELETED if item.get("delete") else PUBLISHED,
            author=user,
            author_name=name,
            client_address=None,
            edited_at=edited_at,
        )
