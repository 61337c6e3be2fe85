"""The current reader, for the embed to show the right controls."""

from __future__ import annotations

from .conftest import api_json


def test_an_anonymous_reader_is_not_authenticated(client, db):
    assert api_json(client.get("/api/v1/me")) == {
        "authenticated": False,
        "id": None,
        "username": None,
        "name": None,
        "avatar_url": None,
    }


def test_a_signed_in_reader_sees_themselves(client, reader):
    client.force_login(reader)
    body = api_json(client.get("/api/v1/me"))
    assert body["authenticated"] is True
    assert body["id"] == reader.pk
    assert body["username"] == "reader"
    assert body["avatar_url"].startswith("data:image/svg+xml,")
