"""The keyset filter after a cursor returns exactly the rows that sort after it (ties included),
and carries a plain range on the first key so PostgreSQL can scan an index range."""

from __future__ import annotations

from django.db.models import Q
from thread_builders import ALL_OPTIONS, Spec, build

from civility.discussion.thread_page import after_key, ordered_thread, sort_key
from civility.discussion.viewing import ViewingOptions


def test_after_key_returns_the_rows_after_each_cursor(story, authors, viewers):
    # Every comment at one of two minutes: many equal created_at values.
    specs = [
        Spec(
            parent=p,
            author=i % 4,
            status="published",
            minute=i % 2,
            reactors={} if i % 4 == 0 else {0: "like"},
        )
        for i, p in enumerate([None, 0, None, 1, None, 2, 0, None, 4, 3])
    ]
    build(story, authors, specs)
    for viewer in viewers:
        for mode, order in ALL_OPTIONS:
            options = ViewingOptions(mode=mode, order=order)
            ordered, keys = ordered_thread(viewer, story, options)
            rows = list(ordered)
            assert rows
            for n, row in enumerate(rows):
                after = list(ordered.filter(after_key(sort_key(row, keys), keys)))
                assert [c.pk for c in after] == [c.pk for c in rows[n + 1 :]], (mode, order, n)


def test_after_key_bounds_the_first_key():
    keys = [("created_at", True), ("id", True)]
    condition = after_key(["2026-01-05", 9], keys)
    assert ("created_at__lte", "2026-01-05") in condition.children
    oldest = after_key([3, "01/"], [("root_seq", False), ("path", False)])
    assert ("root_seq__gte", 3) in oldest.children
    assert isinstance(oldest, Q)
