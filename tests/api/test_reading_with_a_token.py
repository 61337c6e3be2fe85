"""Reads need no token, but a request that sends one must send a valid one with a scope that
reads (every scope does); it then reads as the token's account, on the token's site only."""

from __future__ import annotations

import pytest

from civility.api.models import ApiToken
from civility.discussion.models import Comment, CommentStatus

from .conftest import api_json, bearer, post, send

LIST = "/api/v1/sites/gazette/stories/budget-vote/comments"


@pytest.mark.parametrize("scope", ["read", "comment", "moderate", "admin"])
def test_every_scope_reads(client, story, reader, make_token, scope):
    post(story, reader, "Hello")
    key = make_token(story.site, reader, scope)
    assert send(client, "get", LIST, **bearer(key)).status_code == 200


def test_a_token_reads_as_its_account(client, story, reader, second_reader, make_token):
    mine = post(story, reader, "Mine, held")
    Comment.objects.filter(pk=mine.pk).update(status=CommentStatus.HELD)
    own = make_token(story.site, reader, "read")
    other = make_token(story.site, second_reader, "read")
    assert [c["id"] for c in api_json(send(client, "get", LIST, **bearer(own)))["items"]] == [
        mine.pk
    ]
    assert api_json(send(client, "get", LIST, **bearer(other)))["items"] == []
    me = api_json(send(client, "get", "/api/v1/me", **bearer(own)))
    assert (me["authenticated"], me["username"]) == (True, "reader")


@pytest.mark.parametrize(
    "header", ["Bearer civ_000000000000_nope", "Bearer not-a-token", "Bearer civ__"]
)
def test_a_bad_token_on_a_read_is_unauthorized_not_anonymous(client, story, header):
    response = client.get(LIST, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_cannot_read(client, story, reader, make_token):
    key = make_token(story.site, reader, "read")
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert send(client, "get", LIST, **bearer(key)).status_code == 401


def test_a_token_of_a_disabled_account_cannot_read(client, story, reader, make_token):
    key = make_token(story.site, reader, "read")
    reader.is_active = False
    reader.save()
    assert send(client, "get", LIST, **bearer(key)).status_code == 403


def test_anyone_reads_without_a_token(client, story, reader):
    post(story, reader, "Hello")
    assert len(api_json(client.get(LIST))["items"]) == 1


@pytest.mark.parametrize("limit", [5, 100])
def test_a_page_read_with_a_token_costs_fixed_queries(
    client, story, reader, second_reader, make_token, django_assert_num_queries, limit
):
    from tests.discussion_views.conftest import _build_thread

    _build_thread(story, [reader, second_reader], 120)
    key = make_token(story.site, reader, "read")
    send(client, "get", LIST, **bearer(key))  # last_used_at is written at most once a minute
    # The token (with its account and site), the story, the page, the moderator check.
    with django_assert_num_queries(4):
        response = send(client, "get", f"{LIST}?limit={limit}", **bearer(key))
    assert len(api_json(response)["items"]) == limit
