"""page_of_comment names the page on which thread_page actually shows the comment."""

from __future__ import annotations

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thread_builders import ALL_OPTIONS, all_pages, build, tree_specs

from civility.discussion.thread_page import page_of_comment
from civility.discussion.viewing import ViewingOptions


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=tree_specs(max_size=8), viewer_index=st.integers(0, 3), per_page=st.integers(1, 4))
def test_it_finds_the_page_that_shows_each_comment(
    story, authors, viewers, specs, viewer_index, per_page
):
    viewer = viewers[viewer_index]
    with transaction.atomic():
        comments = build(story, authors, specs)
        for mode, order in ALL_OPTIONS:
            options = ViewingOptions(mode=mode, order=order, per_page=per_page)
            shown_on = {
                c.pk: number
                for number, page in enumerate(all_pages(viewer, story, options), start=1)
                for c in page
            }
            for comment in comments:
                if comment.pk in shown_on:
                    assert page_of_comment(viewer, comment, options) == shown_on[comment.pk], (
                        mode,
                        order,
                    )
                else:
                    # A comment the viewer may not see sends them to the first page.
                    assert page_of_comment(viewer, comment, options) == 1
        transaction.set_rollback(True)
