from __future__ import annotations

import pytest

from civility.discussion.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(story, reader, second_reader, build_thread):
    return build_thread(story, [reader, second_reader], 25)


def test_it_lands_on_the_page_that_holds_the_comment(client, story, comments):
    target = comments[13]
    response = client.get(f"/comments/{target.pk}/?mode=flat_expanded&order=oldest&per_page=10")
    assert response.status_code == 302
    assert response["Location"] == (
        f"{story.get_absolute_url()}?mode=flat_expanded&order=oldest&per_page=10&page=2"
        f"#comment-{target.pk}"
    )
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="comment-{target.pk}"' in page


def test_it_follows_the_readers_saved_options(client, story, comments):
    client.post(
        story.get_absolute_url() + "viewing-options/",
        {"mode": "flat_expanded", "order": "newest", "per_page": "10"},
    )
    first = comments[0]  # the oldest: last page when newest come first
    response = client.get(f"/comments/{first.pk}/")
    assert response["Location"] == f"{story.get_absolute_url()}?page=3#comment-{first.pk}"


def test_it_leaves_out_the_page_when_the_comment_is_on_the_first(client, story, comments):
    response = client.get(f"/comments/{comments[0].pk}/")
    assert response["Location"] == f"{story.get_absolute_url()}#comment-{comments[0].pk}"


def test_it_answers_404_for_hidden_and_missing_comments(client, story, comments):
    leaf = next(c for c in comments if not Comment.objects.filter(parent=c).exists())
    Comment.objects.filter(pk=leaf.pk).update(status=CommentStatus.REJECTED)
    assert client.get(f"/comments/{leaf.pk}/").status_code == 404
    assert client.get("/comments/999999/").status_code == 404


def test_a_rejected_comment_with_replies_stays_as_a_placeholder(client, story, comments):
    parent = next(c for c in comments if Comment.objects.filter(parent=c).exists())
    Comment.objects.filter(pk=parent.pk).update(status=CommentStatus.REJECTED)
    response = client.get(f"/comments/{parent.pk}/")
    assert response.status_code == 302
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="comment-{parent.pk}"' in page
    assert "This comment was removed by a moderator." in page
    assert parent.source not in page
