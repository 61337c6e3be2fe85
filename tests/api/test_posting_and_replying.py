"""Posting a comment or a reply through the API: moderation decides, a replayed idempotency key
returns the first comment, a nudge asks before posting, and anonymous readers are refused."""

from __future__ import annotations

from civility.discussion.models import Comment, CommentStatus
from civility.moderation import gate

from .conftest import api_json, send

URL = "/api/v1/sites/gazette/stories/budget-vote/comments"


def test_it_posts_a_comment(client, story, reader):
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "A **fair** point."})
    assert response.status_code == 201
    body = api_json(response)
    comment = Comment.objects.get(pk=body["comment"]["id"])
    assert comment.author == reader
    assert comment.story == story
    assert body["comment"]["status"] == "published"
    assert "<strong>fair</strong>" in body["comment"]["html"]
    assert body["message"] == "Your comment was posted."


def test_it_posts_a_reply_under_its_parent(client, story, reader, mixed_thread):
    client.force_login(reader)
    parent = mixed_thread["c"]
    body = api_json(send(client, "post", URL, {"text": "Agreed.", "parent": parent.pk}))
    assert body["comment"]["parent"] == parent.pk
    assert body["comment"]["path"].startswith(parent.path)
    assert body["comment"]["depth"] == 1


def test_it_refuses_a_reply_to_a_comment_on_another_story(client, story, reader, mixed_thread):
    from civility.stories.models import Story

    Story.objects.create(
        site=story.site, slug="other", title="Other", published_at=story.published_at
    )
    client.force_login(reader)
    response = send(
        client,
        "post",
        "/api/v1/sites/gazette/stories/other/comments",
        {"text": "Hi", "parent": mixed_thread["a"].pk},
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(story__slug="other").exists()


def test_it_refuses_a_reply_to_a_hidden_comment_as_not_found(client, reader, mixed_thread):
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "Hi", "parent": mixed_thread["e"].pk})
    assert response.status_code == 404


def test_a_replayed_idempotency_key_returns_the_first_comment(client, story, reader):
    client.force_login(reader)
    first = send(client, "post", URL, {"text": "Once", "idempotency_key": "k-1"})
    again = send(client, "post", URL, {"text": "Once", "idempotency_key": "k-1"})
    assert first.status_code == 201
    assert again.status_code == 200
    assert api_json(again)["comment"]["id"] == api_json(first)["comment"]["id"]
    assert Comment.objects.filter(story=story).count() == 1


def test_a_held_comment_says_it_awaits_review(client, story, reader, verdict):
    verdict.decision = gate.Decision.HOLD
    client.force_login(reader)
    body = api_json(send(client, "post", URL, {"text": "Borderline"}))
    assert body["comment"]["status"] == "held"
    assert body["message"] == "Your comment is awaiting review."


def test_a_nudge_returns_the_flagged_spans_and_writes_nothing(client, story, reader, verdict):
    verdict.nudge_spans = ((0, 3),)
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "You fool"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = api_json(response)
    assert body["type"].endswith("/nudge")
    assert body["spans"] == [{"start": 0, "end": 3, "text": "You"}]
    assert body["post_anyway"] == {"field": "post_anyway", "value": True}
    assert not Comment.objects.exists()

    anyway = send(client, "post", URL, {"text": "You fool", "post_anyway": True})
    assert anyway.status_code == 201
    assert api_json(anyway)["comment"]["status"] == CommentStatus.HELD


def test_an_anonymous_reader_cannot_post(client, story):
    response = send(client, "post", URL, {"text": "Hello"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(client, story, reader):
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "   "})
    assert response.status_code == 400
    assert "empty" in api_json(response)["detail"]


def test_a_closed_story_refuses_comments(client, story, reader):
    from civility.stories.models import Story

    Story.objects.filter(pk=story.pk).update(is_open=False)
    client.force_login(reader)
    response = send(client, "post", URL, {"text": "Late"})
    assert response.status_code == 400
    assert "closed" in api_json(response)["detail"]
