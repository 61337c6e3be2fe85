"""Comment counts for many of one site's stories, named by slug, the CMS's external id or the
article URL, in one query: what the embed's count script and article lists call."""

from __future__ import annotations

import pytest

from civility.api.reading import MAX_COUNTED_STORIES
from civility.stories.models import Story

from .conftest import api_json, bearer, post, send

URL = "/api/v1/sites/gazette/counts"


@pytest.fixture
def stories(story, other_story, reader):
    Story.objects.filter(pk=story.pk).update(
        external_id="cms-1", url="https://gazette.example/budget"
    )
    plain = Story.objects.create(
        site=story.site, slug="plain", title="Plain", published_at=story.published_at
    )
    Story.objects.filter(pk=other_story.pk).update(
        external_id="cms-1", url="https://courier.example/x"
    )
    post(story, reader, "One")
    post(story, reader, "Two")
    return {"story": story, "plain": plain}


def test_it_counts_by_slug_external_id_and_url(client, stories, django_assert_num_queries):
    query = (
        "?story=budget-vote&story=plain&story=missing&external_id=cms-1&external_id=cms-9"
        "&url=https://gazette.example/budget&url=https://courier.example/x"
    )
    with django_assert_num_queries(1):
        response = client.get(URL + query)
    assert api_json(response) == {
        "stories": {"budget-vote": 2, "plain": 0},
        "external_ids": {"cms-1": 2},
        "urls": {"https://gazette.example/budget": 2},
    }


def test_another_sites_stories_are_not_counted_here(client, stories):
    body = api_json(client.get(URL + "?external_id=cms-1&url=https://courier.example/x"))
    assert body["external_ids"] == {"cms-1": 2}
    assert body["urls"] == {}


def test_nothing_asked_is_nothing_answered(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        body = api_json(client.get(URL))
    assert body == {"stories": {}, "external_ids": {}, "urls": {}}


def test_it_answers_at_most_the_limit(client, site, django_assert_num_queries):
    from django.utils import timezone

    now = timezone.now()
    Story.objects.bulk_create(
        Story(site=site, slug=f"s{i}", title=f"S{i}", external_id=f"e{i}", published_at=now)
        for i in range(120)
    )
    query = "&".join(f"story=s{i}&external_id=e{i}" for i in range(120))
    with django_assert_num_queries(1):
        body = api_json(client.get(f"{URL}?{query}"))
    assert len(body["stories"]) + len(body["external_ids"]) == MAX_COUNTED_STORIES


def test_a_token_of_another_site_is_not_found(client, stories, other_site, reader, make_token):
    key = make_token(other_site, reader, "read")
    assert send(client, "get", URL + "?story=budget-vote", **bearer(key)).status_code == 404


def test_a_token_counts_its_own_site(client, stories, reader, make_token):
    key = make_token(stories["story"].site, reader, "read")
    body = api_json(send(client, "get", URL + "?story=budget-vote", **bearer(key)))
    assert body["stories"] == {"budget-vote": 2}
