"""Commento's one JSON document is read incrementally: memory does not grow with the file."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from civility.imports.errors import ImportFailed
from civility.imports.formats import commento
from civility.imports.records import CommentRecord

COMMENTS = 20_000
TEXT = "A reasonably ordinary sentence of reader opinion, padded out a little. " * 4


def write_export(path, comments: int) -> None:  # type: ignore[no-untyped-def]
    with path.open("w") as out:
        out.write('{"version": 1, "comments": [')
        for n in range(comments):
            out.write(
                ("," if n else "")
                + json.dumps(
                    {
                        "commentHex": f"c{n}",
                        "domain": "gazette.example",
                        "url": f"/news/{n % 50}",
                        "commenterHex": f"r{n % 100}",
                        "markdown": f"{n} {TEXT}",
                        "parentHex": f"c{n - 1}" if n % 2 else "root",
                        "state": "approved",
                        "creationDate": "2024-03-01T09:00:00Z",
                        "deleted": False,
                    }
                )
            )
        # Commento writes the commenters after the comments.
        commenters = [
            {"commenterHex": f"r{n}", "name": f"Reader {n}", "email": f"r{n}@example.org"}
            for n in range(100)
        ]
        out.write('], "commenters": ' + json.dumps(commenters) + "}")


def test_a_large_export_streams_with_memory_that_does_not_grow_with_it(tmp_path):
    path = tmp_path / "commento.json"
    write_export(path, COMMENTS)
    size = path.stat().st_size
    assert size > 6_000_000
    count = 0
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            for rec in commento.convert(stream):
                count += isinstance(rec, CommentRecord)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == COMMENTS
    # json.load would hold every comment at once: several times the file's size.
    assert peak < size / 4, peak


def test_commenters_written_after_the_comments_are_joined(tmp_path):
    path = tmp_path / "commento.json"
    write_export(path, 3)
    with path.open("rb") as stream:
        comments = [r for r in commento.convert(stream) if isinstance(r, CommentRecord)]
    assert [c.author.email if c.author else None for c in comments] == [
        "r0@example.org",
        "r1@example.org",
        "r2@example.org",
    ]
    assert comments[1].parent_source_id == "c0"


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "comments": [{"commentHex": "c1"',
        b'[{"commentHex": "c1"}]',
        b'{"version": 1, "commenters": []}',
        b"\xff\xfe{",
    ],
)
def test_a_truncated_or_misshapen_file_is_refused(tmp_path, content):
    path = tmp_path / "commento.json"
    path.write_bytes(content)
    with path.open("rb") as stream, pytest.raises(ImportFailed):
        list(commento.convert(stream))
