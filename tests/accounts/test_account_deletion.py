"""A reader deletes their account; their comments are anonymised or removed as the site says."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from tests.imports.export_builders import build_thread
from tests.imports.helpers import assert_counters_consistent

from civility.accounts.actions import DELETED_ACCOUNT_NAME
from civility.discussion.access import visible_comments
from civility.discussion.models import Comment, CommentRevision, Reaction, Report
from civility.moderation.models import AuditEntry
from civility.stories.models import AccountDeletion

PASSWORD = "correct horse battery"
URL = reverse("accounts:delete_account")


@pytest.fixture
def thread(story, reader, second_reader, moderator):
    return build_thread(story, reader, second_reader, moderator)


def delete(client, reader, **data):  # type: ignore[no-untyped-def]
    client.force_login(reader)
    return client.post(URL, {"password": PASSWORD, "confirm": "on", **data})


def assert_reader_is_gone(client) -> None:  # type: ignore[no-untyped-def]
    assert not get_user_model().objects.filter(username="reader").exists()
    assert not client.login(username="reader", password=PASSWORD)
    assert not Reaction.objects.filter(user__username="reader").exists()
    assert not Report.objects.exists()


def test_the_page_says_what_each_site_does_with_the_comments(client, reader, thread, site):
    client.force_login(reader)
    page = client.get(URL).content.decode()
    assert site.name in page
    assert AccountDeletion.ANONYMISE.label in page


def test_by_default_comments_stay_without_their_author(client, reader, thread, story):
    response = delete(client, reader)
    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()
    top = Comment.objects.get(pk=thread.top.pk)
    assert top.author_id is None and top.author_name == DELETED_ACCOUNT_NAME
    assert top.display_author == DELETED_ACCOUNT_NAME
    assert top.source == "The budget leaves the library short, again." and top.status == "published"
    assert top.client_address is None
    # Others' replies and reactions stay; the reader's reaction no longer counts.
    reply = Comment.objects.get(pk=thread.reply.pk)
    assert reply.author.username == "second" and reply.parent_id == top.pk
    assert reply.reaction_count == 0 and top.reaction_count == 1
    assert_reader_is_gone(client)
    assert_counters_consistent(story.site)
    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.site == story.site and entry.actor is None
    assert entry.data["comments_anonymised"] == 2 and entry.data["policy"] == "anonymise"


def test_on_a_removing_site_the_text_goes_and_a_placeholder_keeps_the_replies(
    client, reader, thread, story
):
    story.site.account_deletion = AccountDeletion.REMOVE
    story.site.save()
    count_before = Comment.objects.get(pk=thread.reply.pk).reply_count
    delete(client, reader)
    top = Comment.objects.get(pk=thread.top.pk)
    assert (top.status, top.source, top.html, top.author_id) == ("deleted", "", "", None)
    assert not CommentRevision.objects.filter(comment=top).exists()
    reply = Comment.objects.get(pk=thread.reply.pk)
    assert reply.status == "published" and reply.parent_id == top.pk
    assert reply.reply_count == count_before - 1  # the reader's own reply under it went
    shown = {c.pk: c.is_placeholder for c in visible_comments(AnonymousUser(), story)}
    assert shown[top.pk] is True  # a placeholder: the reply below it still shows
    assert thread.reader_reply.pk not in shown  # nothing below it: gone from the thread
    story.refresh_from_db()
    assert story.comment_count == 1
    assert_reader_is_gone(client)
    assert_counters_consistent(story.site)


def test_a_wrong_password_or_no_confirmation_deletes_nothing(client, reader, thread):
    assert delete(client, reader, password="not it").status_code == 400
    assert delete(client, reader, confirm="").status_code == 400
    assert get_user_model().objects.filter(username="reader").exists()
    assert Comment.objects.filter(author=reader).count() == 2


def test_it_needs_the_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(URL, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(username="reader").exists()


def test_it_is_only_for_signed_in_readers(client):
    assert client.post(URL, {"password": PASSWORD, "confirm": "on"}).status_code == 302
