"""Each endpoint hears its own site's events, and only the ones it chose."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from civility.discussion.actions import do_post_comment, do_report
from civility.moderation import gate
from civility.sanctions.actions import do_ban
from civility.stories.models import Site, Story
from civility.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_site():
    return Site.objects.create(slug="courier", name="The Courier")


@pytest.fixture
def other_story(other_site):
    return Story.objects.create(
        site=other_site, slug="ferry", title="Ferry strike", published_at=timezone.now()
    )


def events_of(receiver, path: str) -> list[str]:
    return [r.headers["Civility-Event"] for r in receiver.requests if r.path.endswith(path)]


def test_site_a_endpoints_never_get_site_b_events(
    site, story, other_site, other_story, reader, receiver, run_after_commit
):
    WebhookEndpoint.objects.create(site=site, url=receiver.url + "/a", events=["comment.created"])
    WebhookEndpoint.objects.create(
        site=other_site, url=receiver.url + "/b", events=["comment.created"]
    )
    run_after_commit(do_post_comment, story=story, author=reader, text="On site A.")
    assert events_of(receiver, "/a") == ["comment.created"]
    assert events_of(receiver, "/b") == []
    run_after_commit(do_post_comment, story=other_story, author=reader, text="On site B.")
    assert events_of(receiver, "/a") == ["comment.created"]
    assert events_of(receiver, "/b") == ["comment.created"]
    for request in receiver.requests:
        body = json.loads(request.body)
        expected = "gazette" if request.path.endswith("/a") else "courier"
        assert body["site"]["slug"] == expected


def test_an_endpoint_gets_only_the_events_it_chose(
    site, story, reader, second_reader, moderator, receiver, run_after_commit, verdict
):
    WebhookEndpoint.objects.create(
        site=site, url=receiver.url + "/replies", events=["comment.replied"]
    )
    WebhookEndpoint.objects.create(
        site=site,
        url=receiver.url + "/mod",
        events=["comment.held", "report.created", "user.banned"],
    )
    WebhookEndpoint.objects.create(
        site=site, url=receiver.url + "/off", events=["comment.created"], is_active=False
    )
    parent, _ = run_after_commit(do_post_comment, story=story, author=reader, text="Top level.")
    run_after_commit(
        do_post_comment, story=story, author=second_reader, text="A reply.", parent=parent
    )
    verdict.decision = gate.Decision.HOLD
    run_after_commit(do_post_comment, story=story, author=second_reader, text="Held one.")
    run_after_commit(do_report, comment=parent, user=second_reader, reason="spam")
    run_after_commit(do_ban, moderator=moderator, user=second_reader, site=site, reason="abuse")
    assert events_of(receiver, "/replies") == ["comment.replied"]
    assert events_of(receiver, "/mod") == ["comment.held", "report.created", "user.banned"]
    assert events_of(receiver, "/off") == []


def test_a_ban_on_every_site_reaches_every_site(
    site, other_site, reader, make_user, receiver, run_after_commit
):
    admin = make_user("root", is_superuser=True, is_staff=True)
    for s in (site, other_site):
        WebhookEndpoint.objects.create(
            site=s, url=f"{receiver.url}/{s.slug}", events=["user.banned"]
        )
    run_after_commit(do_ban, moderator=admin, user=reader, site=None, reason="spam everywhere")
    assert sorted(r.path.rsplit("/", 1)[1] for r in receiver.requests) == ["courier", "gazette"]
    body = json.loads(receiver.requests[0].body)
    assert body["data"]["sanction"] == {"kind": "ban", "until": None, "all_sites": True}
    assert body["data"]["user"]["id"] == reader.pk
    assert "email" not in json.dumps(body)


def test_nothing_is_stored_when_no_endpoint_listens(story, reader, run_after_commit):
    run_after_commit(do_post_comment, story=story, author=reader, text="Quiet.")
    assert not WebhookDelivery.objects.exists()
