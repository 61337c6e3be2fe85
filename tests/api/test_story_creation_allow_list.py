"""Stories are created by the API only for URLs under the site's allowed prefixes, by an admin or
comment token or a site admin's session; asking again returns the same story."""

from __future__ import annotations

import pytest

from civility.stories.models import Story

from .conftest import api_json, bearer, send

URL = "/api/v1/sites/gazette/stories"


@pytest.fixture
def allowed(site):
    site.allowed_url_prefixes = ["https://gazette.example/news/"]
    site.save()
    return site


def test_a_comment_token_creates_a_story_under_an_allowed_prefix(
    client, allowed, reader, make_token
):
    key = make_token(allowed, reader, "comment")
    body = {"url": "https://gazette.example/news/flood", "title": "The flood"}
    response = send(client, "post", URL, body, **bearer(key))
    assert response.status_code == 201
    story = Story.objects.get(url=body["url"])
    assert (story.site, story.title, story.slug) == (allowed, "The flood", "the-flood")
    again = send(client, "post", URL, body, **bearer(key))
    assert again.status_code == 200
    assert api_json(again)["id"] == story.pk
    assert Story.objects.count() == 1


def test_a_url_outside_the_prefixes_is_refused(client, allowed, reader, make_token):
    key = make_token(allowed, reader, "admin")
    for url in (
        "https://evil.example/news/x",
        "https://gazette.example/newsletter",
        "http://gazette.example/news/x",
    ):
        response = send(client, "post", URL, {"url": url, "title": "X"}, **bearer(key))
        assert response.status_code == 403
    assert not Story.objects.exists()


def test_no_prefixes_means_no_url_is_allowed(client, site, reader, make_token):
    key = make_token(site, reader, "admin")
    body = {"url": "https://gazette.example/news/flood", "title": "The flood"}
    assert send(client, "post", URL, body, **bearer(key)).status_code == 403


def test_an_external_id_alone_is_enough(client, site, reader, make_token):
    key = make_token(site, reader, "admin")
    response = send(
        client, "post", URL, {"external_id": "cms-42", "title": "Budget"}, **bearer(key)
    )
    assert response.status_code == 201
    second = send(client, "post", URL, {"external_id": "cms-43", "title": "Budget"}, **bearer(key))
    assert api_json(second)["slug"] == "budget-2"


def test_a_read_token_cannot_create_stories(client, allowed, reader, make_token):
    key = make_token(allowed, reader, "read", "moderate")
    body = {"external_id": "x", "title": "X"}
    assert send(client, "post", URL, body, **bearer(key)).status_code == 403


def test_a_token_cannot_create_stories_on_another_site(
    client, allowed, other_site, reader, make_token
):
    key = make_token(other_site, reader, "admin")
    body = {"external_id": "x", "title": "X"}
    assert send(client, "post", URL, body, **bearer(key)).status_code == 404
    assert not Story.objects.exists()


def test_a_reader_session_cannot_create_stories(client, allowed, reader):
    client.force_login(reader)
    assert send(client, "post", URL, {"external_id": "x", "title": "X"}).status_code == 403


def test_a_site_admin_session_can(client, allowed, site_admin):
    client.force_login(site_admin)
    assert send(client, "post", URL, {"external_id": "x", "title": "X"}).status_code == 201


def test_it_needs_an_external_id_or_a_url(client, site, reader, make_token):
    key = make_token(site, reader, "admin")
    assert send(client, "post", URL, {"title": "X"}, **bearer(key)).status_code == 400
