"""Filters (site, story, author, reason code, dates) and search narrow the cards and the counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.queue.builders import make_comment, reason

pytestmark = pytest.mark.django_db


def _cards(client, **query) -> list[int]:
    html = client.get(reverse("moderation:queue"), query).content.decode()
    return [int(pk) for pk in re.findall(r'data-card="(\d+)"', html)]


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


def test_it_filters_by_site(superuser_client, story, herald_story, reader, site, herald):
    here = make_comment(story, reader)
    there = make_comment(herald_story, reader)
    assert _cards(superuser_client, site=site.pk) == [here.pk]
    assert _cards(superuser_client, site=herald.pk) == [there.pk]
    assert sorted(_cards(superuser_client)) == sorted([here.pk, there.pk])


def test_it_filters_by_story(superuser_client, story, site, reader):
    from civility.stories.models import Story

    other = Story.objects.create(
        site=site, slug="other", title="Other", published_at=timezone.now()
    )
    here = make_comment(story, reader)
    make_comment(other, reader)
    assert _cards(superuser_client, story=story.pk) == [here.pk]


def test_it_filters_by_author_username(superuser_client, story, reader, second_reader):
    mine = make_comment(story, reader)
    make_comment(story, second_reader)
    assert _cards(superuser_client, author="READER") == [mine.pk]


def test_it_filters_by_reason_code(superuser_client, story, reader):
    pasted = make_comment(story, reader, reasons=[reason("pasted_article")])
    make_comment(story, reader, reasons=[reason("repeat_post")])
    # "pasted" alone is not a code: codes match whole.
    assert _cards(superuser_client, reason="pasted_article") == [pasted.pk]
    assert _cards(superuser_client, reason="pasted") == []


def test_it_finds_a_reason_that_only_informed(superuser_client, story, reader):
    both = make_comment(
        story, reader, reasons=[reason("repeat_post"), reason("off_topic", action="publish")]
    )
    make_comment(story, reader, reasons=[reason("repeat_post")])
    assert _cards(superuser_client, reason="off_topic") == [both.pk]


def test_it_filters_by_a_moderators_reason_code(superuser_client, story, reader, make_user):
    from civility.moderation.actions import do_reject

    spam = make_comment(story, reader)
    do_reject(spam, make_user("root2", is_superuser=True), "spam")
    make_comment(story, reader, status="rejected")
    assert _cards(superuser_client, tab="rejected", reason="spam") == [spam.pk]


def test_it_filters_by_date_range(superuser_client, story, reader):
    now = timezone.now()
    old = make_comment(story, reader, created_at=now - timedelta(days=10))
    new = make_comment(story, reader, created_at=now)
    cutoff = (now - timedelta(days=5)).date().isoformat()
    assert _cards(superuser_client, date_from=cutoff) == [new.pk]
    assert _cards(superuser_client, date_to=cutoff) == [old.pk]


def test_it_searches_the_text(superuser_client, story, reader):
    hit = make_comment(story, reader, "The Harbour FEES are too high.")
    make_comment(story, reader, "Nothing to see.")
    assert _cards(superuser_client, q="harbour fees") == [hit.pk]


def test_filters_narrow_the_counts_too(superuser_client, story, reader):
    make_comment(story, reader, "apples")
    make_comment(story, reader, "pears")
    html = superuser_client.get(reverse("moderation:queue"), {"q": "apples"}).content.decode()
    assert 'data-count="pending">1<' in html


def test_malformed_filters_are_ignored(superuser_client, story, reader):
    held = make_comment(story, reader)
    assert _cards(superuser_client, site="abc", date_from="yesterday", tab="nope") == [held.pk]
