"""Thread pages may be framed by each site's allowed origins only; every other page stays DENY."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from tests.embed.tokens import HOST

from civility.embed.models import EmbedSettings
from civility.stories.models import Site, Story


def _thread_url(story, **params) -> str:
    url = reverse("embed:thread", kwargs={"site_slug": story.site.slug, "story_slug": story.slug})
    return f"{url}?{urlencode(params)}"


def frame_ancestors(response) -> str:
    """The frame-ancestors directive of the response's CSP, or "" when it has none."""
    for directive in response.get("Content-Security-Policy", "").split(";"):
        if directive.strip().startswith("frame-ancestors"):
            return directive.strip()
    return ""


def _find_url(site, **params) -> str:
    return reverse("embed:find", kwargs={"site_slug": site.slug}) + "?" + urlencode(params)


@pytest.fixture
def other_site(db):
    other = Site.objects.create(slug="herald", name="The Herald")
    EmbedSettings.objects.create(
        site=other, allowed_origins=["https://herald.example", "http://localhost:8080"]
    )
    return other


def test_the_thread_page_names_its_sites_origins_in_frame_ancestors(client, embed_site, story):
    response = client.get(_thread_url(story, origin=HOST))

    assert response.status_code == 200
    assert frame_ancestors(response) == f"frame-ancestors {HOST}"
    assert "X-Frame-Options" not in response
    # The rest of the site's policy still applies inside the frame.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert b'data-parent-origin="https://news.example.org"' in response.content
    assert b"site-header" not in response.content  # no site chrome in the frame


def test_each_site_gets_its_own_frame_ancestors(client, embed_site, other_site):
    from django.utils import timezone

    theirs = Story.objects.create(
        site=other_site, slug="tide", title="Tide", published_at=timezone.now()
    )
    response = client.get(_thread_url(theirs, origin="https://herald.example"))

    assert frame_ancestors(response) == (
        "frame-ancestors https://herald.example http://localhost:8080"
    )


def test_a_page_on_an_origin_the_site_does_not_allow_is_refused(client, embed_site, story):
    response = client.get(_thread_url(story, origin="https://evil.example"))

    assert response.status_code == 403
    assert b"does not allow" in response.content
    assert frame_ancestors(response) == f"frame-ancestors {HOST}"


def test_a_site_without_allowed_origins_cannot_be_framed_at_all(client, site, story):
    response = client.get(_thread_url(story, origin=HOST))

    assert response.status_code == 403
    assert frame_ancestors(response) == "frame-ancestors 'none'"


@pytest.mark.parametrize(
    "name", ["discussion:story", "stories:site", "accounts:login", "accounts:signup"]
)
def test_every_other_page_still_refuses_framing(client, embed_site, story, name):
    kwargs = {
        "discussion:story": {"site_slug": story.site.slug, "story_slug": story.slug},
        "stories:site": {"site_slug": story.site.slug},
    }.get(name, {})
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) in ("", "frame-ancestors 'none'")


def test_the_embed_starts_a_story_for_an_allowed_url(client, embed_site):
    url = f"{HOST}/news/2026/bridge-reopens"
    response = client.get(
        _find_url(embed_site, url=url + "#comments", title="  Bridge   reopens ", origin=HOST)
    )

    story = Story.objects.get(site=embed_site, url=url)
    assert story.title == "Bridge reopens"
    assert response.status_code == 302
    assert response["Location"].startswith(_thread_url(story).rstrip("?"))
    assert frame_ancestors(response) == f"frame-ancestors {HOST}"


def test_the_embed_refuses_to_start_a_story_outside_the_allowed_prefixes(client, embed_site):
    response = client.get(
        _find_url(embed_site, url="https://elsewhere.example/news/x", title="X", origin=HOST)
    )

    assert response.status_code == 403
    assert b"allowed URL prefixes" in response.content
    assert not Story.objects.exists()


def test_an_external_id_alone_finds_a_story_but_never_starts_one(client, embed_site):
    response = client.get(_find_url(embed_site, id="cms-7", title="X", origin=HOST))
    assert response.status_code == 400
    assert not Story.objects.exists()

    url = f"{HOST}/news/seven"
    client.get(_find_url(embed_site, id="cms-7", url=url, title="Seven", origin=HOST))
    again = client.get(_find_url(embed_site, id="cms-7", origin=HOST))

    story = Story.objects.get()
    assert (story.external_id, story.url) == ("cms-7", url)
    assert again.status_code == 302


def test_the_embed_does_not_start_stories_for_origins_the_site_does_not_allow(client, embed_site):
    response = client.get(
        _find_url(embed_site, url=f"{HOST}/news/x", title="X", origin="https://evil.example")
    )
    assert response.status_code == 403
    assert not Story.objects.exists()


def test_a_linked_comment_opens_on_the_page_that_holds_it(client, embed_site, story, make_user):
    from civility.discussion.actions import do_post_comment

    comments = [
        do_post_comment(story=story, author=make_user(f"voice{n}"), text=f"Point number {n}.")[0]
        for n in range(12)
    ]
    last = comments[-1]
    response = client.get(_thread_url(story, origin=HOST, per_page=10, comment=last.pk))

    assert f'id="comment-{last.pk}"'.encode() in response.content
    assert f'id="comment-{comments[0].pk}"'.encode() not in response.content


def test_the_theme_follows_the_tag_then_the_host_scheme(client, embed_site, story):
    dark = client.get(_thread_url(story, origin=HOST, theme="dark", scheme="light"))
    auto = client.get(_thread_url(story, origin=HOST, theme="auto", scheme="dark"))
    default = client.get(_thread_url(story, origin=HOST, scheme="light"))

    assert b'data-theme="dark">' in dark.content
    assert b'data-theme="dark" data-theme-auto' in auto.content
    assert b'data-theme="light" data-theme-auto' in default.content  # the site default is auto


def test_the_thread_page_costs_the_same_queries_however_long_the_thread(
    client, embed_site, story, make_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from civility.discussion.actions import do_post_comment

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_thread_url(story, origin=HOST)).status_code == 200
        return len(captured)

    do_post_comment(story=story, author=make_user("first"), text="The first word.")
    few = queries()
    for n in range(6):
        author = make_user(f"more{n}")
        parent = story.comments.order_by("pk").first()
        do_post_comment(story=story, author=author, text=f"Reply {n}.", parent=parent)
    assert queries() == few
    assert few <= 6  # 5 measured for an anonymous reader
