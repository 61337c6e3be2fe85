"""Reading a thread: a story's comments in any display mode and order, a comment's direct
replies, one comment, and comment counts for many stories. Each is a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query

from civility.api import cursors
from civility.api.auth import READERS, api_token, check_token_site
from civility.api.presenting import CommentPresenter
from civility.api.rendering import JSON_CONTENT_TYPE, dumps
from civility.api.routers import comments_router
from civility.api.schemas import CommentOut, CommentPage, CountsOut, SiteCountsOut
from civility.discussion.access import access_comment, access_story, can_moderate, visible_comments
from civility.discussion.models import Comment
from civility.discussion.thread_page import after_key, ordered_thread, sort_key
from civility.discussion.viewing import DEFAULT_OPTIONS, DisplayMode, SortOrder, ViewingOptions
from civility.stories.models import Story

router = comments_router

MAX_LIMIT = 300
MAX_COUNTED_STORIES = 100
# Direct replies read in the order they were written, as under their parent in the thread.
_REPLY_KEYS = [("path", False)]
# What the presenter and the sort keys read: a page of 300 rows skips the comment's Markdown
# source and the author's account details it never shows (tests/api pins the query counts, so
# reading a deferred field per row would fail there).
_PAGE_FIELDS = (
    "author",
    "author_name",
    "parent",
    "path",
    "depth",
    "root_seq",
    "html",
    "status",
    "created_at",
    "edited_at",
    "reply_count",
    "reaction_count",
    f"author__{get_user_model().USERNAME_FIELD}",
    "author__profile__display_name",
    "author__profile__avatar",
    "author__profile__picture_url",
)


def _page(
    request: HttpRequest,
    ordered: QuerySet[Comment],
    keys: list[tuple[str, bool]],
    *,
    scope: str,
    limit: int,
    cursor: str | None,
    moderates: bool,
) -> HttpResponse:
    """One keyset page: the rows after the cursor, and the cursor of the last one if more follow.

    The page is serialized here rather than validated item by item against `CommentPage`: the
    presenter already builds exactly that shape, and re-validating 300 items cost more than
    reading them. `tests/api` checks every response against the published schema.
    """
    if cursor:
        ordered = ordered.filter(after_key(cursors.decode(cursor, scope, keys), keys))
    # One row more than asked tells whether another page follows, without a count.
    rows = list(ordered.select_related("author__profile").only(*_PAGE_FIELDS)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    present = CommentPresenter(request, moderates=moderates)
    page = {
        "items": [present(row) for row in rows],
        "next_cursor": cursors.encode(scope, keys, sort_key(rows[-1], keys)) if more else None,
    }
    return HttpResponse(dumps(page), content_type=JSON_CONTENT_TYPE)


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
    found = access_story(site, story)
    check_token_site(request, found.site_id)
    options = ViewingOptions(mode=mode, order=order, per_page=limit)
    ordered, keys = ordered_thread(request.user, found, options)
    scope = f"story:{found.pk}:{'threaded' if options.threaded else 'flat'}:{options.order}"
    return _page(
        request,
        ordered,
        keys,
        scope=scope,
        limit=limit,
        cursor=cursor,
        moderates=can_moderate(request.user, found),
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
    ordered = (
        visible_comments(request.user, parent.story)
        .filter(parent=parent)
        .order_by(*[name for name, _ in _REPLY_KEYS])
    )
    return _page(
        request,
        ordered,
        _REPLY_KEYS,
        scope=f"replies:{parent.pk}",
        limit=limit,
        cursor=cursor,
        moderates=can_moderate(request.user, parent.story),
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
