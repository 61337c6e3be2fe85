"""count.js asks once for every story on a list page; only the site's origins may read it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.embed.tokens import HOST

from civility.stories.models import Story


@pytest.fixture
def listed(embed_site):
    now = timezone.now()
    by_id = Story.objects.create(
        site=embed_site, slug="a", title="A", external_id="cms-1", published_at=now
    )
    by_url = Story.objects.create(
        site=embed_site, slug="b", title="B", url=f"{HOST}/news/b", published_at=now
    )
    Story.objects.filter(pk=by_id.pk).update(comment_count=3)
    Story.objects.filter(pk=by_url.pk).update(comment_count=1)
    return by_id, by_url


def _counts(client, site, **extra):
    url = reverse("embed:counts", kwargs={"site_slug": site.slug})
    query = f"?id=cms-1&id=cms-unknown&url={HOST}/news/b&url={HOST}/news/none"
    return client.get(url + query, **extra)


def test_it_counts_by_id_and_url_in_one_query(
    client, embed_site, listed, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the site's settings, then the stories
        response = _counts(client, embed_site, HTTP_ORIGIN=HOST)

    assert response.status_code == 200
    assert response.json() == {
        "ids": {"cms-1": 3, "cms-unknown": 0},
        "urls": {f"{HOST}/news/b": 1, f"{HOST}/news/none": 0},
    }


def test_an_allowed_origin_may_read_the_counts(client, embed_site, listed):
    response = _counts(client, embed_site, HTTP_ORIGIN=HOST)

    assert response["Access-Control-Allow-Origin"] == HOST
    assert "Origin" in response["Vary"]


def test_another_origin_is_refused_without_a_cors_header(client, embed_site, listed):
    response = _counts(client, embed_site, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response


def test_another_sites_stories_are_not_counted(client, embed_site, listed):
    from civility.embed.models import EmbedSettings
    from civility.stories.models import Site

    other = Site.objects.create(slug="herald", name="The Herald")
    EmbedSettings.objects.create(site=other, allowed_origins=[HOST])
    response = _counts(client, other, HTTP_ORIGIN=HOST)

    assert response.json()["ids"] == {"cms-1": 0, "cms-unknown": 0}


def test_a_site_without_embed_settings_has_no_counts(client, site):
    response = client.get(reverse("embed:counts", kwargs={"site_slug": site.slug}) + "?id=x")
    assert response.status_code == 404


def test_it_answers_for_at_most_a_hundred_stories(client, embed_site):
    url = reverse("embed:counts", kwargs={"site_slug": embed_site.slug})
    response = client.get(url + "?" + "&".join(f"id=s{n}" for n in range(250)))

    assert len(response.json()["ids"]) == 100
