"""Admin actions on readers' data: purge a reader, export a story's thread. Both audited, both
refused to anyone without rights on the site."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from tests.imports.export_builders import build_thread

from civility.accounts.actions import AccountError, do_purge_user
from civility.discussion.models import Comment
from civility.moderation.models import AuditEntry, Role, SiteRole

USERS = reverse("admin:auth_user_changelist")
STORIES = reverse("admin:stories_story_changelist")


@pytest.fixture
def thread(story, reader, second_reader, moderator):
    return build_thread(story, reader, second_reader, moderator)


@pytest.fixture
def superuser(make_user):
    return make_user("chief", is_staff=True, is_superuser=True)


@pytest.fixture
def site_admin(make_user, site):
    user = make_user("editor", is_staff=True)
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "view_story"]))
    return user


@pytest.fixture
def staff_without_role(staff_user):
    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "view_story"])
    )
    return staff_user


def purge(client, actor, user, confirmed=True):  # type: ignore[no-untyped-def]
    client.force_login(actor)
    data = {"action": "purge_user_data", "_selected_action": [user.pk]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(USERS, data, follow=True)


def reader_exists() -> bool:
    return get_user_model().objects.filter(username="reader").exists()


def test_a_purge_asks_for_confirmation_first(client, superuser, reader, thread):
    page = purge(client, superuser, reader, confirmed=False).content.decode()
    assert "Yes, purge their data" in page and "reader@example.org" in page
    assert reader_exists()


@pytest.mark.parametrize("actor_name", ["superuser", "site_admin"])
def test_a_purge_removes_the_comments_and_is_audited(client, request, actor_name, reader, thread):
    actor = request.getfixturevalue(actor_name)
    response = purge(client, actor, reader)
    assert "1 reader(s) purged." in response.content.decode()
    assert not reader_exists()
    # Removed even though the site's own policy for deleted accounts is to anonymise.
    top = Comment.objects.get(pk=thread.top.pk)
    assert (top.status, top.source, top.author_id) == ("deleted", "", None)
    assert Comment.objects.get(pk=thread.reply.pk).status == "published"
    entry = AuditEntry.objects.get(action="user.purged")
    assert entry.actor == actor and entry.site == thread.top.story.site
    assert entry.target == f"user {reader.pk}" and entry.data["comments_removed"] == 2


@pytest.mark.parametrize("actor_name", ["staff_without_role", "moderator"])
def test_a_purge_is_refused_without_admin_rights_on_the_site(
    client, request, actor_name, reader, thread
):
    actor = request.getfixturevalue(actor_name)
    purge(client, actor, reader)
    assert reader_exists()
    assert not AuditEntry.objects.filter(action="user.purged").exists()
    with pytest.raises(AccountError):
        do_purge_user(user=reader, actor=actor)


def test_non_staff_cannot_reach_the_actions(client, second_reader, reader, thread):
    response = purge(client, second_reader, reader)
    assert response.redirect_chain and "login" in response.redirect_chain[-1][0]
    assert reader_exists()
    with pytest.raises(AccountError):
        do_purge_user(user=reader, actor=second_reader)


def test_a_site_admin_cannot_purge_staff(client, site_admin, staff_user):
    purge(client, site_admin, staff_user)
    assert get_user_model().objects.filter(pk=staff_user.pk).exists()


def export_thread(client, actor, story):  # type: ignore[no-untyped-def]
    client.force_login(actor)
    return client.post(STORIES, {"action": "export_thread", "_selected_action": [story.pk]})


@pytest.mark.parametrize("actor_name", ["superuser", "site_admin"])
def test_exporting_a_thread_downloads_it_in_the_export_schema(
    client, request, actor_name, story, thread
):
    actor = request.getfixturevalue(actor_name)
    response = export_thread(client, actor, story)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.jsonl"')
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert lines[0]["format"] == "civility" and lines[0]["stories"] == [story.slug]
    kinds = {line.get("type") for line in lines[1:]}
    assert {"story", "user", "comment", "reaction", "report", "moderation_event"} <= kinds
    entry = AuditEntry.objects.get(action="story.thread_exported")
    assert entry.actor == actor and entry.site == story.site and entry.target == story.slug


@pytest.mark.parametrize("actor_name", ["staff_without_role", "moderator"])
def test_exporting_a_thread_is_refused_without_admin_rights(client, request, actor_name, story):
    actor = request.getfixturevalue(actor_name)
    response = export_thread(client, actor, story)
    assert "Content-Disposition" not in response
    assert not AuditEntry.objects.filter(action="story.thread_exported").exists()
