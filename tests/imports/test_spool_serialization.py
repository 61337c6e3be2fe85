"""The on-disk spool stores records as JSON, never pickles, and gives back what it was given."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from civility.imports.records import CommentRecord, UserRecord
from civility.imports.spool import Spool

T0 = datetime(2024, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)


def full_record() -> CommentRecord:
    return CommentRecord(
        source_id="c1",
        story_source_id="s1",
        created_at=T0,
        text="Some *text* with ünïcode and a \x00 byte",
        text_format="html",
        parent_source_id="c0",
        status="held",
        author=UserRecord(source_id="u1", name="Ada", email="ada@example.org", username="ada"),
        author_name="Ada L.",
        client_address="203.0.113.7",
        edited_at=T0 + timedelta(minutes=5),
        featured_at=datetime(2024, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=2))),
        html="<p>Some</p>",
        extra={"likes": 3, "when": T0},
    )


def test_a_record_comes_back_from_the_spool_as_it_went_in():
    spool = Spool()
    try:
        rec = full_record()
        bare = CommentRecord(source_id="c2", story_source_id="s1", created_at=T0, text="")
        spool.add("c1", rec)
        spool.add("c2", bare)
        spool.finish_reading()
        [[(_, first), (_, second)]] = list(spool.in_order())
    finally:
        spool.close()
    assert first == rec  # every field but extra, which compares out
    assert first.featured_at == rec.featured_at
    assert first.extra == {"likes": 3, "when": T0.isoformat()}
    assert second == bare
    assert second.author is None and second.edited_at is None


def test_the_spool_file_holds_json_not_pickles():
    spool = Spool()
    try:
        spool.add("c1", full_record())
        spool.db.commit()
        path = Path(spool._dir.name) / "spool.sqlite3"
        (payload,) = sqlite3.connect(path).execute("SELECT payload FROM record").fetchone()
    finally:
        spool.close()
    assert payload.startswith(b'["c1","s1","2024-03-01T09:00:00.123456+00:00"')
    assert b"\x80" not in payload[:2]  # no pickle protocol header
