"""Paging through a thread in any mode and order lists each visible comment exactly once,
in the order the mode promises."""

from __future__ import annotations

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thread_builders import ALL_OPTIONS, Expected, all_pages, build, tree_specs

from civility.discussion.models import CommentStatus
from civility.discussion.viewing import ViewingOptions


def _assert_subtrees_contiguous(listed: list[int], expected: Expected) -> None:
    position = {i: n for n, i in enumerate(listed)}
    for i in listed:
        parent = expected.specs[i].parent
        if parent is None:
            continue
        if parent in position:
            assert position[parent] < position[i], "a reply appears before its parent"
        else:
            # Deleted parents stay as placeholders; only a parent hidden for moderation
            # (held, rejected) leaves its published replies without it.
            assert expected.specs[parent].status in (CommentStatus.HELD, CommentStatus.REJECTED)
        below = [position[d] for d in expected.descendants(i) if d in position]
        # The listed descendants of i follow it directly, with nothing else in between.
        assert sorted(below) == list(range(position[i] + 1, position[i] + 1 + len(below)))


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=tree_specs(max_size=8),
    viewer_index=st.integers(0, 3),
    small_page=st.integers(1, 4),
)
def test_it_lists_every_visible_comment_once_in_every_mode_and_order(
    story, authors, viewers, specs, viewer_index, small_page
):
    viewer = viewers[viewer_index]
    with transaction.atomic():
        comments = build(story, authors, specs)
        expected = Expected(specs, comments, authors, viewer, moderates=viewer_index == 3)
        for mode, order in ALL_OPTIONS:
            for per_page in (small_page, 50):
                options = ViewingOptions(mode=mode, order=order, per_page=per_page)
                pages = all_pages(viewer, story, options)
                assert all(len(p) == per_page for p in pages[:-1])
                assert len(pages[-1]) <= per_page
                listed = [expected.index_of[c.pk] for p in pages for c in p]
                assert len(listed) == len(set(listed)), "a comment is listed twice"
                assert set(listed) == expected.visible
                placeholders = {
                    expected.index_of[c.pk] for p in pages for c in p if c.is_placeholder
                }
                assert placeholders == expected.placeholders
                assert listed == expected.order(options.threaded, order), (mode, order)
                if options.threaded:
                    _assert_subtrees_contiguous(listed, expected)
        transaction.set_rollback(True)
