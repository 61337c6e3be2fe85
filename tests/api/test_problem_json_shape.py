"""Every error is application/problem+json with type, title, status and detail."""

from __future__ import annotations

import pytest

from .conftest import api_json, send


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = api_json(response)
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def test_an_unknown_story_is_a_404_problem(client, db):
    body = assert_problem(client.get("/api/v1/sites/nowhere/stories/none/comments"), 404)
    assert body["detail"] == "That story does not exist."


def test_an_invalid_parameter_is_a_400_problem_listing_the_errors(client, story):
    response = client.get("/api/v1/sites/gazette/stories/budget-vote/comments?limit=abc")
    body = assert_problem(response, 400)
    assert body["errors"][0]["loc"][-1] == "limit"


def test_a_malformed_body_is_a_400_problem(client, story, reader):
    client.force_login(reader)
    response = client.post(
        "/api/v1/sites/gazette/stories/budget-vote/comments",
        "{not json",
        content_type="application/json",
    )
    assert_problem(response, 400)


def test_a_missing_field_is_a_400_problem(client, story, reader):
    client.force_login(reader)
    response = send(client, "post", "/api/v1/sites/gazette/stories/budget-vote/comments", {})
    assert_problem(response, 400)


def test_signing_in_is_a_401_problem(client, story):
    response = send(
        client, "post", "/api/v1/sites/gazette/stories/budget-vote/comments", {"text": "x"}
    )
    assert_problem(response, 401)


@pytest.mark.parametrize("path", ["/api/v1/comments/1", "/api/v1/comments/1/replies"])
def test_a_missing_comment_is_a_404_problem(client, db, path):
    assert_problem(client.get(path), 404)
