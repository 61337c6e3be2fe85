"""A private on-disk spool for the comment records of one import, so memory stays bounded.

Comments must be written in chronological order (thread paths follow time within each parent),
but exports are not sorted by time, and a million-comment export cannot be held in memory. The
loader therefore spools each comment record to a temporary SQLite file as it is read, and reads
them back in (created_at, arrival) order in batches. The same file keeps what the loader needs of
every comment already handled (its "node": local pk, path, counters), so resolving a reply's parent
is an indexed look-up on disk rather than a dict holding every comment.

Records are stored as JSON arrays (orjson), never pickled: reading the spool back can only ever
build plain values, whatever ends up in the file. The spool lives in a fresh private temporary
directory and is deleted at the end of load().
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from civility.imports.records import CommentRecord, UserRecord

# Node states.
WRITTEN = 0  # written in this import (or loaded from an earlier one): pk and path are known
SKIPPED = 1  # handled but not written (broken record): replies to it become top level
EARLIER = 2  # imported by an earlier run: its row is loaded from the database when needed

READ_BATCH = 1000


@dataclass
class Node:
    """What the loader needs of a comment to hang replies under it."""

    pk: int | None
    story_id: int
    path: str
    depth: int
    root_seq: int
    child_seq: int
    reply_count: int
    dirty: bool = False
    state: int = WRITTEN


def _sort_key(rec: CommentRecord) -> str:
    # Fixed-width UTC text sorts like the instant it names.
    return rec.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _dump(rec: CommentRecord) -> bytes:
    author = rec.author
    return orjson.dumps(
        [
            rec.source_id, rec.story_source_id, rec.created_at, rec.text, rec.text_format,
            rec.parent_source_id, rec.status,
            None if author is None
            else [author.source_id, author.name, author.email, author.username],
            rec.author_name, rec.client_address, rec.edited_at, rec.featured_at, rec.html,
            rec.extra,
        ],
        # extra is free-form: anything JSON cannot hold is kept as its text.
        default=str,
    )  # fmt: skip


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _load(payload: bytes) -> CommentRecord:
    (
        source_id, story_source_id, created_at, text, text_format, parent_source_id, status,
        author, author_name, client_address, edited_at, featured_at, html, extra,
    ) = orjson.loads(payload)  # fmt: skip
    created = _time(created_at)
    assert created is not None  # _dump always writes it
    extra_dict: dict[str, Any] = extra if isinstance(extra, dict) else {}
    return CommentRecord(
        source_id=source_id,
        story_source_id=story_source_id,
        created_at=created,
        text=text,
        text_format=text_format,
        parent_source_id=parent_source_id,
        status=status,
        author=UserRecord(*author) if author is not None else None,
        author_name=author_name,
        client_address=client_address,
        edited_at=_time(edited_at),
        featured_at=_time(featured_at),
        html=html,
        extra=extra_dict,
    )


class Spool:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="civility-import-")
        self.db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite3")
        # A scratch file: no journal, no fsync, a small page cache (the point is bounded memory).
        self.db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = FILE;
            PRAGMA cache_size = -8192;
            CREATE TABLE record (
                seq INTEGER PRIMARY KEY, key TEXT NOT NULL,
                created TEXT NOT NULL, payload BLOB NOT NULL
            );
            CREATE TABLE node (
                key TEXT PRIMARY KEY, state INTEGER NOT NULL, pk INTEGER, story_id INTEGER,
                path TEXT, depth INTEGER, root_seq INTEGER, child_seq INTEGER,
                reply_count INTEGER, dirty INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE waiting (parent_key TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE INDEX waiting_parent ON waiting (parent_key);
            """
        )
        self.count = 0

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    # Records

    def add(self, key: str, rec: CommentRecord) -> None:
        self.db.execute(
            "INSERT INTO record (key, created, payload) VALUES (?, ?, ?)",
            (key, _sort_key(rec), _dump(rec)),
        )
        self.count += 1

    def finish_reading(self) -> None:
        # Indexes built once after the inserts: cheaper than maintaining them row by row.
        self.db.executescript(
            """
            CREATE INDEX record_order ON record (created, seq);
            CREATE INDEX record_key ON record (key);
            """
        )

    def in_order(self) -> Iterator[list[tuple[int, CommentRecord]]]:
        """Every record, oldest first (ties in file order), READ_BATCH at a time."""
        last: tuple[str, int] = ("", 0)
        while True:
            rows = self.db.execute(
                "SELECT created, seq, payload FROM record WHERE (created, seq) > (?, ?)"
                " ORDER BY created, seq LIMIT ?",
                (*last, READ_BATCH),
            ).fetchall()
            if not rows:
                return
            last = (rows[-1][0], rows[-1][1])
            yield [(seq, _load(payload)) for _, seq, payload in rows]

    def in_file(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM record WHERE key = ?", (key,)).fetchone() is not None

    def records(self, seqs: Iterable[int]) -> list[tuple[int, CommentRecord]]:
        out = []
        for seq in seqs:
            (payload,) = self.db.execute(
                "SELECT payload FROM record WHERE seq = ?", (seq,)
            ).fetchone()
            out.append((seq, _load(payload)))
        return out

    # Replies that arrived (by time) before their parent

    def wait(self, parent_key: str, seq: int) -> None:
        self.db.execute("INSERT INTO waiting (parent_key, seq) VALUES (?, ?)", (parent_key, seq))

    def release(self, parent_key: str) -> list[int]:
        seqs = [
            seq
            for (seq,) in self.db.execute(
                "SELECT seq FROM waiting WHERE parent_key = ? ORDER BY rowid", (parent_key,)
            )
        ]
        self.db.execute("DELETE FROM waiting WHERE parent_key = ?", (parent_key,))
        return seqs

    def still_waiting(self) -> Iterator[list[int]]:
        """Replies never released (only in a parent cycle), READ_BATCH at a time, removed."""
        while True:
            rows = self.db.execute(
                "SELECT rowid, seq FROM waiting ORDER BY rowid LIMIT ?", (READ_BATCH,)
            ).fetchall()
            if not rows:
                return
            self.db.execute("DELETE FROM waiting WHERE rowid <= ?", (rows[-1][0],))
            yield [seq for _, seq in rows]

    # Nodes

    def node(self, key: str) -> Node | None:
        row = self.db.execute(
            "SELECT pk, story_id, path, depth, root_seq, child_seq, reply_count, dirty, state"
            " FROM node WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        pk, story_id, path, depth, root_seq, child_seq, reply_count, dirty, state = row
        return Node(
            pk, story_id or 0, path or "", depth or 0, root_seq or 0, child_seq or 0,
            reply_count or 0, bool(dirty), state,
        )  # fmt: skip

    def mark(self, key: str, state: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO node (key, state) VALUES (?, ?)", (key, state))

    def save_nodes(self, items: Iterable[tuple[str, Node]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO node (key, state, pk, story_id, path, depth, root_seq,"
            " child_seq, reply_count, dirty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    key, n.state, n.pk, n.story_id, n.path, n.depth, n.root_seq, n.child_seq,
                    n.reply_count, int(n.dirty),
                )
                for key, n in items
            ],
        )  # fmt: skip

    def dirty_nodes(self) -> Iterator[list[tuple[int, int, int]]]:
        """(pk, child_seq, reply_count) of every node whose counters changed, in batches."""
        self.db.execute("CREATE INDEX IF NOT EXISTS node_dirty ON node (pk) WHERE dirty = 1")
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT pk, child_seq, reply_count FROM node WHERE dirty = 1 AND pk > ?"
                " ORDER BY pk LIMIT ?",
                (last, READ_BATCH),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield rows
