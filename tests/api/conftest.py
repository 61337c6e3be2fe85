"""Helpers for the API tests: a moderation gate the test controls, a mixed thread built through
the actions, and a JSON client."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus

BASE_TIME = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def client():
    """The test client, checking every API response against the committed OpenAPI schema."""
    from .schema_check import SchemaCheckingClient

    return SchemaCheckingClient()


@pytest.fixture(autouse=True)
def _pipeline_switch(verdict):
    """Every test here publishes unless it sets `verdict` (tests/conftest.py)."""
    return verdict


def api_json(response):
    return json.loads(response.content)


def send(client: Client, method: str, url: str, body=None, **extra):
    """A JSON request through the Django test client."""
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", **extra)


def post(story, author, text, parent=None, *, minute=0):
    comment, _ = actions.do_post_comment(story=story, author=author, text=text, parent=parent)
    # Few distinct minutes, so ties in created_at are common and the tie-breakers matter.
    Comment.objects.filter(pk=comment.pk).update(created_at=BASE_TIME + timedelta(minutes=minute))
    comment.refresh_from_db()
    return comment


@pytest.fixture
def third_reader(make_user):
    return make_user("third")


@pytest.fixture
def mixed_thread(story, reader, second_reader, third_reader, moderator):
    """Threads with replies, reactions, a held reply, a deleted comment kept as a placeholder and
    a rejected one with no visible replies. Returns the comments by name."""
    c = {}
    c["a"] = post(story, reader, "First thread", minute=0)
    c["a1"] = post(story, second_reader, "Reply to a", c["a"], minute=1)
    c["a1x"] = post(story, third_reader, "Reply to a1", c["a1"], minute=1)
    c["a2"] = post(story, third_reader, "Second reply to a", c["a"], minute=2)
    c["b"] = post(story, second_reader, "Second thread", minute=1)
    c["b1"] = post(story, reader, "Reply to b", c["b"], minute=3)
    c["c"] = post(story, third_reader, "Third thread", minute=2)
    c["d"] = post(story, reader, "Deleted later", minute=2)
    c["d1"] = post(story, second_reader, "Reply under the deleted one", c["d"], minute=4)
    c["e"] = post(story, second_reader, "Rejected", minute=3)
    c["held"] = post(story, third_reader, "Held reply", c["b"], minute=4)
    for i in range(6):
        c[f"f{i}"] = post(story, [reader, second_reader][i % 2], f"Flat {i}", minute=i % 3)
    actions.do_react(comment=c["b"], user=reader, kind="like")
    actions.do_react(comment=c["b"], user=third_reader, kind="like")
    actions.do_react(comment=c["c"], user=reader, kind="like")
    actions.do_react(comment=c["a1"], user=reader, kind="like")
    actions.set_status(c["d"], CommentStatus.DELETED)
    actions.set_status(c["e"], CommentStatus.REJECTED)
    actions.set_status(c["held"], CommentStatus.HELD)
    return c


@pytest.fixture
def other_site(db):
    from civility.stories.models import Site

    return Site.objects.create(slug="courier", name="The Courier")


@pytest.fixture
def other_story(other_site):
    from django.utils import timezone

    from civility.stories.models import Story

    return Story.objects.create(
        site=other_site, slug="harbour", title="Harbour reopens", published_at=timezone.now()
    )


@pytest.fixture
def make_token():
    """make_token(site, user, *scopes) -> the full key."""
    from civility.api.tokens import do_create_token

    def make(site, user, *scopes):
        _, key = do_create_token(site=site, name="CMS", scopes=list(scopes), created_by=user)
        return key

    return make


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def site_admin(site, make_user):
    from civility.moderation.models import Role, SiteRole

    user = make_user("siteadmin")
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    return user
