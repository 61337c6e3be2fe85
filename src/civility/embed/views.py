"""The embed: its two scripts, the framed thread page, and comment counts for list pages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from civility.core.client_address import client_address
from civility.discussion.access import access_comment, access_story
from civility.discussion.errors import DiscussionError, NotFound
from civility.discussion.thread_page import page_of_comment
from civility.discussion.viewing import options_for_request
from civility.discussion.views.common import is_htmx
from civility.discussion.views.story import render_story_page
from civility.embed import counting
from civility.embed.actions import embed_settings_for, find_or_create_story
from civility.embed.models import EmbedSettings, Theme
from civility.embed.origins import allow_cors, frame_ancestors, is_allowed, normalize_origin
from civility.stories.models import Site

_SCRIPTS = Path(__file__).resolve().parent / "static" / "civility"
_SCHEMES = {Theme.LIGHT.value, Theme.DARK.value}
# The thread page's own parameters, carried from the finding step to the page.
_FRAME_PARAMS = ("origin", "theme", "scheme")


@lru_cache(maxsize=4)
def _script_source(name: str) -> bytes:
    return (_SCRIPTS / name).read_bytes()


def _script(name: str) -> HttpResponse:
    response = HttpResponse(_script_source(name), content_type="text/javascript; charset=utf-8")
    # Publishers paste a fixed URL, so it cannot carry a content hash: cache it for an hour.
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def embed_script(request: HttpRequest) -> HttpResponse:
    return _script("embed.js")


@require_safe
def count_script(request: HttpRequest) -> HttpResponse:
    return _script("count.js")


def _refused(request: HttpRequest, conf: EmbedSettings, message: str, status: int) -> HttpResponse:
    response = render(request, "embed/refused.html", {"message": message}, status=status)
    return frame_ancestors(response, conf.origins)


@require_safe
def find_thread(request: HttpRequest, site_slug: str) -> HttpResponse:
    """Find (or start) the story the host page names, then show its thread page."""
    site = get_object_or_404(Site, slug=site_slug)
    conf = embed_settings_for(site)
    params = request.GET
    if not is_allowed(params.get("origin"), conf.origins):
        return _refused(request, conf, "This site does not allow its comments on that page.", 403)
    try:
        story = find_or_create_story(
            site=site,
            external_id=params.get("id", ""),
            url=params.get("url", ""),
            title=params.get("title", ""),
            client_address=client_address(request),
        )
    except DiscussionError as error:
        return _refused(request, conf, error.message, error.status_code)
    query = {name: params[name] for name in _FRAME_PARAMS if params.get(name)}
    if params.get("comment", "").isdigit():
        query["comment"] = params["comment"]
    url = reverse("embed:thread", kwargs={"site_slug": site.slug, "story_slug": story.slug})
    return frame_ancestors(redirect(f"{url}?{urlencode(query)}"), conf.origins)


def _theme(conf: EmbedSettings, requested: str, scheme: str) -> tuple[str, bool]:
    """The theme to draw now, and whether it follows the host page's colour scheme."""
    chosen = requested if requested in Theme.values else conf.theme_default
    if chosen == Theme.AUTO:
        return (scheme if scheme in _SCHEMES else Theme.LIGHT.value), True
    return chosen, False


def _comment_page(request: HttpRequest, story_id: int, value: str) -> int | None:
    """The page that holds the linked comment, when it is on this story and the reader sees it."""
    if not value.isdigit():
        return None
    try:
        comment = access_comment(request.user, int(value))
    except NotFound:
        return None
    if comment.story_id != story_id:
        return None
    return page_of_comment(request.user, comment, options_for_request(request))


@require_safe
def thread(request: HttpRequest, site_slug: str, story_slug: str) -> HttpResponse:
    """The story's thread without the site around it, for an iframe on the publisher's page."""
    try:
        story = access_story(site_slug, story_slug)
    except NotFound as error:
        raise Http404(error.message) from error
    conf = embed_settings_for(story.site)
    origin = normalize_origin(request.GET.get("origin", "")) or ""
    # A page load must say which allowed page frames it (that is where it sends its messages);
    # htmx requests come from a page that already did.
    if not is_htmx(request) and not is_allowed(origin, conf.origins):
        return _refused(request, conf, "This site does not allow its comments on that page.", 403)
    theme, follows_host = _theme(conf, request.GET.get("theme", ""), request.GET.get("scheme", ""))
    response = render_story_page(
        request,
        story,
        record_visit=not is_htmx(request),
        template="embed/thread.html",
        page_number=_comment_page(request, story.pk, request.GET.get("comment", "")),
        extra_context={
            "embed": conf,
            "parent_origin": origin,
            "theme": theme,
            "theme_follows_host": follows_host,
        },
    )
    return frame_ancestors(response, conf.origins)


@require_safe
def counts(request: HttpRequest, site_slug: str) -> HttpResponse:
    """Published comment counts for the stories a list page links to, by external id and URL."""
    conf = EmbedSettings.objects.select_related("site").filter(site__slug=site_slug).first()
    if conf is None:
        raise Http404("This site has no embed settings.")
    origin = request.headers.get("Origin")
    if origin and not is_allowed(origin, conf.origins):
        response = JsonResponse(
            {"error": "This site does not allow comment counts on that page."}, status=403
        )
        return allow_cors(response, origin, conf.origins)
    found = counting.comment_counts(
        conf.site, ids=request.GET.getlist("id"), urls=request.GET.getlist("url")
    )
    response = JsonResponse(found)
    response["Cache-Control"] = "public, max-age=30"
    return allow_cors(response, origin, conf.origins)
