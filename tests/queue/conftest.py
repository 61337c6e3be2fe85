"""Personas and comments for the queue tests: moderators of two sites, comments in each state."""

from __future__ import annotations

import pytest
from tests.queue.builders import make_comment


@pytest.fixture
def herald(db):
    from civility.stories.models import Site

    return Site.objects.create(slug="herald", name="The Herald")


@pytest.fixture
def herald_story(herald):
    from django.utils import timezone

    from civility.stories.models import Story

    return Story.objects.create(
        site=herald,
        slug="harbour",
        title="Harbour reopens",
        body_markdown="The harbour reopened.",
        published_at=timezone.now(),
    )


def _moderate(user, site, role="moderator"):
    from civility.moderation.models import SiteRole

    SiteRole.objects.create(user=user, site=site, role=role)
    return user


@pytest.fixture
def gazette_mod(make_user, site):
    return _moderate(make_user("gmod"), site)


@pytest.fixture
def herald_mod(make_user, herald):
    return _moderate(make_user("hmod"), herald)


@pytest.fixture
def comment_factory():
    return make_comment


@pytest.fixture
def report_of(db):
    def run(comment, reporter, reason="abusive", note=""):
        from civility.discussion.actions import do_report

        return do_report(comment=comment, user=reporter, reason=reason, note=note)

    return run
