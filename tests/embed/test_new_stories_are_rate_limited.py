"""Anyone can load the embed, and any query string under an allowed prefix is a new URL: the
number of stories it may start is limited per client address and per site, each an hour."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from tests.embed.tokens import HOST

from civility.stories.models import Story


def _find(client, site, path: str, address: str = "203.0.113.9"):  # type: ignore[no-untyped-def]
    query = urlencode({"url": f"{HOST}/news/{path}", "title": path, "origin": HOST})
    url = reverse("embed:find", kwargs={"site_slug": site.slug}) + "?" + query
    return client.get(url, REMOTE_ADDR=address)


def test_one_address_may_start_only_so_many_stories_an_hour(client, embed_site, settings):
    settings.EMBED_NEW_STORIES_PER_ADDRESS = 3
    for n in range(3):
        assert _find(client, embed_site, f"story-{n}").status_code == 302

    refused = _find(client, embed_site, "story-3")

    assert refused.status_code == 429
    assert b"Too many new discussions" in refused.content
    assert Story.objects.filter(site=embed_site).count() == 3
    # Stories that exist still open for that address, and another address may start one.
    assert _find(client, embed_site, "story-1").status_code == 302
    assert _find(client, embed_site, "story-4", address="198.51.100.7").status_code == 302
    assert Story.objects.filter(site=embed_site).count() == 4


def test_the_whole_site_has_a_ceiling_too(client, embed_site, settings):
    settings.EMBED_NEW_STORIES_PER_SITE = 2
    addresses = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    answers = [
        _find(client, embed_site, f"spread-{n}", address=address).status_code
        for n, address in enumerate(addresses)
    ]

    assert answers == [302, 302, 429]
    assert Story.objects.filter(site=embed_site).count() == 2
