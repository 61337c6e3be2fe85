"""Civility's own export (see civility.imports.exporting, docs/export-format.md): read back
line by line. Users are held by id (one small record per person) so later lines can name them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from civility.imports.errors import ImportFailed
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import (
    CommentRecord,
    ModerationEventRecord,
    ReactionRecord,
    Record,
    ReportRecord,
    RevisionRecord,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)

NAME = "civility"
SUPPORTED_VERSIONS = {1, 2}


def detect(first_bytes: bytes) -> bool:
    first_line = first_bytes.split(b"\n", 1)[0].replace(b" ", b"")
    return first_line.startswith(b"{") and b'"format":"civility"' in first_line


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
        bio=_str(obj.get("bio")),
        date_joined=parse_iso_utc(_str(obj.get("date_joined"))),
        is_active=obj.get("is_active", True) is not False,
        password=_str(obj.get("password")),
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


def _required_time(obj: dict, name: str) -> datetime:
    value = parse_iso_utc(_str(obj.get(name)))
    if value is None:
        raise ValueError(f"no valid {name}")
    return value


def _known_user(users: dict[str, UserRecord], value: object) -> UserRecord:
    user = users.get(_str(value))
    if user is None:
        raise KeyError("user")
    return user


def _revision(obj: dict) -> RevisionRecord:
    return RevisionRecord(
        comment_source_id=_str(obj["comment"]),
        source=_str(obj.get("source")),
        html=_str(obj.get("html")),
        created_at=_required_time(obj, "created_at"),
    )


def _reaction(obj: dict, users: dict[str, UserRecord]) -> ReactionRecord:
    return ReactionRecord(
        comment_source_id=_str(obj["comment"]),
        user=_known_user(users, obj.get("user")),
        kind=_str(obj.get("kind")),
        created_at=_required_time(obj, "created_at"),
    )


def _report(obj: dict, users: dict[str, UserRecord]) -> ReportRecord:
    return ReportRecord(
        comment_source_id=_str(obj["comment"]),
        reporter=_known_user(users, obj.get("reporter")),
        reason=_str(obj.get("reason")),
        note=_str(obj.get("note")),
        created_at=_required_time(obj, "created_at"),
        resolved_at=parse_iso_utc(_str(obj.get("resolved_at"))),
    )


def _event(obj: dict, users: dict[str, UserRecord]) -> ModerationEventRecord:
    actor = obj.get("actor")
    codes, evidence = obj.get("reason_codes") or [], obj.get("evidence") or {}
    if not isinstance(codes, list) or not isinstance(evidence, dict):
        raise TypeError("reason_codes or evidence")
    return ModerationEventRecord(
        comment_source_id=_str(obj["comment"]),
        actor=None if actor is None else _known_user(users, actor),
        from_status=_str(obj.get("from_status")),
        to_status=_str(obj.get("to_status")),
        reason_codes=codes,
        evidence=evidence,
        note=_str(obj.get("note")),
        created_at=_required_time(obj, "created_at"),
    )


def convert(stream: BinaryIO) -> Iterator[Record]:
    header_line = stream.readline()
    try:
        header = json.loads(header_line)
    except (ValueError, RecursionError):  # RecursionError: nesting too deep for json
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
                yield user
            elif kind == "comment":
                yield _comment(obj, users, where)
            elif kind == "revision":
                yield _revision(obj)
            elif kind == "reaction":
                yield _reaction(obj, users)
            elif kind == "report":
                yield _report(obj, users)
            elif kind == "moderation_event":
                yield _event(obj, users)
            else:
                yield SkippedRecord(f"unknown type {kind!r}", where)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            yield SkippedRecord(f"broken line ({type(exc).__name__})", where, is_error=True)
