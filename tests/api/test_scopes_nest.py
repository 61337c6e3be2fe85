"""Scopes nest: every scope reads, `admin` also moderates; `comment` and `moderate` stay apart."""

from __future__ import annotations

import pytest

from civility.api.tokens import granted_scopes
from civility.discussion.models import Comment, CommentStatus

from .conftest import bearer, post, send


@pytest.mark.parametrize(
    ("scopes", "granted"),
    [
        (["read"], {"read"}),
        (["comment"], {"comment", "read"}),
        (["moderate"], {"moderate", "read"}),
        (["admin"], {"admin", "moderate", "read"}),
        (["comment", "moderate"], {"comment", "moderate", "read"}),
        ([], set()),
    ],
)
def test_the_scope_hierarchy(scopes, granted):
    assert granted_scopes(scopes) == granted


def test_an_admin_token_of_a_site_admin_moderates(client, story, reader, site_admin, make_token):
    comment = post(story, reader, "Held")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HELD)
    key = make_token(story.site, site_admin, "admin")
    url = f"/api/v1/moderation/comments/{comment.pk}/approve"
    assert send(client, "post", url, {}, **bearer(key)).status_code == 200
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_an_admin_token_does_not_post(client, story, site_admin, make_token):
    key = make_token(story.site, site_admin, "admin")
    url = "/api/v1/sites/gazette/stories/budget-vote/comments"
    assert send(client, "post", url, {"text": "Hi"}, **bearer(key)).status_code == 403
    assert not Comment.objects.exists()


def test_a_moderate_token_does_not_post(client, story, moderator, make_token):
    key = make_token(story.site, moderator, "moderate")
    url = "/api/v1/sites/gazette/stories/budget-vote/comments"
    assert send(client, "post", url, {"text": "Hi"}, **bearer(key)).status_code == 403
