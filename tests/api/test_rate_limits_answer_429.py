"""Writes are limited per token and per client address; past the limit the answer is a 429
problem with Retry-After, and nothing is written."""

from __future__ import annotations

import pytest

from civility.discussion.models import Comment

from .conftest import bearer, send

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"


@pytest.fixture
def tight(settings):
    settings.API_TOKEN_WRITE_RATE = "2/60"
    settings.API_ADDRESS_WRITE_RATE = "3/60"


def test_a_token_past_its_limit_gets_429_with_retry_after(client, tight, story, reader, make_token):
    key = make_token(story.site, reader, "comment")
    for i in range(2):
        assert send(client, "post", URL, {"text": f"Hi {i}"}, **bearer(key)).status_code == 201
    response = send(client, "post", URL, {"text": "One too many"}, **bearer(key))
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429
    assert Comment.objects.count() == 2


def test_another_token_has_its_own_allowance(
    client, tight, story, reader, second_reader, make_token
):
    first = make_token(story.site, reader, "comment")
    second = make_token(story.site, second_reader, "comment")
    for i in range(2):
        send(client, "post", URL, {"text": f"Hi {i}"}, **bearer(first))
    assert send(client, "post", URL, {"text": "Me too"}, **bearer(second)).status_code == 201


def test_an_address_past_its_limit_gets_429(client, tight, story, reader):
    client.force_login(reader)
    for i in range(3):
        assert send(client, "post", URL, {"text": f"Hi {i}"}).status_code == 201
    response = send(client, "post", URL, {"text": "One too many"})
    assert response.status_code == 429
    assert "Retry-After" in response


def test_the_address_is_the_trusted_proxys_client(client, tight, settings, story, reader):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    client.force_login(reader)
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for i in range(3):
        headers = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
        assert send(client, "post", URL, {"text": f"Hi {i}"}, **headers).status_code == 201
    blocked = send(client, "post", URL, {"text": "x"}, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    other = send(client, "post", URL, {"text": "y"}, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 201


def test_reading_is_not_limited(client, tight, story):
    for _ in range(5):
        assert client.get(URL).status_code == 200
