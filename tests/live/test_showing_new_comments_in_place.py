"""A click fetches the new comments rendered for the reader's display mode, each with the comment
it follows in that mode's order, so the page stays in thread order; in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from civility.discussion.models import CommentStatus
from civility.live.thread import decode_cursor

from .conftest import held, post


def fetch(client, story, after, mode="threaded_expanded", order="oldest"):
    url = f"/live/stories/{story.pk}/comments/"
    return client.get(url, {"after": after, "mode": mode, "order": order})


@pytest.fixture
def thread(story, reader, second_reader):
    """a (with a1 and its reply a1x), then b: all older than the page."""
    old = timedelta(hours=1)
    a = post(story, reader, "Thread a", ago=old)
    a1 = post(story, second_reader, "Reply a1", a, ago=old)
    a1x = post(story, reader, "Reply a1x", a1, ago=old)
    b = post(story, second_reader, "Thread b", ago=old)
    return {"a": a, "a1": a1, "a1x": a1x, "b": b}


def test_a_new_reply_follows_the_last_comment_of_its_parents_subtree(
    client, story, thread, second_reader, opened
):
    reply = post(story, second_reader, "Second reply to a", thread["a"])
    items = fetch(client, story, opened).json()["items"]
    assert [(item["id"], item["after"]) for item in items] == [(reply.pk, thread["a1x"].pk)]
    assert "Second reply to a" in items[0]["html"]
    assert 'class="comment indent-1' in items[0]["html"]


def test_a_new_thread_goes_last_in_oldest_first_order(client, story, thread, reader, opened):
    top = post(story, reader, "Thread c")
    items = fetch(client, story, opened).json()["items"]
    assert [(item["id"], item["after"]) for item in items] == [(top.pk, thread["b"].pk)]


def test_a_new_thread_goes_first_in_newest_first_order(client, story, thread, reader, opened):
    top = post(story, reader, "Thread c")
    reply = post(story, reader, "Reply to c", top)
    items = fetch(client, story, opened, order="newest").json()["items"]
    assert [(item["id"], item["after"]) for item in items] == [(top.pk, None), (reply.pk, top.pk)]


def test_flat_newest_first_puts_new_comments_on_top(client, story, thread, reader, opened):
    reply = post(story, reader, "Reply to b", thread["b"])
    items = fetch(client, story, opened, mode="flat_expanded", order="newest").json()["items"]
    assert [(item["id"], item["after"]) for item in items] == [(reply.pk, None)]
    assert "In reply to" in items[0]["html"]


def test_others_never_receive_a_held_comment(client, story, thread, reader, second_reader, opened):
    held(story, reader, "Waiting for review", thread["b"])
    client.force_login(second_reader)
    assert fetch(client, story, opened).json()["items"] == []


def test_the_author_receives_their_held_comment_marked(client, story, thread, reader, opened):
    mine = held(story, reader, "Waiting for review", thread["b"])
    client.force_login(reader)
    items = fetch(client, story, opened).json()["items"]
    assert [item["id"] for item in items] == [mine.pk]
    assert "Awaiting review" in items[0]["html"]


def test_comment_text_is_escaped(client, story, thread, reader, opened):
    post(story, reader, "<script>alert(1)</script> & <b>bold</b>")
    html = fetch(client, story, opened).json()["items"][0]["html"]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_next_cursor_never_moves_back(client, story, thread, reader, opened):
    post(story, reader, "New")
    cursor = fetch(client, story, opened).json()["cursor"]
    assert decode_cursor(cursor) >= decode_cursor(opened)
    assert fetch(client, story, cursor).json()["cursor"] == cursor


@pytest.mark.parametrize("count", [1, 25])
@pytest.mark.parametrize("order", ["oldest", "newest", "replies", "reactions"])
def test_the_fetch_costs_fixed_queries(
    client, story, thread, reader, second_reader, opened, django_assert_num_queries, count, order
):
    for i in range(count):
        post(story, second_reader, f"New {i}", thread["a"] if i % 2 else None)
    client.force_login(reader)
    # Session, user, story, the comments, their reaction tallies, the reader's reactions, and
    # the reader's follows (the comment template's follow buttons).
    with django_assert_num_queries(7):
        response = fetch(client, story, opened, order=order)
    assert len(response.json()["items"]) == count


def test_a_deleted_comment_is_not_handed_out(client, story, thread, reader, opened):
    gone = post(story, reader, "Deleted soon", status=CommentStatus.DELETED)
    assert gone.pk not in [item["id"] for item in fetch(client, story, opened).json()["items"]]
