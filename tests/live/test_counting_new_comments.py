"""The "anything new?" check counts only what this reader may see, costs a fixed number of
queries, and answers from the cache alone while nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civility.discussion.actions import set_status
from civility.discussion.models import CommentStatus
from civility.live import versions

from .conftest import held, post


def since(client, story, after, v=""):
    return client.get(f"/live/stories/{story.pk}/since/", {"after": after, "v": v})


def test_it_lists_comments_posted_after_the_cursor(client, story, reader, second_reader, opened):
    post(story, reader, "Before the page opened", ago=timedelta(hours=1))
    first = post(story, second_reader, "After")
    second = post(story, reader, "Also after")
    body = since(client, story, opened).json()
    assert body["changed"] is True
    assert body["ids"] == [first.pk, second.pk]


def test_hidden_comments_are_never_counted_for_others(client, story, reader, second_reader, opened):
    held(story, reader, "Waiting for a moderator")
    post(story, reader, "Rejected", status=CommentStatus.REJECTED)
    post(story, reader, "Deleted", status=CommentStatus.DELETED)
    client.force_login(second_reader)
    assert since(client, story, opened).json()["ids"] == []
    client.logout()
    assert since(client, story, opened).json()["ids"] == []


def test_a_reader_counts_their_own_held_comment(client, story, reader, opened):
    mine = held(story, reader, "Mine, waiting")
    client.force_login(reader)
    assert since(client, story, opened).json()["ids"] == [mine.pk]


def test_a_moderator_counts_held_comments(client, story, reader, moderator, opened):
    waiting = held(story, reader, "Waiting")
    client.force_login(moderator)
    assert since(client, story, opened).json()["ids"] == [waiting.pk]


def test_a_placeholder_is_not_counted_as_a_new_comment(
    client, story, reader, second_reader, opened
):
    parent = post(story, reader, "Soon deleted")
    reply = post(story, second_reader, "Reply stays", parent)
    set_status(parent, CommentStatus.DELETED)
    ids = since(client, story, opened).json()["ids"]
    assert parent.pk not in ids
    assert reply.pk in ids


@pytest.mark.parametrize("viewer", ["anonymous", "reader"])
@pytest.mark.parametrize("count", [1, 30])
def test_the_check_costs_fixed_queries(
    client, story, reader, second_reader, opened, django_assert_num_queries, viewer, count
):
    for i in range(count):
        post(story, second_reader, f"Comment {i}")
    if viewer == "reader":
        client.force_login(reader)
    # The story and the ids; signed in, plus the session and the user.
    with django_assert_num_queries(2 if viewer == "anonymous" else 4):
        response = since(client, story, opened)
    assert len(response.json()["ids"]) == count


def test_with_a_shared_cache_an_unchanged_thread_costs_no_query(
    client, story, reader, second_reader, opened, monkeypatch
):
    monkeypatch.setattr(versions, "cache_is_shared", lambda: True)
    client.force_login(reader)
    first = since(client, story, opened).json()
    assert first["v"]
    with CaptureQueriesContext(connection) as queries:
        again = since(client, story, opened, first["v"]).json()
    assert again == {"v": first["v"], "changed": False}
    assert len(queries) == 0


def test_a_new_comment_moves_the_version_on(
    client, story, reader, second_reader, opened, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(versions, "cache_is_shared", lambda: True)
    first = since(client, story, opened).json()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(story, second_reader, "Fresh")
    after = since(client, story, opened, first["v"]).json()
    assert after["changed"] is True
    assert after["v"] != first["v"]
    assert after["ids"] == [comment.pk]


def test_approving_a_held_comment_moves_the_version_on(
    client, story, reader, opened, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(versions, "cache_is_shared", lambda: True)
    waiting = held(story, reader, "Waiting")
    before = since(client, story, opened).json()
    assert before["ids"] == []
    with django_capture_on_commit_callbacks(execute=True):
        set_status(waiting, CommentStatus.PUBLISHED)
    after = since(client, story, opened, before["v"]).json()
    assert after["changed"] is True
    assert after["ids"] == [waiting.pk]


@pytest.mark.parametrize("after", ["", "soon", "-5", "9" * 30])
def test_a_bad_cursor_is_a_400(client, story, after):
    assert since(client, story, after).status_code == 400


def test_an_unknown_story_is_a_404(client, db, opened):
    assert client.get("/live/stories/999999/since/", {"after": opened}).status_code == 404


def test_the_answer_is_never_cached(client, story, opened):
    assert "no-store" in since(client, story, opened)["Cache-Control"]
