from __future__ import annotations

import pytest

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def parent(story, second_reader):
    comment, _ = do_post_comment(story=story, author=second_reader, text="A first view.")
    return comment


def test_every_comment_has_a_reply_link_that_works_without_javascript(client, story, parent):
    html = client.get(story.get_absolute_url()).content.decode()
    url = f"/comments/{parent.pk}/reply/"
    assert f'<a href="{url}" hx-get="{url}" hx-target="#slot-{parent.pk}">Reply</a>' in html


def test_anonymous_readers_are_asked_to_log_in_to_reply(client, parent):
    response = client.get(f"/comments/{parent.pk}/reply/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=%2Fcomments%2F{parent.pk}%2Freply%2F"
    fragment = client.get(f"/comments/{parent.pk}/reply/", headers=HTMX).content.decode()
    assert "Log in to reply</a>" in fragment


def test_the_reply_page_shows_the_parent_and_a_labelled_form(client, parent, reader):
    client.force_login(reader)
    html = client.get(f"/comments/{parent.pk}/reply/").content.decode()
    assert "<p>A first view.</p>" in html
    assert f'<label for="reply-{parent.pk}-text">Your reply to second</label>' in html
    assert 'name="idempotency_key"' in html


def test_htmx_loads_just_the_form(client, parent, reader):
    client.force_login(reader)
    html = client.get(f"/comments/{parent.pk}/reply/", headers=HTMX).content.decode()
    assert html.startswith(f'<form id="reply-{parent.pk}"')
    assert f'hx-target="#slot-{parent.pk}"' in html
    assert "<html" not in html


def test_a_reply_lands_under_its_parent(client, story, parent, reader):
    client.force_login(reader)
    response = client.post(
        f"/comments/{parent.pk}/reply/", {"text": "I disagree.", "idempotency_key": "r1"}
    )
    reply = Comment.objects.get(parent=parent)
    assert response["Location"] == f"/comments/{reply.pk}/"
    assert reply.depth == 1 and reply.path.startswith(parent.path)
    html = client.get(story.get_absolute_url() + "?mode=threaded_expanded").content.decode()
    assert html.index(f'id="comment-{parent.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert "1 reply</li>" in html


def test_with_htmx_the_reply_comes_back_in_place(client, parent, reader):
    client.force_login(reader)
    html = client.post(
        f"/comments/{parent.pk}/reply/",
        {"text": "Inline reply.", "idempotency_key": "r2"},
        headers=HTMX,
    ).content.decode()
    reply = Comment.objects.get(parent=parent)
    assert "Your comment was posted." in html
    assert f'<article id="comment-{reply.pk}" class="comment is-inserted' in html


def test_a_reply_error_keeps_the_text(client, parent, reader):
    client.force_login(reader)
    html = client.post(
        f"/comments/{parent.pk}/reply/", {"text": "y" * 5001, "idempotency_key": "r3"}
    ).content.decode()
    assert "the limit is 5,000" in html
    assert ">" + "y" * 5001 + "</textarea>" in html
    assert not Comment.objects.filter(parent=parent).exists()


def test_replies_to_a_closed_story_are_refused(client, story, parent, reader):
    story.is_open = False
    story.save()
    client.force_login(reader)
    response = client.post(
        f"/comments/{parent.pk}/reply/", {"text": "Too late?", "idempotency_key": "r4"}
    )
    assert response.status_code == 400
    assert "Comments on this story are closed." in response.content.decode()
    assert not Comment.objects.filter(parent=parent).exists()
    html = client.get(story.get_absolute_url()).content.decode()
    assert ">Reply</a>" not in html


def test_a_hidden_comment_cannot_be_replied_to(client, parent, reader):
    Comment.objects.filter(pk=parent.pk).update(status=CommentStatus.REJECTED)
    client.force_login(reader)
    assert client.get(f"/comments/{parent.pk}/reply/").status_code == 404
