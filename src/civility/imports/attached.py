"""Write the records attached to comments (revisions, reactions, reports, moderation events).

Only Civility's own export carries them. They can only be written once their comment is, so the
loader spools them here as they are read (a private temporary SQLite file, like spool.py: memory
stays bounded whatever the file's size) and writes them after the comments, in file order, a
batch at a time.

Idempotency: each kind is matched by its natural key within its comment, so importing the same
export twice adds nothing and needs no ImportedObject row per reaction:
  revision          (comment, created_at, source)
  reaction          (comment, user)            (a reader has one reaction per comment)
  report            (comment, reporter, created_at)
  moderation event  (comment, created_at, from_status, to_status)
A record whose comment is neither in the file nor imported before is skipped and counted.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from civility.discussion.models import (
    Comment,
    CommentRevision,
    Reaction,
    ReactionKind,
    Report,
    ReportReason,
)
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.models import ImportedKind, ImportedObject
from civility.imports.records import (
    STATUSES,
    AttachedRecord,
    ModerationEventRecord,
    ReactionRecord,
    ReportRecord,
    RevisionRecord,
    SkippedRecord,
    UserRecord,
)
from civility.moderation.models import ModerationEvent
from civility.stories.models import Site

BATCH = 500

# What the summary calls each kind.
NAMES = {
    RevisionRecord: "revisions",
    ReactionRecord: "reactions",
    ReportRecord: "reports",
    ModerationEventRecord: "moderation events",
}

# Spooled as JSON, never pickled (as spool.py): reading back can only ever build records.
_KINDS: dict[str, type] = {cls.__name__: cls for cls in NAMES}
_TIMES = {"created_at", "resolved_at", "date_joined"}
_USERS = {"user", "reporter", "actor"}


def _dump(rec: AttachedRecord) -> bytes:
    return orjson.dumps([type(rec).__name__, dataclasses.asdict(rec)])


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    for name in _TIMES & data.keys():
        if data[name] is not None:
            data[name] = parse_iso_utc(data[name])
    return data


def _load(payload: bytes) -> AttachedRecord:
    kind, data = orjson.loads(payload)
    for name in _USERS & data.keys():
        if data[name] is not None:
            data[name] = UserRecord(**_fields(data[name]))
    return _KINDS[kind](**_fields(data))  # type: ignore[no-any-return]


UserPk = Callable[[UserRecord | None], int | None]
Key = Callable[[str], str]
Skip = Callable[[SkippedRecord], None]


class AttachedSpool:
    def __init__(self) -> None:
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None
        self.count = 0

    def _conn(self) -> sqlite3.Connection:
        # Made on first use: foreign formats never carry attached records.
        if self._db is None:
            self._dir = tempfile.TemporaryDirectory(prefix="civility-attached-")
            self._db = sqlite3.connect(Path(self._dir.name) / "attached.sqlite3")
            self._db.executescript(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA cache_size = -4096;
                CREATE TABLE item (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL);
                """
            )
        return self._db

    def add(self, rec: AttachedRecord) -> None:
        self._conn().execute("INSERT INTO item (payload) VALUES (?)", (_dump(rec),))
        self.count += 1

    def batches(self) -> Iterator[list[AttachedRecord]]:
        if self._db is None:
            return
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT seq, payload FROM item WHERE seq > ? ORDER BY seq LIMIT ?", (last, BATCH)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [_load(payload) for _, payload in rows]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        if self._dir is not None:
            self._dir.cleanup()


class AttachedWriter:
    """Writes spooled attached records into site; counts go to `created` and `existing`."""

    def __init__(
        self, *, site: Site, source_format: str, key: Key, user_pk: UserPk, skip: Skip
    ) -> None:
        self.site = site
        self.format = source_format
        self.key = key
        self.user_pk = user_pk
        self.skip = skip
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    def write(self, spool: AttachedSpool) -> None:
        for batch in spool.batches():
            self._write_batch(batch)

    def _comment_pks(self, batch: list[AttachedRecord]) -> dict[str, int]:
        keys = {self.key(rec.comment_source_id) for rec in batch}
        return dict(
            ImportedObject.objects.filter(
                site=self.site,
                source_format=self.format,
                kind=ImportedKind.COMMENT,
                source_id__in=keys,
            ).values_list("source_id", "object_id")
        )

    def _person(self, rec: UserRecord) -> int:
        pk = self.user_pk(rec)
        assert pk is not None  # a user record always maps to (or makes) an account
        return pk

    def _write_batch(self, batch: list[AttachedRecord]) -> None:
        pks = self._comment_pks(batch)
        by_kind: dict[type, list[tuple[int, AttachedRecord]]] = {kind: [] for kind in NAMES}
        for rec in batch:
            pk = pks.get(self.key(rec.comment_source_id))
            if pk is None:
                self.skip(
                    SkippedRecord(
                        f"{NAMES[type(rec)]} of a comment not in the file",
                        f"comment {rec.comment_source_id}",
                    )
                )
                continue
            by_kind[type(rec)].append((pk, rec))
        self._revisions(by_kind[RevisionRecord])  # type: ignore[arg-type]
        self._reactions(by_kind[ReactionRecord])  # type: ignore[arg-type]
        self._reports(by_kind[ReportRecord])  # type: ignore[arg-type]
        self._events(by_kind[ModerationEventRecord])  # type: ignore[arg-type]

    def _revisions(self, items: list[tuple[int, RevisionRecord]]) -> None:
        if not items:
            return
        seen = set(
            CommentRevision.objects.filter(comment_id__in={pk for pk, _ in items}).values_list(
                "comment_id", "created_at", "source"
            )
        )
        new = []
        for pk, rec in items:
            natural = (pk, rec.created_at, rec.source)
            if natural in seen:
                self.existing["revisions"] += 1
            else:
                seen.add(natural)
                new.append(
                    CommentRevision(
                        comment_id=pk, source=rec.source, html=rec.html, created_at=rec.created_at
                    )
                )
        CommentRevision.objects.bulk_create(new)
        self.created["revisions"] += len(new)

    def _reactions(self, items: list[tuple[int, ReactionRecord]]) -> None:
        if not items:
            return
        comment_pks = {pk for pk, _ in items}
        seen = set(
            Reaction.objects.filter(comment_id__in=comment_pks).values_list("comment_id", "user_id")
        )
        new = []
        for pk, rec in items:
            if rec.kind not in ReactionKind.values:
                self.skip(SkippedRecord(f"unknown reaction {rec.kind!r}", f"comment {pk}", True))
                continue
            user_pk = self._person(rec.user)
            if (pk, user_pk) in seen:
                self.existing["reactions"] += 1
            else:
                seen.add((pk, user_pk))
                new.append(
                    Reaction(
                        comment_id=pk, user_id=user_pk, kind=rec.kind, created_at=rec.created_at
                    )
                )
        Reaction.objects.bulk_create(new)
        self.created["reactions"] += len(new)
        if new:
            # Counted from the rows, so the stored count is right whatever was there before.
            counted = (
                Reaction.objects.filter(comment_id=OuterRef("pk"))
                .values("comment_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
            Comment.objects.filter(pk__in={r.comment_id for r in new}).update(
                reaction_count=Coalesce(Subquery(counted), 0)
            )

    def _reports(self, items: list[tuple[int, ReportRecord]]) -> None:
        if not items:
            return
        rows = Report.objects.filter(comment_id__in={pk for pk, _ in items}).values_list(
            "comment_id", "reporter_id", "created_at", "resolved_at"
        )
        seen = {(c, r, at) for c, r, at, _ in rows}
        # At most one open report per reader and comment (a database constraint).
        open_pairs = {(c, r) for c, r, _, resolved in rows if resolved is None}
        new = []
        for pk, rec in items:
            if rec.reason not in ReportReason.values:
                self.skip(
                    SkippedRecord(f"unknown report reason {rec.reason!r}", f"comment {pk}", True)
                )
                continue
            reporter = self._person(rec.reporter)
            if (pk, reporter, rec.created_at) in seen or (
                rec.resolved_at is None and (pk, reporter) in open_pairs
            ):
                self.existing["reports"] += 1
                continue
            seen.add((pk, reporter, rec.created_at))
            if rec.resolved_at is None:
                open_pairs.add((pk, reporter))
            new.append(
                Report(
                    comment_id=pk,
                    reporter_id=reporter,
                    reason=rec.reason,
                    note=rec.note[:1000],
                    created_at=rec.created_at,
                    resolved_at=rec.resolved_at,
                )
            )
        Report.objects.bulk_create(new)
        self.created["reports"] += len(new)

    def _events(self, items: list[tuple[int, ModerationEventRecord]]) -> None:
        if not items:
            return
        seen = set(
            ModerationEvent.objects.filter(comment_id__in={pk for pk, _ in items}).values_list(
                "comment_id", "created_at", "from_status", "to_status"
            )
        )
        new = []
        for pk, rec in items:
            if rec.to_status not in STATUSES or rec.from_status not in ("", *STATUSES):
                self.skip(
                    SkippedRecord("moderation event with an unknown status", f"comment {pk}", True)
                )
                continue
            natural = (pk, rec.created_at, rec.from_status, rec.to_status)
            if natural in seen:
                self.existing["moderation events"] += 1
                continue
            seen.add(natural)
            new.append(
                ModerationEvent(
                    comment_id=pk,
                    actor_id=self.user_pk(rec.actor),
                    from_status=rec.from_status,
                    to_status=rec.to_status,
                    reason_codes=rec.reason_codes,
                    evidence=rec.evidence,
                    note=rec.note,
                    created_at=rec.created_at,
                )
            )
        ModerationEvent.objects.bulk_create(new)
        self.created["moderation events"] += len(new)

    def lines(self) -> list[str]:
        return [
            f"{name}: {self.created[name]} created, {self.existing[name]} already there"
            for name in NAMES.values()
            if self.created[name] or self.existing[name]
        ]
