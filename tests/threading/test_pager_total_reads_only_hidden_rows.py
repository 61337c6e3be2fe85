"""The pager's total is story.comment_count (the published comments) plus the non-published
rows the viewer sees: their own held comments, what a moderator sees, and placeholders. It is
exactly what the thread lists, for every kind of reader, and it never reads a published row, so
its cost does not grow with the thread."""

from __future__ import annotations

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thread_builders import Expected, build, post, tree_specs

from civility.discussion import actions
from civility.discussion.access import visible_comments
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.thread_page import thread_page, visible_total
from civility.discussion.viewing import ViewingOptions
from civility.stories.models import Story


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=tree_specs(max_size=10), viewer_index=st.integers(0, 4))
def test_it_counts_exactly_what_the_viewer_sees(
    story, authors, viewers, make_user, specs, viewer_index
):
    with transaction.atomic():
        superuser = make_user("root", is_superuser=True)
        viewer = [*viewers, superuser][viewer_index]
        comments = build(story, authors, specs)
        expected = Expected(specs, comments, authors, viewer, moderates=viewer_index in (3, 4))
        # build() hid comments after posting them; the instance's count is stale, the total
        # is not.
        assert visible_total(viewer, story) == len(expected.visible)
        assert visible_total(viewer, story) == visible_comments(viewer, story).count()
        transaction.set_rollback(True)


def test_it_counts_placeholders_down_a_chain_of_hidden_comments(
    story, reader, second_reader, site_moderator, fixed_gate
):
    from django.contrib.auth.models import AnonymousUser

    from civility.moderation.gate import Decision

    deleted = post(story, reader)
    rejected = post(story, second_reader, parent=deleted)
    published = post(story, reader, parent=rejected)
    fixed_gate.decision = Decision.HOLD
    held = post(story, second_reader, parent=published)
    actions.do_delete_comment(comment=deleted, user=reader)
    actions.set_status(Comment.objects.get(pk=rejected.pk), CommentStatus.REJECTED)

    # Anonymous: two placeholders above the published reply. The held author also sees
    # their own comment; the moderator sees the rejected one in full, not the deleted one.
    assert visible_total(AnonymousUser(), story) == 3
    assert visible_total(second_reader, story) == 4
    assert visible_total(site_moderator, story) == 4
    for viewer in (AnonymousUser(), reader, second_reader, site_moderator):
        assert visible_total(viewer, story) == visible_comments(viewer, story).count()
    assert held.status == CommentStatus.HELD


def test_it_reads_the_published_count_from_the_story_row(story, reader, second_reader):
    """Published rows are not counted again: the story's count stands for them."""
    from django.contrib.auth.models import AnonymousUser

    for _ in range(3):
        post(story, reader)
    page = thread_page(AnonymousUser(), story, ViewingOptions(per_page=10), 1)
    assert (page.total, len(page.comments)) == (3, 3)
    # Were the count taken from the rows, a drift of the story's counter would not show here.
    Story.objects.filter(pk=story.pk).update(comment_count=7)
    assert visible_total(AnonymousUser(), story) == 7
