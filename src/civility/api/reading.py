"""Reading a thread: a story's comments in any display mode and order, a comment's direct
replies, one comment, and comment counts for many stories. Each is a fixed number of queries."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query

from civility.api import cursors, fast_rows
from civility.api.auth import READERS, api_token, check_token_site
from civility.api.presenting import ID_STAND_IN, CommentPresenter, permalink_pattern
from civility.api.rendering import JSON_CONTENT_TYPE, dumps
from civility.api.routers import comments_router
from civility.api.schemas import CommentOut, CommentPage, CountsOut, SiteCountsOut
from civility.core import query_templates
from civility.discussion.access import access_comment, can_moderate, visible_comments
from civility.discussion.errors import NotFound
from civility.discussion.models import Comment
from civility.discussion.thread_page import ordered_thread
from civility.discussion.viewing import DEFAULT_OPTIONS, DisplayMode, SortOrder, ViewingOptions
from civility.stories.models import Site, Story

router = comments_router

MAX_LIMIT = 300
MAX_COUNTED_STORIES = 100
# Direct replies read in the order they were written, as under their parent in the thread.
_REPLY_KEYS = [("path", False)]
_SITE_SLUG = Site._meta.get_field("slug")
_STORY_SLUG = Story._meta.get_field("slug")


def _page(
    request: HttpRequest,
    ordered: Callable[[], QuerySet[Comment]],
    keys: list[tuple[str, bool]],
    *,
    template_key: tuple[object, ...],
    scope: str,
    limit: int,
    cursor: str | None,
    moderates: bool,
) -> HttpResponse:
    """One keyset page: the rows after the cursor, and the cursor of the last one if more follow.

    ordered builds the listing's queryset; template_key names everything it depends on, so
    its compiled SQL is reused (fast_rows.read_page). Rows are read as tuples and serialized
    here rather than built as models and validated item by item against `CommentPage`: each
    cost more than the query. `tests/api` checks every response against the published schema.
    """
    after = cursors.decode(cursor, scope, keys) if cursor else None
    # One row more than asked tells whether another page follows, without a count.
    rows, key_at = fast_rows.read_page(template_key, ordered, keys, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    user = request.user
    present = fast_rows.RowPresenter(
        own_id=user.pk if user.is_authenticated else None,
        moderates=moderates,
        permalink=permalink_pattern(request),
        stand_in=ID_STAND_IN,
    )
    last = rows[-1] if more else None
    page = {
        "items": [present(row) for row in rows],
        "next_cursor": cursors.encode(scope, keys, [last[i] for i in key_at]) if last else None,
    }
    return HttpResponse(dumps(page), content_type=JSON_CONTENT_TYPE)


def _reader_key(user) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """What the visibility rules read of the reader (access.visible_comments; keep in step)."""
    if not user.is_authenticated:
        return (None,)
    return (user.pk, user.is_active, user.is_superuser)


@functools.cache
def _sort_keys(mode: str, order: str) -> list[tuple[str, bool]]:
    """The sort keys of a listing, which depend on its mode and order only."""
    stand_in = Story(pk=0, site_id=0)
    return ordered_thread(AnonymousUser(), stand_in, ViewingOptions(mode=mode, order=order))[1]


_STORY_TEMPLATES = query_templates.QueryTemplates(Story, size=16)


def _find_story(site: str, story: str) -> Story:
    """The story named by these slugs, with its id and site id only, as access_story finds it.

    (A page of 300 comments is a few milliseconds; compiling access_story's full select was
    half as much again.)
    """
    rows = _STORY_TEMPLATES.rows(
        ("by-slugs",),
        lambda values: Story.objects.filter(
            site__slug=values["site"], slug=values["story"]
        ).values_list("pk", "site_id")[:1],
        {"site": (_SITE_SLUG, site), "story": (_STORY_SLUG, story)},
    )
    if not rows:
        raise NotFound("That story does not exist.")
    return Story(pk=rows[0][0], site_id=rows[0][1])


@router.get("/sites/{site}/stories/{story}/comments", response=CommentPage, auth=READERS)
def list_comments(
    request: HttpRequest,
    site: str,
    story: str,
    mode: DisplayMode = DEFAULT_OPTIONS.mode,  # type: ignore[assignment]
    order: SortOrder = DEFAULT_OPTIONS.order,  # type: ignore[assignment]
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """A page of the story's thread as the reader may see it, in the story page's order."""
    found = _find_story(site, story)
    check_token_site(request, found.site_id)
    user = request.user
    options = ViewingOptions(mode=mode, order=order, per_page=limit)
    scope = f"story:{found.pk}:{'threaded' if options.threaded else 'flat'}:{options.order}"
    return _page(
        request,
        lambda: ordered_thread(user, found, options)[0],
        _sort_keys(options.mode, options.order),
        template_key=("story", _reader_key(user), found.pk, found.site_id, mode, order),
        scope=scope,
        limit=limit,
        cursor=cursor,
        moderates=can_moderate(user, found),
    )


@router.get("/comments/{comment_id}/replies", response=CommentPage, auth=READERS)
def list_replies(
    request: HttpRequest,
    comment_id: int,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """The comment's direct replies that the reader may see, oldest first."""
    parent = access_comment(request.user, comment_id)
    check_token_site(request, parent.story.site_id)
    user = request.user
    return _page(
        request,
        lambda: (
            visible_comments(user, parent.story)
            .filter(parent=parent)
            .order_by(*[name for name, _ in _REPLY_KEYS])
        ),
        _REPLY_KEYS,
        template_key=(
            "replies",
            _reader_key(user),
            parent.pk,
            parent.story_id,
            parent.story.site_id,
        ),
        scope=f"replies:{parent.pk}",
        limit=limit,
        cursor=cursor,
        moderates=can_moderate(user, parent.story),
    )


@router.get("/comments/{comment_id}", response=CommentOut, auth=READERS)
def get_comment(request: HttpRequest, comment_id: int):  # type: ignore[no-untyped-def]
    """One comment; hidden ones are 404, placeholders carry no author or text."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    present = CommentPresenter(request, moderates=can_moderate(request.user, comment.story))
    return present(comment)


def _story_key(value: str) -> tuple[str, str] | None:
    site, sep, slug = value.partition(":")
    return (site, slug) if sep and site and slug else None


@router.get("/counts", response=CountsOut, tags=["stories"], auth=READERS)
def comment_counts(
    request: HttpRequest,
    story: list[str] = Query(..., description="`site:story` slugs, repeated."),  # noqa: B008
):  # type: ignore[no-untyped-def]
    """Published comment counts for many stories in one query; unknown stories are left out.

    A token counts only its own site's stories.
    """
    wanted = {key for key in map(_story_key, story[:MAX_COUNTED_STORIES]) if key is not None}
    token = api_token(request)
    if token is not None:
        wanted = {key for key in wanted if key[0] == token.site.slug}
    if not wanted:
        return {"counts": {}}
    # One IN list per site rather than an OR per story: a short query the index answers.
    by_site: dict[str, list[str]] = {}
    for site_slug, slug in wanted:
        by_site.setdefault(site_slug, []).append(slug)
    match = Q(pk__in=[])
    for site_slug, slugs in by_site.items():
        match |= Q(site__slug=site_slug, slug__in=slugs)
    rows = Story.objects.filter(match).values_list("site__slug", "slug", "comment_count")
    return {"counts": {f"{site}:{slug}": count for site, slug, count in rows}}


def _cleaned(values: list[str]) -> list[str]:
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def site_counts_lookup(
    site: str, *, slugs: list[str], external_ids: list[str], urls: list[str]
) -> dict[str, dict[str, int]]:
    """Published comment counts of one site's stories named by slug, external id or URL.

    One query whatever the number asked for (at most MAX_COUNTED_STORIES in all); stories
    that do not exist are left out. The embed's count script and article lists use this.
    """
    slugs, external_ids, urls = _cleaned(slugs), _cleaned(external_ids), _cleaned(urls)
    budget = MAX_COUNTED_STORIES
    slugs = slugs[:budget]
    external_ids = external_ids[: budget - len(slugs)]
    urls = urls[: budget - len(slugs) - len(external_ids)]
    result: dict[str, dict[str, int]] = {"stories": {}, "external_ids": {}, "urls": {}}
    if not (slugs or external_ids or urls):
        return result
    match = Q(slug__in=slugs) | Q(external_id__in=external_ids) | Q(url__in=urls)
    rows = Story.objects.filter(match, site__slug=site).values_list(
        "slug", "external_id", "url", "comment_count"
    )
    wanted_slugs, wanted_ids, wanted_urls = set(slugs), set(external_ids), set(urls)
    for slug, external_id, url, count in rows:
        if slug in wanted_slugs:
            result["stories"][slug] = count
        if external_id and external_id in wanted_ids:
            result["external_ids"][external_id] = count
        if url and url in wanted_urls:
            result["urls"][url] = count
    return result


@router.get("/sites/{site}/counts", response=SiteCountsOut, tags=["stories"], auth=READERS)
def site_comment_counts(
    request: HttpRequest,
    site: str,
    story: list[str] = Query([], description="Story slugs, repeated."),  # noqa: B008
    external_id: list[str] = Query([], description="The CMS's story ids, repeated."),  # noqa: B008
    url: list[str] = Query([], description="Canonical article URLs, repeated."),  # noqa: B008
):  # type: ignore[no-untyped-def]
    """Published comment counts for many of one site's stories in one query, by slug, external
    id or URL (up to 100 in all); each answer is keyed as asked, unknown stories are left out."""
    token = api_token(request)
    if token is not None and token.site.slug != site:
        raise Http404
    return site_counts_lookup(site, slugs=story, external_ids=external_id, urls=url)
