"""Following next_cursor from the first page to the last lists every visible comment exactly once,
in the listing's order, whatever the page size, in every display mode and order."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from civility.discussion.viewing import DisplayMode, SortOrder

from .conftest import api_json

ALL_OPTIONS = [(mode, order) for mode in DisplayMode.values for order in SortOrder.values]


def walk(client, base: str, limit: int) -> list[int]:
    ids: list[int] = []
    cursor = None
    for _ in range(100):
        url = f"{base}&limit={limit}" + (f"&cursor={quote(cursor)}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = api_json(response)
        assert len(body["items"]) <= limit
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("limit", [1, 2, 5])
@pytest.mark.parametrize(("mode", "order"), ALL_OPTIONS)
def test_it_lists_each_visible_comment_exactly_once(
    client, moderator, story, mixed_thread, mode, order, limit
):
    client.force_login(moderator)
    base = f"/api/v1/sites/gazette/stories/{story.slug}/comments?mode={mode}&order={order}"
    everything = [item["id"] for item in api_json(client.get(base + "&limit=300"))["items"]]
    walked = walk(client, base, limit)
    assert walked == everything
    assert len(set(walked)) == len(walked)


def test_the_last_page_has_no_cursor(client, story, mixed_thread):
    base = f"/api/v1/sites/gazette/stories/{story.slug}/comments?"
    body = api_json(client.get(base + "limit=300"))
    assert body["next_cursor"] is None
    count = len(body["items"])
    assert api_json(client.get(base + f"limit={count}"))["next_cursor"] is None
    assert api_json(client.get(base + f"limit={count - 1}"))["next_cursor"] is not None


@pytest.mark.parametrize("viewer", ["anonymous", "third_reader"])
def test_it_walks_a_comments_direct_replies(client, request, mixed_thread, viewer):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    b = mixed_thread["b"]
    walked = walk(client, f"/api/v1/comments/{b.pk}/replies?", 1)
    expected = [mixed_thread["b1"].pk]
    if viewer == "third_reader":
        expected.append(mixed_thread["held"].pk)  # the author sees their own held reply
    assert walked == expected


def test_direct_replies_leave_out_deeper_ones(client, mixed_thread):
    a = mixed_thread["a"]
    items = api_json(client.get(f"/api/v1/comments/{a.pk}/replies"))["items"]
    assert [item["id"] for item in items] == [mixed_thread["a1"].pk, mixed_thread["a2"].pk]
