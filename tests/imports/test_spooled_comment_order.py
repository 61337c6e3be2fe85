"""Comments go through the on-disk spool: order, waiting replies and cycles still come out right."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from civility.discussion.models import Comment
from civility.imports.loader import load
from civility.imports.records import CommentRecord, StoryRecord

from .helpers import assert_counters_consistent

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def comment(source_id, minutes, parent="", text=None):  # type: ignore[no-untyped-def]
    return CommentRecord(
        source_id=source_id,
        story_source_id="s1",
        created_at=T0 + timedelta(minutes=minutes),
        text=text or f"comment {source_id}",
        parent_source_id=parent,
    )


def run(site, records):  # type: ignore[no-untyped-def]
    return load([StoryRecord("s1", "A story"), *records], site=site, source_format="test")


def by_source(site):  # type: ignore[no-untyped-def]
    return {c.source: c for c in Comment.objects.filter(story__site=site)}


def test_it_writes_a_reply_dated_before_its_parent_right_after_the_parent(site):
    run(
        site,
        [
            comment("a", 10),
            comment("b", 1, parent="a"),  # clock skew: older than its parent
            comment("c", 2, parent="b"),
            comment("d", 5),
        ],
    )
    rows = by_source(site)
    assert rows["comment b"].parent_id == rows["comment a"].pk
    assert rows["comment c"].parent_id == rows["comment b"].pk
    assert rows["comment c"].depth == 2
    # d is older than a, so it comes first among top-level comments.
    assert rows["comment d"].root_seq < rows["comment a"].root_seq
    assert_counters_consistent(site)


def test_it_breaks_a_parent_cycle_by_keeping_its_members_top_level(site):
    summary = run(site, [comment("x", 1, parent="y"), comment("y", 2, parent="x")])
    rows = by_source(site)
    assert len(rows) == 2
    assert summary.orphans_top_level >= 1
    assert any(c.parent_id is None for c in rows.values())
    assert_counters_consistent(site)


def test_a_later_import_hangs_new_replies_under_comments_imported_before(site):
    run(site, [comment("a", 1), comment("b", 2, parent="a")])
    summary = run(
        site,
        [comment("a", 1), comment("b", 2, parent="a"), comment("c", 3, parent="b")],
    )
    assert summary.comments_created == 1 and summary.comments_existing == 2
    rows = by_source(site)
    assert rows["comment c"].parent_id == rows["comment b"].pk
    assert rows["comment c"].path.startswith(rows["comment b"].path)
    assert_counters_consistent(site)


def test_a_source_id_repeated_in_the_file_is_written_once(site):
    summary = run(site, [comment("a", 1), comment("a", 2, text="again")])
    assert summary.comments_created == 1 and summary.comments_existing == 0
    # Reported as a duplicate in the file, not as something an earlier import brought.
    assert summary.skipped == {"comment id seen twice in the file": 1}
    assert not summary.errors
    assert Comment.objects.filter(story__site=site).count() == 1
