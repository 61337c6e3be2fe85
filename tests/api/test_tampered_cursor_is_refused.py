"""A cursor the API did not hand out for this listing is a 400 problem, never a wrong page."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from .conftest import api_json

BASE = "/api/v1/sites/gazette/stories/budget-vote/comments"


def first_cursor(client, order="oldest") -> str:
    body = api_json(client.get(f"{BASE}?order={order}&limit=2"))
    assert body["next_cursor"]
    return body["next_cursor"]


def assert_bad_cursor(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert api_json(response)["type"].endswith("/invalid-cursor")


def test_a_valid_cursor_is_accepted(client, mixed_thread):
    response = client.get(f"{BASE}?order=oldest&limit=2&cursor={quote(first_cursor(client))}")
    assert response.status_code == 200


@pytest.mark.parametrize("position", [0, 5, -1])
def test_it_refuses_a_cursor_with_a_changed_character(client, mixed_thread, position):
    cursor = first_cursor(client)
    changed = cursor[position].swapcase() if cursor[position].isalpha() else "A"
    if changed == cursor[position]:
        changed = "Z" if changed != "Z" else "Y"
    tampered = cursor[:position] + changed + (cursor[position + 1 :] if position != -1 else "")
    assert_bad_cursor(client.get(f"{BASE}?order=oldest&cursor={quote(tampered)}"))


def test_it_refuses_a_cursor_with_rewritten_values(client, mixed_thread):
    payload, _, signature = first_cursor(client).partition(":")
    forged = base64.urlsafe_b64encode(b'["x",["000"]]').rstrip(b"=").decode()
    assert_bad_cursor(client.get(f"{BASE}?cursor={quote(forged + ':' + signature)}"))


@pytest.mark.parametrize("junk", ["garbage", "::::", "%00", "eyJ9"])
def test_it_refuses_junk(client, mixed_thread, junk):
    assert_bad_cursor(client.get(f"{BASE}?cursor={junk}"))


def test_it_refuses_a_cursor_from_another_order(client, mixed_thread):
    cursor = first_cursor(client, order="newest")
    assert_bad_cursor(client.get(f"{BASE}?order=oldest&cursor={quote(cursor)}"))


def test_it_refuses_a_story_cursor_on_a_replies_listing(client, mixed_thread):
    cursor = first_cursor(client)
    a = mixed_thread["a"]
    assert_bad_cursor(client.get(f"/api/v1/comments/{a.pk}/replies?cursor={quote(cursor)}"))
