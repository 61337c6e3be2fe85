"""Atom feeds of published comments, per story and per site, valid and never leaking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from civility.discussion.actions import do_delete_comment, do_post_comment
from civility.moderation import gate
from civility.stories.models import Story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _pipeline_switch(verdict):
    """Every test here publishes unless it sets `verdict` (tests/conftest.py)."""
    return verdict


def post(story, author, text):
    comment, _ = do_post_comment(story=story, author=author, text=text)
    return comment


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    # What RFC 4287 requires of a feed and of every entry.
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{name}").text or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href")
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
    return root, entries


def story_feed(story) -> str:
    return f"/{story.site.slug}/{story.slug}/comments.atom"


def test_the_story_feed_lists_published_comments_newest_first(
    client, story, reader, second_reader, make_user, verdict
):
    first = post(story, reader, "First, with <script>alert(1)</script> and **bold**.")
    second = post(story, second_reader, "Second.")
    verdict.decision = gate.Decision.HOLD
    post(story, second_reader, "Held text.")
    verdict.decision = gate.Decision.REJECT
    post(story, second_reader, "Rejected text.")
    verdict.decision = gate.Decision.PUBLISH
    gone = post(story, make_user("third"), "Deleted text.")
    do_delete_comment(comment=gone, user=gone.author)

    response = client.get(story_feed(story))
    root, entries = parse(response)
    body = response.content.decode()
    for hidden in ("Held text.", "Rejected text.", "Deleted text."):
        assert hidden not in body
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [
        f"http://testserver/comments/{second.pk}/",
        f"http://testserver/comments/{first.pk}/",
    ]
    summary = entries[1].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The stored, cleaned HTML: markup kept as escaped text, no script survives.
    assert "<strong>bold</strong>" in summary.text
    assert "<script" not in summary.text
    assert story.title in root.find(f"{ATOM}title").text


def test_the_site_feed_covers_every_published_story_of_the_site_only(client, site, story, reader):
    from civility.stories.models import Site

    post(story, reader, "On the budget.")
    later = Story.objects.create(
        site=site,
        slug="scheduled",
        title="Embargoed",
        published_at=timezone.now() + timedelta(days=1),
    )
    post(later, reader, "Too early.")
    other_site = Site.objects.create(slug="courier", name="The Courier")
    elsewhere = Story.objects.create(
        site=other_site, slug="ferry", title="Ferry", published_at=timezone.now()
    )
    post(elsewhere, reader, "Other site.")
    response = client.get(f"/{site.slug}/comments.atom")
    _root, entries = parse(response)
    body = response.content.decode()
    assert len(entries) == 1
    assert "On the budget." in body
    assert "Too early." not in body and "Other site." not in body
    assert client.get(story_feed(later)).status_code == 404


def test_unknown_sites_and_stories_have_no_feed(client, story):
    assert client.get("/nowhere/comments.atom").status_code == 404
    assert client.get(f"/{story.site.slug}/nothing/comments.atom").status_code == 404


def test_the_story_page_announces_its_feeds(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Comments on {story.title}" '
        f'href="{story_feed(story)}">'
    ) in page
    assert f'href="/{story.site.slug}/comments.atom"' in page
