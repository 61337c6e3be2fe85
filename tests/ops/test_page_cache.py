"""Anonymous thread pages and API reads come from the cache, and a status change purges them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from civility.discussion.actions import do_post_comment
from civility.discussion.models import CommentStatus
from civility.moderation.actions import do_approve, do_reject

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 120
    settings.PAGE_CACHE_CDN_SECONDS = 30


@pytest.fixture
def published(story, reader):
    comment, _ = do_post_comment(story=story, author=reader, text="The library deserves better.")
    return comment


@pytest.fixture
def held(story, second_reader):
    comment, _ = do_post_comment(
        story=story, author=second_reader, text="Buy cheap at http://pills.example.com"
    )
    assert comment.status == CommentStatus.HELD
    return comment


def test_a_second_anonymous_visit_is_served_without_a_query(
    client, story, published, django_assert_num_queries
):
    first = client.get(story.get_absolute_url())
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = Client().get(story.get_absolute_url())
    assert again.status_code == 200
    assert "The library deserves better." in again.content.decode()
    # The "Comment viewing options" are there exactly as on an uncached page.
    assert "Comment viewing options" in again.content.decode()
    assert ANY_TOKEN.sub("", again.content.decode()) == ANY_TOKEN.sub("", first.content.decode())


def test_an_approved_comment_shows_on_the_next_anonymous_visit(
    client, story, published, held, moderator, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    assert "pills.example.com" not in client.get(url).content.decode()
    assert "pills.example.com" not in Client().get(url).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(held, moderator)
    assert "pills.example.com" in Client().get(url).content.decode()


def test_a_rejected_comment_leaves_the_cached_page_at_once(
    client, story, published, moderator, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    assert "The library deserves better." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        do_reject(published, moderator, "spam")
    assert "The library deserves better." not in Client().get(url).content.decode()


def test_a_change_on_another_story_keeps_this_page_cached(
    client,
    story,
    site,
    published,
    reader,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    from civility.stories.models import Story

    other = Story.objects.create(
        site=site, slug="other", title="Other", published_at=timezone.now()
    )
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        do_post_comment(story=other, author=reader, text="Elsewhere entirely.")
    with django_assert_num_queries(0):
        Client().get(story.get_absolute_url())


def test_each_reader_gets_a_working_csrf_token_of_their_own(client, story, published):
    url = story.get_absolute_url()
    client.get(url)
    reader_b = Client(enforce_csrf_checks=True)
    page = reader_b.get(url)  # from the cache
    token = TOKEN.search(page.content.decode()).group(1)
    assert "__civility_csrf_token__" not in page.content.decode()
    saved = reader_b.post(
        url + "viewing-options/",
        {
            "mode": "flat_expanded",
            "order": "newest",
            "per_page": "10",
            "csrfmiddlewaretoken": token,
        },
    )
    assert saved.status_code == 302
    # Reader B's own choice now shapes the page B gets, not the cached default one.
    mine = reader_b.get(url).content.decode()
    assert 'value="flat_expanded" selected' in mine
    assert 'value="threaded_expanded" selected' in Client().get(url).content.decode()


def test_a_page_carrying_a_one_time_message_is_neither_cached_nor_served_from_cache(
    client, story, published
):
    url = story.get_absolute_url()
    client.get(url)  # cached now
    client.post(
        url + "viewing-options/", {"mode": "flat_expanded", "order": "oldest", "per_page": "10"}
    )
    page = client.get(url).content.decode()
    assert "Your comment viewing options were saved." in page
    assert "Your comment viewing options were saved." not in Client().get(url).content.decode()


def test_unknown_query_parameters_are_not_cached(
    client, story, published, django_assert_num_queries
):
    url = story.get_absolute_url() + "?utm_source=feed"
    client.get(url)
    second = Client()
    with django_assert_num_queries(4):
        assert second.get(url).status_code == 200


def test_anonymous_pages_revalidate_with_an_etag_and_get_304(client, story, published):
    url = story.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert "Cookie" in first["Vary"]
    # The page holds this reader's CSRF token: the browser may keep it, a shared cache may not.
    assert "private" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_the_etag_changes_when_the_thread_changes(
    client, story, published, held, moderator, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(held, moderator)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_another_readers_etag_does_not_match_mine(client, story, published):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    other = Client()
    other.get(url)
    assert other.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_signed_in_readers_are_never_cached(client, story, published, reader):
    client.force_login(reader)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.has_header("ETag")
    # And a signed-in visit leaves nothing behind for anonymous readers to be served.
    assert "Log in to comment" in Client().get(story.get_absolute_url()).content.decode()


def test_api_reads_are_public_for_a_cdn_and_cached(
    client,
    story,
    published,
    held,
    moderator,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    url = f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments?order=newest"
    first = client.get(url)
    assert first.status_code == 200
    control = first["Cache-Control"]
    assert "public" in control and "s-maxage=30" in control and "max-age=0" in control
    assert {"Cookie", "Authorization"} <= {v.strip() for v in first["Vary"].split(",")}
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_assert_num_queries(0):
        assert Client().get(url).json() == first.json()
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(held, moderator)
    assert len(Client().get(url).json()["items"]) == 2


def test_comment_counts_are_cached_and_purged(
    client,
    story,
    published,
    held,
    moderator,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    url = f"/api/v1/counts?story={story.site.slug}:{story.slug}"
    key = f"{story.site.slug}:{story.slug}"
    assert client.get(url).json()["counts"][key] == 1
    with django_assert_num_queries(0):
        Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        do_approve(held, moderator)
    assert Client().get(url).json()["counts"][key] == 2


def test_api_reads_with_a_token_are_not_cached(client, story, published):
    url = f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments"
    client.get(url)
    response = Client().get(url, HTTP_AUTHORIZATION="Bearer civ_nope_nope")
    assert "public" not in response.get("Cache-Control", "")


def test_with_the_page_cache_off_pages_are_rendered_every_time(
    settings, client, story, published, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(story.get_absolute_url())
    with django_assert_num_queries(4):
        Client().get(story.get_absolute_url())
