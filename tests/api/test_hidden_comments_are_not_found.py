"""One comment, and its replies, are 404 to anyone who may not see it; the API never says that a
hidden comment exists."""

from __future__ import annotations

import pytest

from .conftest import api_json


def get(client, comment):
    return client.get(f"/api/v1/comments/{comment.pk}")


def test_it_shows_a_published_comment_to_anyone(client, mixed_thread):
    response = get(client, mixed_thread["a"])
    assert response.status_code == 200
    assert api_json(response)["id"] == mixed_thread["a"].pk


@pytest.mark.parametrize("viewer", [None, "reader", "second_reader"])
def test_a_held_comment_is_404_to_others(client, request, mixed_thread, viewer):
    if viewer:
        client.force_login(request.getfixturevalue(viewer))
    response = get(client, mixed_thread["held"])
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "Held reply" not in response.content.decode()


@pytest.mark.parametrize("viewer", ["third_reader", "moderator"])
def test_a_held_comment_is_shown_to_its_author_and_moderators(
    client, request, mixed_thread, viewer
):
    client.force_login(request.getfixturevalue(viewer))
    body = api_json(get(client, mixed_thread["held"]))
    assert body["status"] == "held"
    assert "Held reply" in body["html"]


@pytest.mark.parametrize("viewer", [None, "reader"])
def test_a_rejected_comment_is_404(client, request, mixed_thread, viewer):
    if viewer:
        client.force_login(request.getfixturevalue(viewer))
    assert get(client, mixed_thread["e"]).status_code == 404
    assert client.get(f"/api/v1/comments/{mixed_thread['e'].pk}/replies").status_code == 404


def test_a_deleted_comment_with_replies_is_a_bare_placeholder(client, mixed_thread):
    body = api_json(get(client, mixed_thread["d"]))
    assert body["is_placeholder"] is True
    assert body["author"] is None
    assert body["html"] is None
    replies = api_json(client.get(f"/api/v1/comments/{mixed_thread['d'].pk}/replies"))
    assert [item["id"] for item in replies["items"]] == [mixed_thread["d1"].pk]


def test_a_missing_comment_is_404(client, db):
    assert client.get("/api/v1/comments/987654").status_code == 404
