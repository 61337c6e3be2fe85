"""Anonymous thread pages and API reads come from the cache, and a status change purges them."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from civility.discussion.actions import do_post_comment
from civility.discussion.models import CommentStatus
from civility.moderation.actions import do_approve, do_reject

pytestmark = pytest.mark.django_db

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
    # One page for every anonymous reader: byte for byte what the first one got.
    assert again.content == first.content


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


def test_the_anonymous_page_carries_no_token_and_a_form_gets_one_when_submitted(
    story, published, second_reader
):
    url = story.get_absolute_url()
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url)
    html = page.content.decode()
    assert not ANY_TOKEN.search(html)
    assert cookies_set(page) == set()
    # The reaction bar is a POST form with an empty token field ...
    assert 'class="reactions" method="post"' in html
    assert 'name="csrfmiddlewaretoken" value=""' in html
    react = f"/comments/{published.pk}/react/"
    # ... which civility.js fills from the token endpoint when the reader submits it.
    issued = reader.get("/live/csrf-token/")
    assert "no-store" in issued["Cache-Control"] and "private" in issued["Cache-Control"]
    token = issued.json()["token"]
    answered = reader.post(react, {"kind": "like", "csrfmiddlewaretoken": token})
    assert answered.status_code == 302
    assert answered["Location"].startswith("/accounts/login/")


def test_without_javascript_a_reaction_press_sends_the_anonymous_reader_to_log_in(
    story, published, reader
):
    url = story.get_absolute_url()
    browser = Client(enforce_csrf_checks=True)
    browser.get(url)
    react = f"/comments/{published.pk}/react/"
    pressed = browser.post(
        react, {"kind": "like", "csrfmiddlewaretoken": ""}, HTTP_REFERER=f"http://testserver{url}"
    )
    assert pressed.status_code == 302
    assert pressed["Location"] == "/accounts/login/?" + urlencode({"next": url})
    # A signed-in reader without the token is refused as before, and nothing was recorded.
    browser.force_login(reader)
    assert browser.post(react, {"kind": "like"}).status_code == 403
    assert not published.reactions.exists()


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


def test_the_anonymous_page_is_public_for_a_cdn_and_revalidates_with_an_etag(
    client, story, published
):
    url = story.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert "Cookie" in first["Vary"]
    control = {d.strip() for d in first["Cache-Control"].split(",")}
    assert control == {"public", "max-age=0", "must-revalidate", "s-maxage=30"}
    assert cookies_set(first) == set()
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


def test_every_anonymous_reader_shares_the_etag(client, story, published):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_etag_is_shared_even_with_the_page_cache_off(settings, client, story, published):
    """Without the server cache the page is rendered each time; it still holds no token."""
    settings.PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert cookies_set(first) == set()
    assert not ANY_TOKEN.search(first.content.decode())


def test_anonymous_viewing_options_are_a_get_form_and_the_page_stays_public(
    client, story, published
):
    html = client.get(story.get_absolute_url()).content.decode()
    form = html[html.index('<form class="viewing-options"') :]
    form = form[: form.index("</form>")]
    assert f'method="get" action="{story.get_absolute_url()}#comments"' in form
    assert "csrfmiddlewaretoken" not in form
    # Submitting it is a plain GET of the story page with the options as parameters.
    chosen = Client().get(
        story.get_absolute_url(), {"mode": "flat_collapsed", "order": "newest", "per_page": "10"}
    )
    assert 'value="flat_collapsed" selected' in chosen.content.decode()
    assert "public" in chosen["Cache-Control"]
    assert cookies_set(chosen) == set()


def test_a_reader_whose_session_changes_gets_a_private_page(client, story, published):
    url = story.get_absolute_url()
    client.post(
        url + "viewing-options/", {"mode": "flat_expanded", "order": "oldest", "per_page": "10"}
    )
    page = client.get(url)  # shows (and uses up) the "saved" message
    assert "Your comment viewing options were saved." in page.content.decode()
    assert "private" in page["Cache-Control"] and "public" not in page["Cache-Control"]


def cookies_set(response) -> set[str]:
    """The cookies a response sets."""
    return set(response.cookies)


def test_signed_in_readers_are_never_cached(client, story, published, reader):
    client.force_login(reader)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.has_header("ETag")
    # Their forms carry a working token, and their viewing options are saved by POST.
    assert ANY_TOKEN.search(response.content.decode())
    assert 'class="viewing-options" method="post"' in response.content.decode()
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
