from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment, CommentRevision, CommentStatus

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def comment(story, reader):
    made, _ = do_post_comment(story=story, author=reader, text="Original words.")
    return made


def test_the_author_sees_edit_and_delete_links(client, story, comment, reader, second_reader):
    client.force_login(reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="/comments/{comment.pk}/edit/"' in html
    assert f'href="/comments/{comment.pk}/delete/"' in html
    client.force_login(second_reader)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "/edit/" not in html and "/delete/" not in html


def test_the_author_edits_and_the_old_text_is_kept(client, story, comment, reader):
    client.force_login(reader)
    response = client.post(f"/comments/{comment.pk}/edit/", {"text": "Better words."})
    assert response["Location"] == f"/comments/{comment.pk}/"
    comment.refresh_from_db()
    assert comment.source == "Better words." and comment.edited_at is not None
    assert list(CommentRevision.objects.values_list("source", flat=True)) == ["Original words."]
    html = client.get(f"/comments/{comment.pk}/edit/").content.decode()
    assert "Earlier versions" in html and "<p>Original words.</p>" in html
    assert ">Better words.</textarea>" in html
    page = client.get(story.get_absolute_url()).content.decode()
    assert "edited</span>" in page


def test_an_edit_error_keeps_the_text(client, comment, reader):
    client.force_login(reader)
    html = client.post(f"/comments/{comment.pk}/edit/", {"text": "   "}).content.decode()
    assert "Your comment is empty." in html
    comment.refresh_from_db()
    assert comment.source == "Original words."


def test_with_htmx_an_edit_swaps_the_whole_comment(client, comment, reader):
    client.force_login(reader)
    form = client.get(f"/comments/{comment.pk}/edit/", headers=HTMX).content.decode()
    assert form.startswith(f'<form id="edit-{comment.pk}"')
    assert f'hx-target="#comment-{comment.pk}" hx-swap="outerHTML"' in form
    html = client.post(
        f"/comments/{comment.pk}/edit/", {"text": "Swapped."}, headers=HTMX
    ).content.decode()
    assert html.strip().startswith(f'<article id="comment-{comment.pk}"')
    assert "<p>Swapped.</p>" in html
    error = client.post(f"/comments/{comment.pk}/edit/", {"text": ""}, headers=HTMX)
    assert error["HX-Retarget"] == f"#slot-{comment.pk}"


def test_others_cannot_edit_or_delete(client, comment, second_reader):
    client.force_login(second_reader)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/comments/{comment.pk}/edit/", {"text": "Hijack"}).status_code == 403
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.source == "Original words." and comment.status == CommentStatus.PUBLISHED


def test_anonymous_readers_are_sent_to_log_in(client, comment):
    response = client.post(f"/comments/{comment.pk}/edit/", {"text": "Hijack"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_window_closes_after_fifteen_minutes(client, story, comment, reader):
    client.force_login(reader)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        html = client.get(story.get_absolute_url()).content.decode()
        assert f"/comments/{comment.pk}/edit/" not in html
        assert client.post(f"/comments/{comment.pk}/edit/", {"text": "Late"}).status_code == 403
        assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.source == "Original words." and comment.status == CommentStatus.PUBLISHED


def test_the_author_deletes_after_confirming(client, story, comment, reader):
    client.force_login(reader)
    confirm = client.get(f"/comments/{comment.pk}/delete/").content.decode()
    assert "Delete your comment?" in confirm and "csrfmiddlewaretoken" in confirm
    response = client.post(f"/comments/{comment.pk}/delete/")
    assert response["Location"] == story.get_absolute_url() + "#comments"
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' not in html
    assert "Your comment was deleted." in html


def test_a_deleted_comment_with_replies_leaves_a_placeholder(
    client, story, comment, reader, second_reader
):
    reply, _ = do_post_comment(story=story, author=second_reader, text="A reply.", parent=comment)
    client.force_login(reader)
    client.post(f"/comments/{comment.pk}/delete/")
    client.logout()
    html = client.get(story.get_absolute_url()).content.decode()
    placeholder = html[
        html.index(f'id="comment-{comment.pk}"') : html.index(f'id="comment-{reply.pk}"')
    ]
    assert "This comment was deleted." in placeholder
    assert "Original words." not in html
    assert Comment.objects.get(pk=comment.pk).source == ""
