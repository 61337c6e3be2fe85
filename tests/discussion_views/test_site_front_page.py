from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from civility.discussion.actions import do_post_comment
from civility.stories.models import Site, Story

pytestmark = pytest.mark.django_db


def test_it_lists_stories_newest_first_with_comment_counts(client, site, story, reader):
    older = Story.objects.create(
        site=site,
        slug="older",
        title="An older story",
        published_at=timezone.now() - timedelta(days=3),
    )
    do_post_comment(story=story, author=reader, text="One")
    do_post_comment(story=story, author=reader, text="Two")
    html = client.get("/gazette/").content.decode()
    assert html.index("Council passes the budget") < html.index("An older story")
    assert '<a href="/gazette/budget-vote/#comments">2 comments</a>' in html
    assert '<a href="/gazette/older/#comments">0 comments</a>' in html
    assert f'href="{older.get_absolute_url()}"' in html


def test_it_costs_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    for n in range(40):
        Story.objects.create(
            site=site, slug=f"s{n}", title=f"Story {n}", published_at=timezone.now()
        )
    with django_assert_num_queries(3):  # site; count; page of stories
        client.get("/gazette/")
    with django_assert_num_queries(3):
        client.get("/gazette/?page=2")


def test_the_root_goes_straight_to_the_only_site(client, site):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/gazette/"


def test_the_root_lists_several_sites(client, site):
    Site.objects.create(slug="herald", name="The Herald")
    html = client.get("/").content.decode()
    assert '<a href="/gazette/">The Gazette</a>' in html
    assert '<a href="/herald/">The Herald</a>' in html


def test_an_unknown_site_is_404(client, site):
    assert client.get("/nowhere/").status_code == 404


@pytest.mark.parametrize("slug", ["admin", "accounts", "static", "media", "comments"])
def test_site_urls_never_swallow_the_apps_own_paths(client, slug):
    # Even a site with a reserved slug cannot take over the app's own top-level paths.
    Site.objects.create(slug=slug, name="Squatter")
    Story.objects.create(
        site_id=Site.objects.get(slug=slug).pk, slug="x", title="X", published_at=timezone.now()
    )
    html = client.get(f"/{slug}/").content.decode()
    assert "Squatter" not in html
    assert "Squatter" not in client.get(f"/{slug}/x/").content.decode()


def test_the_apps_own_pages_still_answer(client, site):
    assert client.get("/admin/").status_code == 302  # to the admin login
    assert client.get("/accounts/login/").status_code == 200
