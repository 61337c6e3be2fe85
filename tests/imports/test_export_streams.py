"""The export streams: memory stays flat however many comments the site has."""

from __future__ import annotations

import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext

from civility.discussion import thread_path
from civility.discussion.models import Comment
from civility.imports.exporting import export_lines

COMMENTS = 4_000
TEXT = "An ordinary reader's opinion on the budget, padded to a realistic length. " * 14
# About 2 KB a comment (text and HTML): the whole export is over 8 MB, while the traced peak
# stays near one fetched chunk of rows. Only an export that keeps rows or lines fails this.
CEILING_BYTES = 4 * 1024 * 1024


def make_comments(story, author) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for n in range(COMMENTS):
        seq = thread_path.FIRST_TOP_LEVEL + n
        rows.append(
            Comment(
                story=story,
                author=author,
                path=thread_path.child_path("", seq),
                root_seq=seq,
                source=f"{n} {TEXT}",
                html=f"<p>{n} {TEXT}</p>",
            )
        )
    Comment.objects.bulk_create(rows, batch_size=500)


def test_it_exports_thousands_of_comments_in_bounded_memory(site, story, reader):
    make_comments(story, reader)
    total = lines = 0
    tracemalloc.start()
    try:
        for line in export_lines(site):
            total += len(line)
            lines += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == 1 + 1 + 1 + COMMENTS  # header, story, user, comments
    assert total > 2 * CEILING_BYTES
    assert peak < CEILING_BYTES, peak


def test_it_yields_the_first_lines_before_reading_the_comments(site, story, reader):
    make_comments(story, reader)
    stream = export_lines(site)
    with CaptureQueriesContext(connection) as queries:
        header, story_line = next(stream), next(stream)
    assert '"format": "civility"' in header and '"type": "story"' in story_line
    assert not any("discussion_comment" in q["sql"].split("FROM", 1)[1][:40] for q in queries)
    assert sum(1 for _ in stream) == 1 + COMMENTS
