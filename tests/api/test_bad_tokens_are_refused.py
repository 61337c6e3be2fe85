"""Revoked, wrong, malformed and other sites' tokens are refused; nothing is done with them."""

from __future__ import annotations

import pytest

from civility.api.models import ApiToken
from civility.discussion.models import Comment

from .conftest import api_json, bearer, send

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"


@pytest.fixture
def key(site, reader, make_token):
    return make_token(site, reader, "comment")


def test_a_valid_token_posts_as_its_account(client, story, reader, key):
    response = send(client, "post", URL, {"text": "From the CMS"}, **bearer(key))
    assert response.status_code == 201
    assert Comment.objects.get().author == reader
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer civ_000000000000_nope",
        "Bearer not-a-token",
        "Bearer civ__",
        "Bearer ",
    ],
)
def test_a_wrong_token_is_unauthorized(client, story, key, header):
    response = send(client, "post", URL, {"text": "Hi"}, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not Comment.objects.exists()


def test_a_token_with_a_wrong_secret_is_unauthorized(client, story, key):
    tampered = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    assert send(client, "post", URL, {"text": "Hi"}, **bearer(tampered)).status_code == 401


def test_a_revoked_token_is_unauthorized(client, story, key):
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    response = send(client, "post", URL, {"text": "Hi"}, **bearer(key))
    assert response.status_code == 401
    assert not Comment.objects.exists()


def test_a_bad_token_does_not_fall_back_to_the_session(client, story, reader):
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "Hi"}, HTTP_AUTHORIZATION="Bearer civ_x_y")
    assert response.status_code == 401


def test_a_token_of_another_site_finds_nothing_here(client, story, other_site, reader, make_token):
    foreign = make_token(other_site, reader, "comment", "moderate")
    response = send(client, "post", URL, {"text": "Hi"}, **bearer(foreign))
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_token_of_another_site_cannot_edit_a_comment_here(
    client, story, other_site, reader, make_token
):
    from .conftest import post

    comment = post(story, reader, "Mine")
    foreign = make_token(other_site, reader, "comment")
    response = send(
        client, "patch", f"/api/v1/comments/{comment.pk}", {"text": "Changed"}, **bearer(foreign)
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.source == "Mine"
    assert api_json(response)["status"] == 404


def test_a_disabled_account_makes_its_tokens_useless(client, story, reader, key):
    reader.is_active = False
    reader.save()
    assert send(client, "post", URL, {"text": "Hi"}, **bearer(key)).status_code == 403
