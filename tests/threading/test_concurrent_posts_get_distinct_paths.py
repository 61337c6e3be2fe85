"""Replies and top-level comments posted at the same instant get distinct paths, and the
counters agree with the rows afterwards."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone
from thread_builders import assert_counts_match_rows, post

from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus
from civility.stories.models import Story

WORKERS = 8
ROUNDS = 3


def test_two_sequential_posts_get_different_paths(story, reader, second_reader):
    first = post(story, reader)
    second = post(story, second_reader)
    reply_a = post(story, reader, parent=first)
    reply_b = post(story, second_reader, parent=first)
    assert len({first.path, second.path, reply_a.path, reply_b.path}) == 4
    assert (first.path, second.path, reply_a.path, reply_b.path) == (
        "01/",
        "02/",
        "01/00/",
        "01/01/",
    )


@pytest.mark.postgres_only
def test_it_assigns_distinct_paths_to_simultaneous_posts(transactional_db, site, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; row locks need PostgreSQL")
    story = Story.objects.create(site=site, slug="race", title="Race", published_at=timezone.now())
    users = [make_user(f"racer{i}") for i in range(WORKERS)]
    parent, _ = actions.do_post_comment(story=story, author=users[0], text="Start here.")
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(user) -> None:
        try:
            for round_number in range(ROUNDS):
                barrier.wait(timeout=30)
                actions.do_post_comment(
                    story=story, author=user, text=f"Reply {round_number}", parent=parent
                )
                barrier.wait(timeout=30)
                actions.do_post_comment(story=story, author=user, text=f"Top {round_number}")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)

    comments = list(Comment.objects.filter(story=story))
    assert len(comments) == 1 + 2 * WORKERS * ROUNDS
    assert all(c.status == CommentStatus.PUBLISHED for c in comments)
    assert len({c.path for c in comments}) == len(comments)
    parent.refresh_from_db()
    assert parent.reply_count == WORKERS * ROUNDS
    assert parent.child_seq == WORKERS * ROUNDS
    replies = sorted(c.path for c in comments if c.parent_id == parent.pk)
    assert replies == sorted(parent.path + _code(n) + "/" for n in range(WORKERS * ROUNDS))
    story.refresh_from_db()
    assert story.top_seq == 1 + WORKERS * ROUNDS
    assert story.comment_count == len(comments)
    assert_counts_match_rows(story)


def _code(n: int) -> str:
    from civility.discussion.thread_path import int_to_vancode

    return int_to_vancode(n)
