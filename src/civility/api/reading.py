"""Reading a thread: a story's comments in any display mode and order, a comment's direct
replies, one comment, and comment counts for many stories. Each is a fixed number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query

from civility.api import cursors
from civility.api.presenting import CommentPresenter
from civility.api.routers import comments_router
from civility.api.schemas import CommentOut, CommentPage, CountsOut
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


def _page(
    request: HttpRequest,
    ordered: QuerySet[Comment],
    keys: list[tuple[str, bool]],
    *,
    scope: str,
    limit: int,
    cursor: str | None,
    moderates: bool,
) -> dict[str, object]:
    """One keyset page: the rows after the cursor, and the cursor of the last one if more follow."""
    if cursor:
        ordered = ordered.filter(after_key(cursors.decode(cursor, scope, keys), keys))
    # One row more than asked tells whether another page follows, without a count.
    rows = list(ordered.select_related("author__profile")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    present = CommentPresenter(request, moderates=moderates)
    return {
        "items": [present(row) for row in rows],
        "next_cursor": cursors.encode(scope, keys, sort_key(rows[-1], keys)) if more else None,
    }


@router.get("/sites/{site}/stories/{story}/comments", response=CommentPage)
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


@router.get("/comments/{comment_id}/replies", response=CommentPage)
def list_replies(
    request: HttpRequest,
    comment_id: int,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """The comment's direct replies that the reader may see, oldest first."""
    parent = access_comment(request.user, comment_id)
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


@router.get("/comments/{comment_id}", response=CommentOut)
def get_comment(request: HttpRequest, comment_id: int):  # type: ignore[no-untyped-def]
    """One comment; hidden ones are 404, placeholders carry no author or text."""
    comment = access_comment(request.user, comment_id)
    present = CommentPresenter(request, moderates=can_moderate(request.user, comment.story))
    return present(comment)


def _story_key(value: str) -> tuple[str, str] | None:
    site, sep, slug = value.partition(":")
    return (site, slug) if sep and site and slug else None


@router.get("/counts", response=CountsOut, tags=["stories"])
def comment_counts(
    request: HttpRequest,
    story: list[str] = Query(..., description="`site:story` slugs, repeated."),  # noqa: B008
):  # type: ignore[no-untyped-def]
    """Published comment counts for many stories in one query; unknown stories are left out."""
    wanted = {key for key in map(_story_key, story[:MAX_COUNTED_STORIES]) if key is not None}
    if not wanted:
        return {"counts": {}}
    match = Q(pk__in=[])
    for site_slug, slug in wanted:
        match |= Q(site__slug=site_slug, slug=slug)
    rows = Story.objects.filter(match).values_list("site__slug", "slug", "comment_count")
    return {"counts": {f"{site}:{slug}": count for site, slug, count in rows}}
