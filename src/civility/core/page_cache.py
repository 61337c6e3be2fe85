"""Thread pages and API reads for anonymous readers, served from the cache and purged precisely.

Each story has a version number in the cache; it is part of every cached page's key, and a
comment on the story changing status (published, held, rejected, deleted, edited) replaces it
after commit, so the next anonymous reader gets a fresh page while the stale entries expire
unread. PAGE_CACHE_SECONDS bounds what no event announces (reaction counts, story edits).

An anonymous page is the same for every reader, so a CDN may serve it too: it is sent with its
CSRF tokens blanked and without the CSRF cookie its rendering asked for (a POST form gets a
token when submitted: /live/csrf-token/, civility.js), and the viewing options are a GET form
for anonymous readers. Every anonymous answer carries an ETag (304 on a matching
If-None-Match) and Cache-Control `public, max-age=0, must-revalidate` with `s-maxage` for a CDN,
unless it sets a cookie (a one-time message used up, a session saved): then `private`.
Browsers revalidate every time, so a reader who just acted sees the change on reload; the CDN
keeps a page for PAGE_CACHE_CDN_SECONDS. Signed-in readers get `private, no-store`.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (  # type: ignore[attr-defined]
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
)
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from civility.core import events
from civility.core.db_router import read_alias
from civility.core.query_templates import QueryTemplates, value_of

logger = logging.getLogger(__name__)


# --- Versions: one per story, one for all the counts --------------------------------------
# Keyed by the slugs in the URL, so answering from the cache costs no query at all.


def _story_version_key(site_slug: object, story_slug: object) -> str:
    return f"civility:pc:story:{site_slug}:{story_slug}"


COUNTS_VERSION_KEY = "civility:pc:counts"


def _new_version() -> str:
    # The time says how recent the change is (see _Plan.store); the random part makes it unique.
    return f"{uuid.uuid4().hex[:12]}-{int(time.time())}"


def _version(key: str) -> str | None:
    """The current version under key, made on first use; None when the cache cannot answer."""
    value = cache.get(key)
    if value is None:
        fresh = _new_version()
        # No expiry: an evicted version is simply replaced, which orphans the old pages.
        value = fresh if cache.add(key, fresh, timeout=None) else cache.get(key)
    return value


def _changed_at(version: str) -> float:
    try:
        return float(version.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0.0


# Every status change purges: compiled once (core.query_templates).
_SLUGS = QueryTemplates("stories.Story", size=2)


def purge_story(story_id: int, *, on_commit: bool = False) -> None:
    """Make every cached page of this story, and every cached count, stale at once.

    on_commit: read the slugs now (inside the caller's transaction, while the database is
    surely there) and change the versions once it commits, so no reader caches the old page
    again between the purge and the commit.
    """
    from civility.stories.models import Story

    found = _SLUGS.rows(
        ("story-slugs",),
        lambda values: Story.objects.filter(pk=values["story"]).values_list("site__slug", "slug"),
        {"story": value_of(Story, "id", story_id)},
    )
    slugs = found[0] if found else None
    keys = [COUNTS_VERSION_KEY]
    if slugs is not None:
        keys.append(_story_version_key(*slugs))

    def bump() -> None:
        cache.set_many({key: _new_version() for key in keys}, timeout=None)

    if on_commit:
        transaction.on_commit(bump, robust=True)
    else:
        bump()


PURGING_EVENTS = (
    "comment.published",
    "comment.held",
    "comment.rejected",
    "comment.deleted",
    "comment.edited",
)


def purge_on_event(event: events.Event) -> None:
    if event.story_id is not None:
        purge_story(event.story_id, on_commit=True)


# --- Which views are cached ----------------------------------------------------------------


@dataclass(frozen=True)
class Cacheable:
    """A view whose anonymous GETs are cached: its version key and the query it accepts."""

    version_key: Callable[[dict[str, Any]], str]
    params: frozenset[str]
    is_api: bool = False


# Only known query parameters are cached, so random query strings cannot flood the cache.
CACHEABLE: dict[str, Cacheable] = {
    "discussion:story": Cacheable(
        lambda kw: _story_version_key(kw.get("site_slug"), kw.get("story_slug")),
        frozenset({"page", "mode", "order", "per_page"}),
    ),
    "api:list_comments": Cacheable(
        lambda kw: _story_version_key(kw.get("site"), kw.get("story")),
        frozenset({"mode", "order", "limit", "cursor"}),
        is_api=True,
    ),
    "api:comment_counts": Cacheable(
        lambda kw: COUNTS_VERSION_KEY, frozenset({"story"}), is_api=True
    ),
}


# --- The CSRF token inside a page -----------------------------------------------------------


def _blank_csrf(content: bytes, request: HttpRequest) -> bytes:
    """Remove this reader's CSRF tokens from content, leaving the fields empty."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    import re

    text = content.decode("utf-8")
    for token in set(re.findall(rf"\b[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}\b", text)):
        if _unmask_cipher_token(token) == secret:
            text = text.replace(token, "")
    return text.encode("utf-8")


# --- The middleware -------------------------------------------------------------------------


def _anonymous(request: HttpRequest) -> bool:
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _has_pending_messages(request: HttpRequest) -> bool:
    # The page would show (and use up) a one-time message meant for this reader only.
    if request.COOKIES.get("messages"):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and "_messages" in session)


def _variant(request: HttpRequest, entry: Cacheable) -> str:
    """What besides the path decides the page: the anonymous reader's saved viewing options."""
    if entry.is_api:
        return ""
    from civility.discussion.viewing import saved_options

    options = saved_options(request)
    return (
        f"{options.mode}:{options.order}:{options.per_page}:{request.headers.get('HX-Request', '')}"
    )


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of CACHEABLE views from the cache, and store what they render."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        plan: _Plan | None = getattr(request, "_civility_page_cache", None)
        if plan is not None:
            plan.store(request, response)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD"):
            return None
        match = request.resolver_match
        entry = CACHEABLE.get(match.view_name) if match is not None else None
        if entry is None:
            return None
        anonymous = _anonymous(request)
        key = None
        changed_at = 0.0
        if (
            anonymous
            and settings.PAGE_CACHE_SECONDS
            and set(request.GET) <= entry.params
            and not _has_pending_messages(request)
        ):
            version_key = entry.version_key(view_kwargs)
            version = _version(version_key)
            if version is not None:
                raw = f"{request.get_full_path()}|{_variant(request, entry)}"
                digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
                key = f"civility:pc:page2:{version_key}:{version}:{digest}"
                changed_at = _changed_at(version)
        plan = _Plan(entry, anonymous, key, changed_at=changed_at)
        request._civility_page_cache = plan  # type: ignore[attr-defined]
        return plan.from_cache(request)


class CacheHeadersMiddleware:
    """ETag, Cache-Control and Vary on CACHEABLE views; 304 on a matching If-None-Match.

    Near the outside, so it sees the cookies that session and CSRF middleware set on the way
    out: an answer that sets a cookie is never `public`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        plan: _Plan | None = getattr(request, "_civility_page_cache", None)
        if plan is None:
            return response
        return plan.headers(request, response)


@dataclass
class _Plan:
    entry: Cacheable
    anonymous: bool
    key: str | None  # None: not cached (signed in, or the cache cannot answer)
    changed_at: float = 0.0  # when the story last changed, from its version
    etag: str = ""

    def from_cache(self, request: HttpRequest) -> HttpResponse | None:
        if self.key is None:
            return None
        stored = cache.get(self.key)
        if not isinstance(stored, dict):
            return None
        response = HttpResponse(stored["content"], status=200, content_type=stored["content_type"])
        self.etag = stored["etag"]
        return response

    def store(self, request: HttpRequest, response: HttpResponse) -> None:
        if self.etag or not self.anonymous or response.status_code != 200 or response.streaming:
            return
        content = _blank_csrf(response.content, request)
        if content != response.content:
            response.content = content
        self.etag = hashlib.sha256(content).hexdigest()[:24]
        if self.key is not None and not _sets_cookies_besides_csrf(response) and self._settled():
            cache.set(
                self.key,
                {
                    "content": content,
                    "content_type": response["Content-Type"],
                    "etag": self.etag,
                },
                timeout=settings.PAGE_CACHE_SECONDS,
            )

    def _settled(self) -> bool:
        """False while a replica may still lag behind the change that made this version: a page
        read from it now could miss that change and would be cached under the new version."""
        if read_alias() is None:
            return True
        return time.time() - self.changed_at >= settings.DATABASE_REPLICA_PIN_SECONDS

    def headers(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        patch_vary_headers(
            response, ["Cookie", "Authorization"] if self.entry.is_api else ["Cookie"]
        )
        if response.status_code != 200 or response.streaming:
            return response
        if not self.anonymous:
            patch_cache_control(response, private=True, no_store=True)
            return response
        if not self.etag:
            return response
        # The page holds no token (store() blanked it), so the cookie its rendering asked for
        # is not needed here; a form fetches its token when submitted.
        response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        response["ETag"] = f'"{self.etag}"'
        if response.cookies:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            directives: dict[str, Any] = {"public": True, "max_age": 0, "must_revalidate": True}
            if settings.PAGE_CACHE_CDN_SECONDS:
                directives["s_maxage"] = settings.PAGE_CACHE_CDN_SECONDS
            patch_cache_control(response, **directives)
        conditional = get_conditional_response(request, etag=response["ETag"], response=response)
        return conditional if conditional is not None else response


def _sets_cookies_besides_csrf(response: HttpResponse) -> bool:
    return bool(set(response.cookies) - {settings.CSRF_COOKIE_NAME})


def connect() -> None:
    """Listen for the events that make a story's cached pages stale (from CoreConfig.ready)."""
    events.listen(*PURGING_EVENTS, in_transaction=True)(purge_on_event)
