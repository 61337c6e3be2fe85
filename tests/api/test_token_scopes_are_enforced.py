"""Each endpoint asks for a scope; a token without it is forbidden whatever its account may do."""

from __future__ import annotations

from civility.discussion.models import Comment, CommentStatus

from .conftest import bearer, post, send

POST_URL = "/api/v1/sites/gazette/stories/budget-vote/comments"


def test_a_read_token_cannot_post(client, story, reader, make_token):
    key = make_token(story.site, reader, "read")
    response = send(client, "post", POST_URL, {"text": "Hi"}, **bearer(key))
    assert response.status_code == 403
    assert "comment" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_a_comment_token_cannot_moderate_even_for_a_moderator(
    client, story, reader, moderator, make_token
):
    comment = post(story, reader, "Held")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HELD)
    key = make_token(story.site, moderator, "comment")
    url = f"/api/v1/moderation/comments/{comment.pk}/approve"
    assert send(client, "post", url, {}, **bearer(key)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD


def test_a_moderate_token_cannot_change_settings(client, site, moderator, make_token):
    key = make_token(site, moderator, "moderate")
    url = "/api/v1/sites/gazette/moderation-settings"
    assert send(client, "get", url, **bearer(key)).status_code == 403


def test_a_moderate_token_of_an_account_without_a_role_moderates_nothing(
    client, story, reader, make_token
):
    comment = post(story, reader, "Held")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HELD)
    key = make_token(story.site, reader, "moderate")
    url = f"/api/v1/moderation/comments/{comment.pk}/approve"
    assert send(client, "post", url, {}, **bearer(key)).status_code == 403
    assert send(client, "get", "/api/v1/moderation/queue", **bearer(key)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
