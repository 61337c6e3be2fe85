"""Only a comment's author edits or deletes it through the API, within the edit window."""

from __future__ import annotations

from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus

from .conftest import api_json, send


def fresh(story, author, text="Original text", parent=None):
    comment, _ = actions.do_post_comment(story=story, author=author, text=text, parent=parent)
    return comment


def test_the_author_edits_their_comment(client, story, reader):
    comment = fresh(story, reader)
    client.force_login(reader)
    response = send(client, "patch", f"/api/v1/comments/{comment.pk}", {"text": "Better text"})
    assert response.status_code == 200
    body = api_json(response)
    assert "Better text" in body["html"]
    assert body["edited_at"] is not None
    comment.refresh_from_db()
    assert comment.source == "Better text"
    assert comment.revisions.count() == 1


def test_another_reader_cannot_edit(client, story, reader, second_reader):
    comment = fresh(story, reader)
    client.force_login(second_reader)
    response = send(client, "patch", f"/api/v1/comments/{comment.pk}", {"text": "Mine now"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    comment.refresh_from_db()
    assert comment.source == "Original text"


def test_an_anonymous_reader_cannot_edit(client, story, reader):
    comment = fresh(story, reader)
    response = send(client, "patch", f"/api/v1/comments/{comment.pk}", {"text": "Mine now"})
    assert response.status_code == 401


def test_an_edit_past_the_window_is_refused(client, story, reader, settings):
    comment = fresh(story, reader)
    settings.COMMENT_EDIT_WINDOW_SECONDS = -1
    client.force_login(reader)
    response = send(client, "patch", f"/api/v1/comments/{comment.pk}", {"text": "Too late"})
    assert response.status_code == 403


def test_the_author_deletes_their_comment(client, story, reader):
    comment = fresh(story, reader)
    client.force_login(reader)
    response = client.delete(f"/api/v1/comments/{comment.pk}")
    assert response.status_code == 204
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED
    assert client.get(f"/api/v1/comments/{comment.pk}").status_code == 404


def test_deleting_a_comment_with_replies_leaves_a_placeholder(client, story, reader, second_reader):
    comment = fresh(story, reader)
    fresh(story, second_reader, "An answer", parent=comment)
    client.force_login(reader)
    assert client.delete(f"/api/v1/comments/{comment.pk}").status_code == 204
    client.logout()
    body = api_json(client.get(f"/api/v1/comments/{comment.pk}"))
    assert body["is_placeholder"] is True
    assert body["html"] is None


def test_another_reader_cannot_delete(client, story, reader, second_reader):
    comment = fresh(story, reader)
    client.force_login(second_reader)
    assert client.delete(f"/api/v1/comments/{comment.pk}").status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
