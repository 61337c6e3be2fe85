"""A session-authenticated change needs the CSRF token, as the site's own forms do."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from civility.discussion.models import Comment

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"
TOKEN = "a" * 32  # an unmasked secret; Django compares the header with the cookie


@pytest.fixture
def strict_client(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    return client


def test_a_post_without_the_token_is_forbidden(strict_client, story):
    response = strict_client.post(URL, json.dumps({"text": "Hi"}), content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "CSRF" in json.loads(response.content)["detail"]
    assert not Comment.objects.exists()


def test_a_post_with_the_token_is_accepted(strict_client, story):
    strict_client.cookies["csrftoken"] = TOKEN
    response = strict_client.post(
        URL, json.dumps({"text": "Hi"}), content_type="application/json", HTTP_X_CSRFTOKEN=TOKEN
    )
    assert response.status_code == 201
    assert Comment.objects.count() == 1


def test_a_delete_without_the_token_is_forbidden(strict_client, story, reader):
    from civility.discussion.actions import do_post_comment

    comment, _ = do_post_comment(story=story, author=reader, text="Keep me")
    assert strict_client.delete(f"/api/v1/comments/{comment.pk}").status_code == 403
    comment.refresh_from_db()
    assert comment.status == "published"


def test_reading_needs_no_token(strict_client, story):
    assert strict_client.get(URL).status_code == 200
