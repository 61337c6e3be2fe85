"""Hostile comment text posted through the form and the API comes out inert on every surface:
the story page, the permalink pages, the API's `html` fields, the feeds and the moderation queue.

Checked structurally: each page is parsed as a browser would (html5lib) and searched for script
elements, event-handler and style attributes, script-capable URLs, and anything in a comment body
beyond the tags and attributes comments may carry.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from civility.api.models import Scope
from civility.discussion import actions
from civility.discussion.models import Comment, CommentStatus

from .conftest import bearer, send_json
from .hostile_corpus import CORPUS
from .markup import body_problems, fragment_problems, page_problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_everything")]

PAGE = "?mode=threaded_expanded&per_page=150"


def post_corpus_through_the_form(client, story, user) -> list[Comment]:
    client.force_login(user)
    url = reverse(
        "discussion:post", kwargs={"site_slug": story.site.slug, "story_slug": story.slug}
    )
    for index, (name, text) in enumerate(CORPUS):
        response = client.post(url, {"text": text, "idempotency_key": f"form-{index}"})
        assert response.status_code == 302, f"{name}: the form refused it ({response.status_code})"
    comments = list(Comment.objects.filter(story=story).order_by("pk"))
    assert len(comments) == len(CORPUS)
    return comments


def assert_page_inert(html: str, where: str, *, body_class: str = "comment-body", bodies: int):
    problems = page_problems(html)
    count, in_bodies = body_problems(html, body_class)
    assert not problems + in_bodies, f"{where}: {problems + in_bodies}"
    assert count >= bodies, f"{where}: expected {bodies} comment bodies, found {count}"


def test_the_story_page_shows_every_vector_inert(client, story, author):
    post_corpus_through_the_form(client, story, author)
    for mode in ("threaded_expanded", "flat_collapsed"):
        for viewer in (author, None):
            if viewer is None:
                client.logout()
            page = client.get(f"{story.get_absolute_url()}?mode={mode}&per_page=150")
            assert page.status_code == 200
            assert_page_inert(page.content.decode(), f"story page, {mode}", bodies=len(CORPUS))


def test_the_text_shows_as_text_not_markup(client, story, author):
    post_corpus_through_the_form(client, story, author)
    html = client.get(story.get_absolute_url() + PAGE).content.decode()
    assert "&lt;script&gt;alert('script')&lt;/script&gt;" in html
    assert "{{ request.user.password }}" in html  # stored text, never a template


def test_each_comments_own_pages_are_inert(client, story, author, moderator):
    comments = post_corpus_through_the_form(client, story, author)
    for comment, (name, _) in zip(comments, CORPUS, strict=True):
        client.force_login(author)
        # The edit page shows the source in a textarea (no body until there are revisions).
        for route, bodies in (("discussion:edit", 0), ("discussion:delete", 1)):
            page = client.get(reverse(route, args=[comment.pk]))
            assert page.status_code == 200, f"{name}: {route}"
            assert_page_inert(page.content.decode(), f"{name}: {route}", bodies=bodies)
        client.force_login(moderator)
        page = client.get(reverse("discussion:report", args=[comment.pk]))
        assert page.status_code == 200
        assert_page_inert(page.content.decode(), f"{name}: report page", bodies=1)


def test_an_edit_keeps_the_old_text_inert_in_the_history(client, story, author):
    comment, _ = actions.do_post_comment(story=story, author=author, text=CORPUS[0][1])
    actions.do_edit_comment(comment=comment, user=author, text="Second thoughts: <svg onload=x>")
    client.force_login(author)
    page = client.get(reverse("discussion:edit", args=[comment.pk])).content.decode()
    assert_page_inert(page, "edit history", bodies=1)


def test_the_api_returns_inert_html(client, story, author, make_token):
    key = make_token(story.site, author, Scope.COMMENT, Scope.READ)
    url = f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments"
    for index, (name, text) in enumerate(CORPUS):
        response = send_json(
            client, "post", url, {"text": text, "idempotency_key": f"api-{index}"}, **bearer(key)
        )
        assert response.status_code == 201, f"{name}: {response.status_code} {response.content!r}"
        html = json.loads(response.content)["comment"]["html"]
        assert not fragment_problems(html), f"{name}: {fragment_problems(html)}"
    listing = json.loads(client.get(url + "?limit=100").content)
    assert len(listing["items"]) == len(CORPUS)
    for item in listing["items"]:
        assert not fragment_problems(item["html"]), f"comment {item['id']}"
        single = json.loads(client.get(f"/api/v1/comments/{item['id']}").content)
        assert not fragment_problems(single["html"])
    # And what the API stored shows inert on the page too.
    page = client.get(story.get_absolute_url() + PAGE).content.decode()
    assert_page_inert(page, "story page after API posts", bodies=len(CORPUS))


def test_the_moderation_queue_shows_every_vector_inert(client, story, author, moderator):
    comments = post_corpus_through_the_form(client, story, author)
    for comment in comments:
        actions.set_status(comment, CommentStatus.HELD)
    client.force_login(moderator)
    page = client.get(reverse("moderation:queue") + "?per_page=100")
    assert page.status_code == 200
    html = page.content.decode()
    assert not page_problems(html), page_problems(html)
    count, problems = body_problems(html, "qcard-body")
    assert not problems, problems
    assert count >= 1
    api = json.loads(client.get("/api/v1/moderation/queue").content)
    for item in api["items"]:
        for value in _html_fields(item):
            assert not fragment_problems(value), fragment_problems(value)


def _html_fields(node):  # type: ignore[no-untyped-def]
    """Every string under a key named html, anywhere in an API answer."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "html" and isinstance(value, str):
                yield value
            else:
                yield from _html_fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from _html_fields(value)


def test_the_feeds_carry_every_vector_inert(client, story, author):
    from defusedxml.ElementTree import fromstring

    post_corpus_through_the_form(client, story, author)
    client.logout()
    for url in (f"/{story.site.slug}/comments.atom", f"{story.get_absolute_url()}comments.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = fromstring(response.content)
        contents = [
            element.text or ""
            for element in feed.iter()
            if element.tag.rsplit("}", 1)[-1] in {"content", "summary", "description"}
        ]
        assert contents, url
        for html in contents:
            assert not fragment_problems(html), (url, fragment_problems(html))


def test_characters_xml_cannot_carry_are_dropped_when_written(story, author):
    # NUL and U+FFFE made the Atom feeds ill-formed for everyone, and PostgreSQL refuses NUL.
    comment, _ = actions.do_post_comment(
        story=story, author=author, text="Tab\there, nul\x00 gone, \ufffeend\x1b."
    )
    assert comment.source == "Tab\there, nul gone, end."
    assert "\x00" not in comment.html
