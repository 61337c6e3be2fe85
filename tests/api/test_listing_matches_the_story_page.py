"""The API lists a story's comments in exactly the order the story page shows them, in every
display mode and order, for every kind of reader."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from civility.discussion.thread_page import thread_page
from civility.discussion.viewing import DisplayMode, SortOrder, ViewingOptions

from .conftest import api_json

ALL_OPTIONS = [(mode, order) for mode in DisplayMode.values for order in SortOrder.values]


def url(story, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments?{query}"


@pytest.mark.parametrize("viewer", ["anonymous", "reader", "third_reader", "moderator"])
@pytest.mark.parametrize(("mode", "order"), ALL_OPTIONS)
def test_it_lists_comments_in_the_story_pages_order(
    client, request, story, mixed_thread, viewer, mode, order
):
    user = AnonymousUser() if viewer == "anonymous" else request.getfixturevalue(viewer)
    if viewer != "anonymous":
        client.force_login(user)
    response = client.get(url(story, mode=mode, order=order, limit=300))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    listed = [item["id"] for item in api_json(response)["items"]]
    page = thread_page(user, story, ViewingOptions(mode=mode, order=order, per_page=300))
    assert listed == [c.pk for c in page.comments]
    assert listed  # the thread is not empty, so the comparison means something


def test_it_defaults_to_threaded_oldest_first(client, story, mixed_thread):
    listed = [item["id"] for item in api_json(client.get(url(story)))["items"]]
    page = thread_page(AnonymousUser(), story, ViewingOptions())
    assert listed == [c.pk for c in page.comments]


def test_it_shows_placeholders_without_author_or_text(client, story, mixed_thread):
    items = api_json(client.get(url(story, limit=300)))["items"]
    placeholder = next(item for item in items if item["id"] == mixed_thread["d"].pk)
    assert placeholder["is_placeholder"] is True
    assert placeholder["author"] is None
    assert placeholder["html"] is None
    assert all(item["id"] != mixed_thread["e"].pk for item in items)


def test_it_describes_each_comment(client, story, mixed_thread):
    items = api_json(client.get(url(story, limit=300)))["items"]
    a1 = next(item for item in items if item["id"] == mixed_thread["a1"].pk)
    assert a1["parent"] == mixed_thread["a"].pk
    assert a1["depth"] == 1
    assert a1["path"] == mixed_thread["a1"].path
    assert a1["author"]["name"] == "second"
    assert a1["author"]["avatar_url"].startswith("data:image/svg+xml,")
    assert "Reply to a" in a1["html"]
    assert a1["reply_count"] == 1
    assert a1["reaction_count"] == 1
    assert a1["status"] is None  # neither the author nor a moderator is asking
    assert a1["permalink"] == f"http://testserver/comments/{mixed_thread['a1'].pk}/"
    assert a1["created_at"].startswith("2026-03-02T09:01:00")


def test_it_shows_the_status_to_the_author_and_to_moderators(
    client, story, mixed_thread, third_reader, moderator
):
    client.force_login(third_reader)
    items = {i["id"]: i for i in api_json(client.get(url(story, limit=300)))["items"]}
    assert items[mixed_thread["held"].pk]["status"] == "held"
    assert items[mixed_thread["a"].pk]["status"] is None
    client.force_login(moderator)
    items = {i["id"]: i for i in api_json(client.get(url(story, limit=300)))["items"]}
    assert items[mixed_thread["a"].pk]["status"] == "published"


def test_it_refuses_a_limit_out_of_range(client, story):
    assert client.get(url(story, limit=0)).status_code == 400
    assert client.get(url(story, limit=301)).status_code == 400
    assert client.get(url(story, mode="sideways")).status_code == 400


def test_it_answers_404_for_an_unknown_story(client, story):
    response = client.get("/api/v1/sites/gazette/stories/no-such-story/comments")
    assert response.status_code == 404
