"""Civility's own export (see civility.imports.exporting): read back line by line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from civility.imports.errors import ImportFailed
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import CommentRecord, Record, SkippedRecord, StoryRecord, UserRecord

NAME = "civility"
SUPPORTED_VERSIONS = {1}


def detect(first_bytes: bytes) -> bool:
    first_line = first_bytes.split(b"\n", 1)[0]
    return first_line.startswith(b"{") and b'"format": "civility"' in first_line


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _story(obj: dict) -> StoryRecord:
    return StoryRecord(
        source_id=_str(obj["id"]),
        title=_str(obj.get("title")),
        slug=_str(obj.get("slug")),
        standfirst=_str(obj.get("standfirst")),
        url=_str(obj.get("url")),
        external_id=_str(obj.get("external_id")),
        author_name=_str(obj.get("author_name")),
        body=_str(obj.get("body_markdown")),
        published_at=parse_iso_utc(_str(obj.get("published_at"))),
        is_open=bool(obj.get("is_open", True)),
    )


def _user(obj: dict) -> UserRecord:
    return UserRecord(
        source_id=_str(obj["id"]),
        name=_str(obj.get("display_name")),
        email=_str(obj.get("email")),
        username=_str(obj.get("username")),
    )


def _comment(obj: dict, users: dict[str, UserRecord], where: str) -> Record:
    created_at = parse_iso_utc(_str(obj.get("created_at")))
    if created_at is None:
        return SkippedRecord("comment without a valid created_at", where, is_error=True)
    return CommentRecord(
        source_id=_str(obj["id"]),
        story_source_id=_str(obj["story"]),
        parent_source_id=_str(obj.get("parent")),
        created_at=created_at,
        text=_str(obj.get("source")),
        html=_str(obj.get("html")),
        status=_str(obj.get("status")),
        author=users.get(_str(obj.get("author"))),
        author_name=_str(obj.get("author_name")),
        client_address=obj.get("client_address"),
        edited_at=parse_iso_utc(_str(obj.get("edited_at"))),
        featured_at=parse_iso_utc(_str(obj.get("featured_at"))),
    )


def convert(stream: BinaryIO) -> Iterator[Record]:
    header_line = stream.readline()
    try:
        header = json.loads(header_line)
    except ValueError:
        raise ImportFailed("Not a Civility export: the first line is not JSON.") from None
    if not isinstance(header, dict) or header.get("format") != "civility":
        raise ImportFailed('Not a Civility export: the header has no "format": "civility".')
    if header.get("version") not in SUPPORTED_VERSIONS:
        raise ImportFailed(f"Civility export version {header.get('version')!r} is not supported.")
    users: dict[str, UserRecord] = {}
    for number, raw in enumerate(stream, start=2):
        if not raw.strip():
            continue
        where = f"line {number}"
        try:
            obj = json.loads(raw)
            kind = obj["type"]
            if kind == "story":
                yield _story(obj)
            elif kind == "user":
                user = _user(obj)
                users[user.source_id] = user
            elif kind == "comment":
                yield _comment(obj, users, where)
            else:
                yield SkippedRecord(f"unknown type {kind!r}", where)
        except (ValueError, KeyError, TypeError) as exc:
            yield SkippedRecord(f"broken line ({type(exc).__name__})", where, is_error=True)
