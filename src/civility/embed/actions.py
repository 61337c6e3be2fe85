"""Changes of state the embed makes: finding or creating the story a page embeds, SSO secrets."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civility.api.site_actions import do_create_story, url_allowed
from civility.core import ratelimit
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.embed.models import EmbedSettings
from civility.stories.models import Site, Story

MAX_TITLE = 300
MAX_URL = 1000
MAX_EXTERNAL_ID = 200
NEW_STORY_WINDOW_SECONDS = 3600


class TooManyNewStories(DiscussionError):
    status_code = 429


def embed_settings_for(site: Site) -> EmbedSettings:
    """The site's embed settings, or unsaved defaults (embedding off) when never saved."""
    found = EmbedSettings.objects.filter(site=site).first()
    return found if found is not None else EmbedSettings(site=site)


def _clean_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL:
        raise DiscussionError("The story URL must be an http or https address.")
    # The fragment names a place on the page, not another story.
    return parts._replace(fragment="").geturl()


def _count_new_story(site: Site, client_address: str) -> None:
    """Refuse once an address, or the whole site, has started too many stories this hour: any
    query string under an allowed prefix is a new URL, so a script could otherwise fill the
    site with empty stories."""
    limits = [(f"site:{site.pk}", settings.EMBED_NEW_STORIES_PER_SITE)]
    if client_address:
        limits.append((f"address:{client_address}", settings.EMBED_NEW_STORIES_PER_ADDRESS))
    for ident, limit in limits:
        key = f"civility:embed:new-story:{ident}"
        if ratelimit.hit(key, NEW_STORY_WINDOW_SECONDS) > limit:
            raise TooManyNewStories(
                "Too many new discussions were started from here; try again in an hour."
            )


def find_or_create_story(
    *,
    site: Site,
    external_id: str = "",
    url: str = "",
    title: str = "",
    client_address: str = "",
) -> Story:
    """The site's story for this external id or URL; made on first use when the URL is allowed.

    Unlike the API (a trusted caller), anyone can load the embed, so a story is only ever made
    for a URL under one of the site's allowed prefixes, even when an external id is given, and
    only so many an hour per client address and per site.
    """
    external_id, url = external_id.strip()[:MAX_EXTERNAL_ID], _clean_url(url)
    if not external_id and not url:
        raise DiscussionError("The embed needs data-story-id or data-story-url.")
    stories = Story.objects.select_related("site").filter(site=site)
    found = stories.filter(external_id=external_id).first() if external_id else None
    if found is None and url:
        # A story started by URL alone keeps its thread when the page later sends an id too.
        found = stories.filter(url=url).first()
    if found is not None:
        return found
    if not url:
        raise DiscussionError("There is no such story yet; give data-story-url to start one.")
    if not url_allowed(site, url):
        raise NotAllowed("That page's URL is not under one of the site's allowed URL prefixes.")
    _count_new_story(site, client_address)
    title = " ".join(title.split())[:MAX_TITLE] or url[:MAX_TITLE]
    story, _ = do_create_story(site=site, title=title, external_id=external_id, url=url)
    return story


def do_rotate_sso_secret(site: Site) -> str:
    """Give the site a new SSO secret and return it; tokens signed with the old one stop working."""
    secret = secrets.token_urlsafe(48)
    with transaction.atomic():
        row, _ = EmbedSettings.objects.select_for_update().get_or_create(site=site)
        row.sso_secret = secret
        row.sso_secret_rotated_at = timezone.now()
        row.save(update_fields=["sso_secret", "sso_secret_rotated_at", "updated_at"])
    return secret
