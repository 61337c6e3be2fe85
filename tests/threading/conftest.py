"""Personas for the threading tests, and a moderation gate that decides what the test says.

The real gate (phases, scores, site settings) is tested on its own; here it would only make
the shape of a thread depend on the text of its comments.
"""

from __future__ import annotations

import pytest


class FixedGate:
    """Stands in for gate.review: every candidate gets `decision`."""

    def __init__(self) -> None:
        from civility.moderation.gate import Decision

        self.decision = Decision.PUBLISH

    def __call__(self, candidate):
        from civility.moderation.gate import Verdict

        return Verdict(self.decision)


@pytest.fixture(autouse=True)
def fixed_gate(monkeypatch):
    from civility.moderation import gate

    stand_in = FixedGate()
    monkeypatch.setattr(gate, "review", stand_in)
    return stand_in


@pytest.fixture
def site_moderator(site, make_user):
    """A moderator by role on the story's site (staff status alone moderates nothing)."""
    from civility.moderation.models import SiteRole

    user = make_user("site_moderator")
    SiteRole.objects.create(user=user, site=site)
    return user


@pytest.fixture
def authors(reader, second_reader, make_user, site_moderator):
    return [reader, second_reader, make_user("third"), site_moderator]


@pytest.fixture
def viewers(authors):
    from django.contrib.auth.models import AnonymousUser

    reader, second_reader, _third, site_moderator = authors
    return [AnonymousUser(), reader, second_reader, site_moderator]
