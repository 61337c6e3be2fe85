"""Readers and visitors see no queue; a moderator sees and acts only on their own sites."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

from civility.discussion.models import CommentStatus

pytestmark = pytest.mark.django_db


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_readers_and_staff_without_a_role_are_refused(client, reader, staff_user):
    for user in (reader, staff_user):
        client.force_login(user)
        assert client.get(reverse("moderation:queue")).status_code == 403


def test_a_moderator_sees_only_their_sites(client, gazette_mod, story, herald_story, reader):
    here = make_comment(story, reader)
    there = make_comment(herald_story, reader, "On the other site.")
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue"), {"tab": "all"}).content.decode()
    assert re.findall(r'data-card="(\d+)"', html) == [str(here.pk)]
    assert "On the other site." not in html
    assert there.pk
    # Asking for the other site by filter shows nothing either.
    html = client.get(reverse("moderation:queue"), {"site": herald_story.site_id}).content.decode()
    assert re.findall(r'data-card="(\d+)"', html) == []


ACTIONS = [
    ("approve", {}),
    ("reject", {"reason_code": "spam"}),
    ("feature", {}),
    ("sanction", {"sanction": "ban"}),
]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_a_moderator_cannot_act_on_another_sites_comment(
    client, gazette_mod, herald_story, reader, name, data
):
    from civility.sanctions.models import UserSanction

    there = make_comment(herald_story, reader, status="published" if name == "feature" else "held")
    client.force_login(gazette_mod)
    response = client.post(reverse(f"moderation:{name}", args=[there.pk]), data)
    assert response.status_code == 404
    there.refresh_from_db()
    assert there.status in (CommentStatus.HELD, CommentStatus.PUBLISHED)
    assert there.featured_at is None
    assert not UserSanction.objects.exists()


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_readers_and_visitors_cannot_act(client, reader, second_reader, story, name, data):
    held = make_comment(story, reader)
    url = reverse(f"moderation:{name}", args=[held.pk])
    assert client.post(url, data).status_code == 302  # to log in
    client.force_login(second_reader)
    assert client.post(url, data).status_code == 403
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_a_superuser_works_every_sites_queue(client, make_user, story, herald_story, reader):
    make_comment(story, reader)
    make_comment(herald_story, reader)
    client.force_login(make_user("root", is_superuser=True))
    html = client.get(reverse("moderation:queue")).content.decode()
    assert len(re.findall(r'data-card="(\d+)"', html)) == 2


def test_the_actions_refuse_on_the_server_too(gazette_mod, herald_story, reader):
    from civility.discussion.errors import NotAllowed
    from civility.moderation import queue_actions
    from civility.sanctions import actions as sanctions

    there = make_comment(herald_story, reader, status="published")
    with pytest.raises(NotAllowed):
        queue_actions.do_feature(there, gazette_mod)
    with pytest.raises(NotAllowed):
        queue_actions.do_reject_and_notify(there, gazette_mod, "spam")
    with pytest.raises(NotAllowed):
        sanctions.do_ban(moderator=gazette_mod, user=reader, site=herald_story.site)
    with pytest.raises(NotAllowed):
        sanctions.do_ban(moderator=gazette_mod, user=reader, site=None)
