from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import

FILE = FIXTURES / "commento.json"


@pytest.fixture
def imported(site):
    # c6 has no creationDate: reported as an error, the rest still imports.
    with pytest.raises(CommandError):
        run_import(FILE, site)
    return {c.source: c for c in Comment.objects.filter(story__site=site)}


def test_it_makes_one_story_per_commento_page(site, imported):
    urls = sorted(Story.objects.filter(site=site).values_list("url", flat=True))
    assert urls == ["https://gazette.example/news/one", "https://gazette.example/news/two"]


def test_it_maps_commento_states_and_never_publishes_flagged_or_deleted(imported):
    assert imported["First **approved** comment."].status == "published"
    assert imported["Waiting for a moderator."].status == "held"
    assert imported["Buy cheap watches"].status == "rejected"
    assert [c.status for c in imported.values() if c.source == ""] == ["deleted"]


def test_it_threads_replies_and_joins_commenters(site, imported):
    first, reply = imported["First **approved** comment."], imported["A reply to the first."]
    assert reply.parent_id == first.pk
    assert first.author.email == "ada@example.org"
    assert reply.author.email == "" and reply.author_name == "Brian"
    assert imported["Waiting for a moderator."].author is None
    assert reply.created_at == datetime(2021, 3, 12, 12, 0, 0, 500000, tzinfo=UTC)
    assert "No date on me." not in imported
    assert_counters_consistent(site)
