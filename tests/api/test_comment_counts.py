"""Comment counts for many stories in one request and one query, for article lists."""

from __future__ import annotations

from civility.discussion.models import Comment
from civility.stories.models import Story

from .conftest import api_json, post


def test_it_counts_published_comments_for_each_story(
    client, story, reader, mixed_thread, django_assert_num_queries
):
    other = Story.objects.create(
        site=story.site, slug="other", title="Other", published_at=story.published_at
    )
    post(other, reader, "Only one here")
    with django_assert_num_queries(1):
        response = client.get(
            "/api/v1/counts?story=gazette:budget-vote&story=gazette:other&story=gazette:missing"
            "&story=nonsense"
        )
    assert response.status_code == 200
    story.refresh_from_db()
    assert api_json(response) == {
        "counts": {"gazette:budget-vote": story.comment_count, "gazette:other": 1}
    }


def test_the_count_leaves_out_hidden_comments(client, story, mixed_thread):
    visible = sum(
        1 for c in mixed_thread.values() if Comment.objects.get(pk=c.pk).status == "published"
    )
    body = api_json(client.get("/api/v1/counts?story=gazette:budget-vote"))
    assert body["counts"]["gazette:budget-vote"] == visible


def test_it_needs_at_least_one_story(client, db):
    assert client.get("/api/v1/counts").status_code == 400
