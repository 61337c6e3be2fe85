"""Isso: its SQLite database file, or the generic JSON that `isso import` reads.

The database has `threads(id, uri, title)` and `comments(tid, id, parent, created, modified, mode,
remote_addr, text, author, email, website, likes, dislikes, voters)`. mode 1 is accepted
(published), 2 waiting in the moderation queue (held), 4 deleted (Isso keeps a deleted comment
that has replies, emptied, so the thread keeps its shape). Times are UNIX floats; text is
Markdown, rendered like a reader's comment.

The generic JSON is a list of threads, `{"id": uri, "title", "comments": [{"id" (unique within
the thread), "author", "email", "website", "remote_addr", "created": "YYYY-MM-DD HH:MM:SS",
"text"}]}`; Isso accepts every such comment. "parent" (an id in the same thread) and "mode" are
read when present. Both shapes key stories by URI, so a database and a JSON file of the same
site share stories; comment ids differ (global in the database, per thread in the JSON).

Isso has no accounts: an author with an e-mail becomes a user matched by e-mail, others stay
names only. Isso stores the page path, not its address; the loader makes it absolute against the
site's URL.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, BinaryIO
from urllib.parse import quote, unquote_plus

import ijson

from civility.imports.errors import ImportFailed
from civility.imports.formats.safe_json import check_nesting
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import (
    DELETED,
    HELD,
    PUBLISHED,
    CommentRecord,
    Record,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)

NAME = "isso"

SQLITE_MAGIC = b"SQLite format 3\x00"
MODES = {1: PUBLISHED, 2: HELD, 4: DELETED}
# Form-encoded titles ("Nat+%26+Miguel") come from WordPress-to-Isso migrations.
_FORM_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}|\w\+\w")


def detect(first_bytes: bytes) -> bool:
    if first_bytes.startswith(SQLITE_MAGIC):
        return True
    head = first_bytes.lstrip()
    return head.startswith(b"[") and b'"comments"' in head


def convert(stream: BinaryIO) -> Iterator[Record]:
    first = stream.read(len(SQLITE_MAGIC))
    stream.seek(0)
    if first == SQLITE_MAGIC:
        yield from _convert_database(stream)
    else:
        yield from _convert_json(stream)


# Shared


def _title(raw: object, uri: str) -> str:
    title = str(raw or "").strip()
    if title and " " not in title and _FORM_ENCODED.search(title):
        title = unquote_plus(title).strip()
    return title or uri


def _address(raw: object) -> str | None:
    value = str(raw or "").strip()
    # Isso anonymises addresses; the all-zero one some migrations write says nothing.
    return None if value in ("", "0.0.0.0", "::") else value  # noqa: S104 (compared, not bound)


def _comment(
    *,
    source_id: str,
    uri: str,
    parent: str,
    created_at: datetime,
    edited_at: datetime | None,
    status: str,
    row: dict[str, Any],
) -> CommentRecord:
    name = str(row.get("author") or "").strip()
    email = str(row.get("email") or "").strip()
    user = UserRecord(source_id=email.lower(), name=name, email=email) if email else None
    return CommentRecord(
        source_id=source_id,
        story_source_id=uri,
        parent_source_id=parent,
        created_at=created_at,
        edited_at=edited_at,
        text=str(row.get("text") or ""),
        text_format="markdown",
        status=status,
        author=user,
        author_name=name or "Anonymous",
        client_address=_address(row.get("remote_addr")),
    )


# The SQLite database


def _unix(value: object) -> datetime | None:
    try:
        stamp = float(value)  # type: ignore[arg-type]
        return datetime.fromtimestamp(stamp, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


@contextmanager
def _database_path(stream: BinaryIO) -> Iterator[str]:
    """A path SQLite can open: the file itself, or a private copy of a stream that has none."""
    name = getattr(stream, "name", None)
    if isinstance(name, str) and os.path.isfile(name):
        yield name
        return
    with tempfile.TemporaryDirectory(prefix="civility-isso-") as tmp:
        path = os.path.join(tmp, "isso.db")
        with open(path, "wb") as out:
            shutil.copyfileobj(stream, out)
        yield path


def _open(path: str) -> sqlite3.Connection:
    # Read-only and immutable: the import never writes to (or locks) a live Isso database.
    uri = f"file:{quote(os.path.abspath(path))}?mode=ro&immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True)
        db.execute("PRAGMA trusted_schema = OFF")
        tables = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                "('threads', 'comments')"
            )
        }
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"Cannot read the SQLite file: {exc}.") from None
    if tables != {"threads", "comments"}:
        db.close()
        raise ImportFailed(
            "A SQLite file, but not an Isso database: it has no threads and comments tables."
        )
    return db


def _convert_database(stream: BinaryIO) -> Iterator[Record]:
    with _database_path(stream) as path:
        db = _open(path)
        db.row_factory = sqlite3.Row
        try:
            yield from _database_records(db)
        except sqlite3.DatabaseError as exc:
            raise ImportFailed(f"The Isso database is damaged or incomplete: {exc}.") from None
        finally:
            db.close()


def _database_records(db: sqlite3.Connection) -> Iterator[Record]:
    columns = {row[1] for row in db.execute("PRAGMA table_info(comments)")}
    missing = {"tid", "id", "created", "text"} - columns
    if missing:
        raise ImportFailed(f"The Isso comments table lacks {', '.join(sorted(missing))}.")
    for row in db.execute("SELECT id, uri, title FROM threads ORDER BY id"):
        uri = str(row["uri"] or "").strip()
        if not uri:
            yield SkippedRecord("thread without a uri", f"threads id={row['id']}", is_error=True)
            continue
        yield StoryRecord(source_id=uri, title=_title(row["title"], uri), url=uri)
    wanted = ["tid", "id", "parent", "created", "modified", "mode", "remote_addr", "text"]
    wanted += ["author", "email"]
    select = ", ".join(f"c.{name}" if name in columns else f"NULL AS {name}" for name in wanted)
    # The cursor streams rows: one comment in memory at a time.
    query = (
        f"SELECT {select}, t.uri AS uri FROM comments c "  # noqa: S608 (names from a fixed list)
        "LEFT JOIN threads t ON t.id = c.tid ORDER BY c.id"
    )
    for row in db.execute(query):
        data = dict(row)
        where = f"comments id={data['id']}"
        uri = str(data["uri"] or "").strip()
        if data["id"] is None:
            yield SkippedRecord("comment without an id", f"comments tid={data['tid']}", True)
            continue
        if not uri:
            yield SkippedRecord("comment's thread is not in the database", where, is_error=True)
            continue
        created_at = _unix(data["created"])
        if created_at is None:
            yield SkippedRecord("comment without a valid created time", where, is_error=True)
            continue
        try:
            mode = int(data["mode"]) if data["mode"] is not None else 1
        except (TypeError, ValueError):
            mode = 0
        yield _comment(
            source_id=str(data["id"]),
            uri=uri,
            parent=str(data["parent"]) if data["parent"] is not None else "",
            created_at=created_at,
            edited_at=_unix(data["modified"]),
            # Any other mode (a later Isso's) waits for a moderator rather than going live.
            status=MODES.get(mode, HELD),
            row=data,
        )


# The generic JSON


def _json_time(value: object) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _unix(value)
    text = str(value or "").strip()
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return parse_iso_utc(text)


def _threads(stream: BinaryIO) -> list[tuple[str, str]]:
    """First pass: each thread's (id, title), in order. Keys may follow the comments list."""
    threads: list[tuple[str, str]] = []
    current: dict[str, str] = {}
    events = ijson.parse(stream)
    for prefix, event, _ in events:
        if prefix != "" or event != "start_array":
            raise ImportFailed("Not an Isso JSON file: expected a list of threads.")
        break
    for prefix, event, value in events:
        if prefix == "item" and event == "start_map":
            current = {}
        elif prefix in ("item.id", "item.title") and event in ("string", "number"):
            current[prefix[5:]] = str(value)
        elif prefix == "item" and event == "end_map":
            threads.append((current.get("id", "").strip(), current.get("title", "")))
    return threads


def _convert_json(stream: BinaryIO) -> Iterator[Record]:
    try:
        check_nesting(stream, "Isso")
        threads = _threads(stream)
        stream.seek(0)
        for index, (uri, title) in enumerate(threads):
            if uri:
                yield StoryRecord(source_id=uri, title=_title(title, uri), url=uri)
            else:
                yield SkippedRecord("thread without an id", f"thread [{index}]", is_error=True)
        # Second pass: one comment object at a time, with the index of its thread.
        thread = -1
        builder: ijson.ObjectBuilder | None = None
        for prefix, event, value in ijson.parse(stream):
            if builder is not None:
                builder.event(event, value)
                if prefix == "item.comments.item" and event == "end_map":
                    yield from _json_comment(builder.value, threads[thread][0])
                    builder = None
            elif prefix == "item" and event == "start_map":
                thread += 1
            elif prefix == "item.comments.item" and event == "start_map":
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
    except ijson.JSONError as exc:
        raise ImportFailed(f"Not valid JSON: {exc}.") from None


def _json_comment(raw: Any, uri: str) -> Iterator[Record]:
    if not uri:
        return  # the thread was reported once, above
    if not isinstance(raw, dict) or raw.get("id") in (None, ""):
        yield SkippedRecord("comment without an id", f"thread {uri!r}", is_error=True)
        return
    local = str(raw["id"])
    where = f"thread {uri!r} comment id={local}"
    created_at = _json_time(raw.get("created"))
    if created_at is None:
        yield SkippedRecord("comment without a valid created time", where, is_error=True)
        return
    try:
        mode = int(raw.get("mode") or 1)
    except (TypeError, ValueError):
        mode = 0
    parent = raw.get("parent")
    yield _comment(
        # Ids are unique within a thread only.
        source_id=f"{uri}#{local}",
        uri=uri,
        parent=f"{uri}#{parent}" if parent not in (None, "") else "",
        created_at=created_at,
        edited_at=_json_time(raw["modified"]) if raw.get("modified") else None,
        status=MODES.get(mode, HELD),
        row=raw,
    )
