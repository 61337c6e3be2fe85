"""Isso's SQLite database and its generic JSON import into stories, users and threads."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.imports.formats import detect_format, isso
from civility.stories.models import Story

from .helpers import assert_counters_consistent, run_import

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC).timestamp()
# What some migrations to Isso write for an unknown address.
UNSPECIFIED = "0.0.0.0"  # noqa: S104 (data, not a socket)

SCHEMA = """
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL
);
"""


def make_database(path, comments, threads=((1, "/news/one/", "One"), (2, "/news/two/", None))):  # type: ignore[no-untyped-def]
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO threads VALUES (?, ?, ?)", threads)
    db.executemany(
        "INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text,"
        " author, email, website, voters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, x'00')",
        comments,
    )
    db.commit()
    db.close()
    return path


COMMENTS = [
    # tid, id, parent, created, modified, mode, remote_addr, text, author, email, website
    (1, 1, None, T0, None, 1, "203.0.113.0", "First, *accepted*.", "Ada", "ada@example.org", ""),
    (1, 2, 1, T0 + 60, T0 + 90, 1, "198.51.100.0", "A reply, edited.", "Brian", "", ""),
    (1, 3, None, T0 + 120, None, 2, UNSPECIFIED, "Waiting in the queue.", None, None, None),
    (1, 4, None, T0 + 180, None, 4, None, "", None, None, None),
    (1, 5, 4, T0 + 240, None, 1, None, "Reply to a deleted one.", "Cleo", "", ""),
    (1, 6, 99, T0 + 300, None, 1, None, "Parent never existed.", "Dan", "", ""),
    (2, 7, None, T0 + 360, None, 1, None, "On the untitled thread.", "Ada", "ADA@example.org", ""),
    (3, 8, None, T0 + 420, None, 1, None, "Thread 3 is missing.", "Eve", "", ""),
]


@pytest.fixture
def imported(site, tmp_path):
    site.url = "https://gazette.example/"
    site.save()
    path = make_database(tmp_path / "comments.db", COMMENTS)
    with pytest.raises(CommandError) as failure:
        run_import(path, site)
    assert "1 record(s) skipped for errors" in str(failure.value)
    return {c.source: c for c in Comment.objects.filter(story__site=site)}


def test_it_detects_an_isso_database_by_its_sqlite_header(tmp_path):
    path = make_database(tmp_path / "comments.db", COMMENTS[:1])
    with path.open("rb") as stream:
        assert detect_format(stream) == "isso"


def test_it_makes_stories_from_threads_with_absolute_urls(site, imported):
    stories = {s.url: s.title for s in Story.objects.filter(site=site)}
    assert stories == {
        "https://gazette.example/news/one/": "One",
        "https://gazette.example/news/two/": "/news/two/",  # untitled: named by its path
    }


def test_it_maps_isso_modes_to_statuses(imported):
    assert imported["First, *accepted*."].status == "published"
    assert imported["Waiting in the queue."].status == "held"
    assert imported[""].status == "deleted"


def test_it_renders_markdown_and_keeps_times_and_addresses(imported):
    first, reply = imported["First, *accepted*."], imported["A reply, edited."]
    assert "<em>accepted</em>" in first.html
    assert first.created_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    assert reply.edited_at == datetime(2024, 3, 1, 9, 1, 30, tzinfo=UTC)
    assert first.client_address == "203.0.113.0"
    assert imported["Waiting in the queue."].client_address is None  # 0.0.0.0 says nothing


def test_it_threads_replies_including_under_deleted_and_missing_parents(site, imported):
    assert imported["A reply, edited."].parent_id == imported["First, *accepted*."].pk
    assert imported["Reply to a deleted one."].parent_id == imported[""].pk
    assert imported["Parent never existed."].parent_id is None
    assert "Thread 3 is missing." not in imported
    assert_counters_consistent(site)


def test_it_matches_authors_by_email_and_keeps_the_rest_as_names(imported):
    first, other = imported["First, *accepted*."], imported["On the untitled thread."]
    assert first.author is not None and first.author.email == "ada@example.org"
    assert other.author_id == first.author_id
    assert imported["A reply, edited."].author is None
    assert imported["A reply, edited."].author_name == "Brian"
    assert imported["Waiting in the queue."].author_name == "Anonymous"


def test_importing_the_database_twice_adds_nothing(site, imported, tmp_path):
    with pytest.raises(CommandError):
        run_import(tmp_path / "comments.db", site)
    assert Comment.objects.filter(story__site=site).count() == len(imported)
    assert Story.objects.filter(site=site).count() == 2


def test_a_sqlite_file_that_is_not_isso_is_refused(site, tmp_path):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.commit()
    db.close()
    with pytest.raises(CommandError, match="not an Isso database"):
        run_import(path, site)
    assert not Comment.objects.exists()


def test_a_stream_without_a_file_name_is_read_through_a_private_copy(site, tmp_path):
    path = make_database(tmp_path / "comments.db", COMMENTS[:2])
    from io import BytesIO

    records = list(isso.convert(BytesIO(path.read_bytes())))
    assert [type(r).__name__ for r in records] == [
        "StoryRecord",
        "StoryRecord",
        "CommentRecord",
        "CommentRecord",
    ]


GENERIC = [
    {
        "comments": [
            {
                "email": "",
                "remote_addr": UNSPECIFIED,
                "website": "http://example.org",
                "created": "2005-02-24 04:03:37",
                "author": "texas holdem",
                "id": 0,
                "text": "First in thread one.",
            },
            {
                "id": 1,
                "author": "Ada",
                "email": "ada@example.org",
                "created": "2005-02-24 05:00:00",
                "text": "A reply in thread one.",
                "parent": 0,
            },
            {"id": 2, "author": "No date", "text": "Dropped."},
            {"id": 3, "created": "2005-02-25 10:00:00", "text": "Queued.", "mode": 2},
        ],
        "id": "/posts/0001/",
        "title": "Test+post",
    },
    {
        "title": "Nat+%26+Miguel",
        "id": "/posts/0007/",
        "comments": [
            {"id": 0, "created": "2005-05-08 06:50:26", "author": "Richard", "text": "Hi :)\n"}
        ],
    },
]


def test_it_imports_isso_generic_json_with_per_thread_ids(site, tmp_path):
    path = tmp_path / "isso.json"
    path.write_text(json.dumps(GENERIC))
    with path.open("rb") as stream:
        assert detect_format(stream) == "isso"
    with pytest.raises(CommandError):
        run_import(path, site)  # "No date" has no created time: an error, the rest imports
    titles = sorted(Story.objects.filter(site=site).values_list("title", flat=True))
    assert titles == ["Nat & Miguel", "Test post"]
    comments = {c.source: c for c in Comment.objects.filter(story__site=site)}
    assert set(comments) == {
        "First in thread one.",
        "A reply in thread one.",
        "Queued.",
        "Hi :)\n",
    }
    assert comments["A reply in thread one."].parent_id == comments["First in thread one."].pk
    assert comments["Hi :)\n"].parent_id is None  # id 0 of another thread is another comment
    assert comments["Queued."].status == "held"
    assert comments["First in thread one."].created_at == datetime(
        2005, 2, 24, 4, 3, 37, tzinfo=UTC
    )
    assert_counters_consistent(site)


def test_json_that_is_not_a_list_of_threads_is_refused(tmp_path):
    from civility.imports.errors import ImportFailed

    path = tmp_path / "x.json"
    path.write_text('{"comments": []}')
    with path.open("rb") as stream, pytest.raises(ImportFailed):
        list(isso.convert(stream))
