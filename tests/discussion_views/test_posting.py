from __future__ import annotations

import re

import pytest

from civility.discussion.models import Comment, CommentStatus
from civility.moderation import gate

pytestmark = pytest.mark.django_db


def post_url(story) -> str:
    return story.get_absolute_url() + "comment/"


def test_it_posts_a_comment_and_redirects_to_its_permalink(client, story, reader):
    client.force_login(reader)
    response = client.post(post_url(story), {"text": "Well argued.", "idempotency_key": "k1"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/comments/{comment.pk}/"
    assert (comment.author, comment.source, comment.status) == (reader, "Well argued.", "published")
    assert comment.client_address == "127.0.0.1"
    landing = client.get(response["Location"], follow=True).content.decode()
    assert "Your comment was posted." in landing
    assert f'id="comment-{comment.pk}"' in landing


def test_a_double_submit_makes_one_comment(client, story, reader):
    client.force_login(reader)
    first = client.post(post_url(story), {"text": "Only once, please.", "idempotency_key": "same"})
    second = client.post(post_url(story), {"text": "Only once, please.", "idempotency_key": "same"})
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_each_rendered_form_carries_its_own_token(client, story, reader):
    client.force_login(reader)
    for text in ("First thought.", "Second thought."):
        html = client.get(story.get_absolute_url()).content.decode()
        key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html).group(1)
        client.post(post_url(story), {"text": text, "idempotency_key": key})
    assert Comment.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n  ", "Your comment is empty. Write something before posting."),
        (
            "x" * 5001,
            "Your comment is 5,001 characters long; the limit is 5,000. Please shorten it.",
        ),
    ],
)
def test_it_shows_the_error_and_keeps_the_readers_text(client, story, reader, text, message):
    client.force_login(reader)
    response = client.post(post_url(story), {"text": text, "idempotency_key": "k"})
    html = response.content.decode()
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assert f'<p class="form-error" id="new-comment-error" role="alert">{message}</p>' in html
    assert f">{text}</textarea>" in html
    assert 'aria-invalid="true"' in html


def test_a_closed_story_refuses_comments_and_shows_no_form(client, story, reader):
    story.is_open = False
    story.save()
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Comments on this story are closed." in html
    assert 'id="new-comment-text"' not in html
    response = client.post(post_url(story), {"text": "Let me in.", "idempotency_key": "k"})
    assert Comment.objects.count() == 0
    assert "Comments on this story are closed." in response.content.decode()


def test_anonymous_readers_are_sent_to_log_in(client, story):
    response = client.post(post_url(story), {"text": "Hello", "idempotency_key": "k"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert Comment.objects.count() == 0


def test_posting_needs_a_csrf_token(story, reader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(post_url(story), {"text": "Forged.", "idempotency_key": "k"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_a_held_comment_tells_the_author_it_awaits_review(client, story, reader, verdict):
    verdict.decision = gate.Decision.HOLD
    client.force_login(reader)
    response = client.post(
        post_url(story), {"text": "Borderline.", "idempotency_key": "k"}, follow=True
    )
    html = response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD
    assert "Your comment is awaiting review." in html
    assert f'id="comment-{comment.pk}"' in html
    assert "Awaiting review</span>" in html


def test_a_rejected_comment_is_explained_and_the_text_kept(client, story, reader, verdict):
    verdict.decision = gate.Decision.REJECT
    verdict.reasons = (gate.Reason(code="spam", detail="It looks like spam."),)
    client.force_login(reader)
    response = client.post(post_url(story), {"text": "Buy now!", "idempotency_key": "k"})
    html = response.content.decode()
    assert "was not published because it breaks the discussion rules. It looks like spam." in html
    assert ">Buy now!</textarea>" in html


def test_with_htmx_it_returns_a_fresh_form_and_the_new_comment(client, story, reader):
    client.force_login(reader)
    response = client.post(
        post_url(story),
        {"text": "Swapped in.", "idempotency_key": "k"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    comment = Comment.objects.get()
    assert response.status_code == 200
    assert html.startswith('<form id="new-comment"')
    assert "Your comment was posted." in html
    assert "k" not in re.search(r'name="idempotency_key" value="([^"]*)"', html).group(1)
    assert '<div hx-swap-oob="afterbegin:#comment-list">' in html
    assert f'id="comment-{comment.pk}"' in html


def test_with_htmx_an_error_comes_back_in_the_form(client, story, reader):
    client.force_login(reader)
    response = client.post(
        post_url(story), {"text": "", "idempotency_key": "k"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<form id="new-comment"')
    assert "Your comment is empty." in html
    assert "hx-swap-oob" not in html
