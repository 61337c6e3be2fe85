"""A token proves itself, so token requests need no CSRF token; session requests still do."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from civility.discussion.models import Comment, CommentStatus

from .conftest import bearer, post

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_token_post_needs_no_csrf_token(strict_client, story, reader, make_token):
    key = make_token(story.site, reader, "comment")
    response = strict_client.post(
        URL, json.dumps({"text": "Hi"}), content_type="application/json", **bearer(key)
    )
    assert response.status_code == 201
    assert Comment.objects.count() == 1


def test_a_session_moderation_action_needs_the_csrf_token(strict_client, story, reader, moderator):
    comment = post(story, reader, "Held")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HELD)
    strict_client.force_login(moderator)
    url = f"/api/v1/moderation/comments/{comment.pk}/approve"
    response = strict_client.post(url, "{}", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    strict_client.cookies["csrftoken"] = "a" * 32
    response = strict_client.post(
        url, "{}", content_type="application/json", HTTP_X_CSRFTOKEN="a" * 32
    )
    assert response.status_code == 200
