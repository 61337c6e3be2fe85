"""A page of a thread costs two queries (count, then the page) in every mode and order, for
every kind of reader, whether the story has five comments or ten thousand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from thread_builders import ALL_OPTIONS, post

from civility.discussion import actions
from civility.discussion.access import visible_comments
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.thread_page import thread_page, viewer_reactions
from civility.discussion.thread_path import child_path, depth_of
from civility.discussion.viewing import ViewingOptions

THREADS = 2000
# Each thread: a root, two replies, and one reply under each reply (paths relative to the root).
SHAPE = [(), (0,), (0, 0), (1,), (1, 0)]


def _bulk_story(story, authors) -> int:
    """Write THREADS * len(SHAPE) comments with valid paths and counters in a few queries."""
    start = timezone.now() - timedelta(days=1)
    rows = []
    statuses = [CommentStatus.PUBLISHED] * 7 + [CommentStatus.HELD, CommentStatus.DELETED]
    for seq in range(1, THREADS + 1):
        root_path = child_path("", seq)
        for n, steps in enumerate(SHAPE):
            path = root_path
            for step in steps:
                path = child_path(path, step)
            author = authors[(seq + n) % len(authors)]
            rows.append(
                Comment(
                    story=story,
                    author=author,
                    author_name=author.username,
                    path=path,
                    depth=depth_of(path),
                    root_seq=seq,
                    child_seq=sum(1 for s in SHAPE if len(s) == len(steps) + 1 and s[:-1] == steps),
                    source="Text",
                    html="<p>Text</p>",
                    status=statuses[(seq * 5 + n) % len(statuses)],
                    created_at=start + timedelta(seconds=seq * 10 + n),
                    reply_count=(seq + n) % 3,
                    reaction_count=(seq * n) % 4,
                )
            )
    Comment.objects.bulk_create(rows, batch_size=1000)
    story.top_seq = THREADS
    # The published count the actions would have kept (the pager's total starts from it).
    story.comment_count = sum(1 for row in rows if row.status == CommentStatus.PUBLISHED)
    story.save(update_fields=["top_seq", "comment_count"])
    return len(rows)


def _personas(authors, make_user):
    return [AnonymousUser(), authors[0], authors[3], make_user("root", is_superuser=True)]


def test_it_pages_a_small_story_in_two_queries(
    story, authors, make_user, django_assert_num_queries
):
    first = post(story, authors[0])
    post(story, authors[1], parent=first)
    post(story, authors[2])
    for user in _personas(authors, make_user):
        for mode, order in ALL_OPTIONS:
            with django_assert_num_queries(2):
                page = thread_page(user, story, ViewingOptions(mode=mode, order=order), 1)
            assert page.total == 3


@pytest.mark.parametrize("page_number", ["first", "last"])
def test_it_pages_a_story_of_ten_thousand_comments_in_two_queries(
    story, authors, make_user, django_assert_num_queries, page_number
):
    assert _bulk_story(story, authors) == 10_000
    for user in _personas(authors, make_user):
        for mode, order in ALL_OPTIONS:
            options = ViewingOptions(mode=mode, order=order, per_page=50)
            number = 1 if page_number == "first" else 10_000
            with django_assert_num_queries(2):
                page = thread_page(user, story, options, number)
            assert page.total == visible_comments(user, story).count() > 8_000
            assert page.comments
            if page_number == "last":
                assert page.number == page.num_pages


def test_it_reads_the_viewers_reactions_in_one_query(
    story, reader, second_reader, django_assert_num_queries
):
    comments = [post(story, second_reader) for _ in range(3)]
    actions.do_react(comment=comments[0], user=reader, kind="like")
    actions.do_react(comment=comments[2], user=reader, kind="funny")
    with django_assert_num_queries(1):
        mine = viewer_reactions(reader, comments)
    assert mine == {comments[0].pk: "like", comments[2].pk: "funny"}
    with django_assert_num_queries(0):
        assert viewer_reactions(AnonymousUser(), comments) == {}
        assert viewer_reactions(reader, []) == {}
