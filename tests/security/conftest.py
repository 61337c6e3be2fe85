"""Personas for the attack suite: a reader, a comment author, a moderator and a site admin of
the Gazette, and a moderator of another site (the Courier)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from tests.browser.conftest import browser_page  # noqa: F401  (the Chromium page fixture)

from civility.moderation import gate


@pytest.fixture
def publish_everything(monkeypatch):
    """Skip the moderation pipeline: these tests are about what happens to text once accepted."""
    monkeypatch.setattr(gate, "review", lambda candidate: gate.Verdict(gate.Decision.PUBLISH))


@pytest.fixture
def author(make_user):
    return make_user("author")


@pytest.fixture
def site_admin(site, make_user):
    from civility.moderation.models import Role, SiteRole

    user = make_user("siteadmin")
    SiteRole.objects.create(user=user, site=site, role=Role.SITE_ADMIN)
    return user


@pytest.fixture
def other_site(db):
    from civility.stories.models import Site

    return Site.objects.create(slug="courier", name="The Courier")


@pytest.fixture
def other_moderator(other_site, make_user):
    """A moderator, but of the Courier: nothing of the Gazette's is theirs."""
    from civility.moderation.models import SiteRole

    user = make_user("othermod")
    SiteRole.objects.create(user=user, site=other_site)
    return user


@pytest.fixture
def make_token():
    """make_token(site, user, *scopes) -> the full bearer key."""
    from civility.api.tokens import do_create_token

    def make(site, user, *scopes):
        _, key = do_create_token(
            site=site, name="attack suite", scopes=list(scopes), created_by=user
        )
        return key

    return make


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send_json(client: Client, method: str, url: str, body=None, **extra):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", **extra)
