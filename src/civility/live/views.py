"""The two cheap endpoints the story page polls: "is there anything new?" and "show it to me".

Plain short requests, so a reader costs a gunicorn sync worker a few milliseconds every
quarter minute instead of holding one for as long as the tab is open (as SSE would). Both read
from the read replica when one is configured (core.middleware.REPLICA_VIEWS), except for a
reader who just wrote, who stays on the primary and so sees their own comment.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from civility.core.db_router import read_alias
from civility.discussion.presenting import present_comments
from civility.discussion.thread_page import reaction_tallies, viewer_reactions
from civility.discussion.viewing import DEFAULT_OPTIONS, clean_options
from civility.live import thread, versions
from civility.stories.models import Story


def _story(story_id: int) -> Story:
    story = Story.objects.select_related("site").filter(pk=story_id).first()
    if story is None:
        raise Http404("That story does not exist.")
    return story


def _bad_cursor() -> JsonResponse:
    return JsonResponse({"error": "The `after` cursor is missing or not valid."}, status=400)


@never_cache
@require_safe
def since(request: HttpRequest, story_id: int) -> JsonResponse:
    """Whether the thread changed since version `v`, and if so the ids of the comments this
    reader may see that were posted after the cursor `after` (the page hides those it shows).

    With a shared cache an unchanged thread costs no query at all; otherwise a fixed four at
    most (story, session, user, the ids).
    """
    after = thread.decode_cursor(request.GET.get("after"))
    if after is None:
        return _bad_cursor()
    seen = request.GET.get("v", "")
    shared = versions.cache_is_shared()
    if shared and seen and seen == versions.peek(story_id):
        return JsonResponse({"v": seen, "changed": False})
    story = _story(story_id)
    # Read before counting: a change that lands during the count moves the version on, so the
    # next poll counts again instead of missing it.
    version = versions.current(story.pk) if shared else ""
    if (
        version
        and read_alias()
        and versions.changed_within(story.pk, settings.DATABASE_REPLICA_PIN_SECONDS)
    ):
        # The replica may not have the change that moved the version yet: were this count to
        # miss it under the new version, the next poll would answer "unchanged". Hand out no
        # version, so polls count again until the replica has surely caught up.
        version = ""
    ids = thread.new_comment_ids(request.user, story, after)
    return JsonResponse({"v": version, "changed": True, "ids": ids})


@never_cache
@require_safe
def comments(request: HttpRequest, story_id: int) -> JsonResponse:
    """The new comments rendered as the story page shows them in the reader's display mode and
    order, in thread order, each with the id of the comment it follows; and the next cursor."""
    after = thread.decode_cursor(request.GET.get("after"))
    if after is None:
        return _bad_cursor()
    story = _story(story_id)
    options = clean_options(
        request.GET.get("mode"), request.GET.get("order"), None, DEFAULT_OPTIONS
    )
    rows = list(thread.new_comments_in_place(request.user, story, options, after))
    present_comments(
        rows,
        user=request.user,
        options=options,
        tallies=reaction_tallies(rows),
        my_reactions=viewer_reactions(request.user, rows),
        story_open=story.is_open,
    )
    items = [
        {
            "id": row.pk,
            "after": row.live_after,  # type: ignore[attr-defined]
            "counted": not row.is_placeholder,  # type: ignore[attr-defined]
            "html": render_to_string(
                "discussion/partials/comment.html",
                {"c": row, "collapsed": options.collapsed, "threaded": options.threaded},
                request=request,
            ),
        }
        for row in rows
    ]
    latest = max((row.created_at for row in rows), default=None)
    return JsonResponse({"items": items, "cursor": thread.next_cursor(after, latest)})


@never_cache
@require_safe
def csrf_token(request: HttpRequest) -> JsonResponse:
    """A CSRF token (and its cookie) for a POST form on a page sent without one: anonymous
    story pages are the same for every reader, so a CDN can serve them (core/page_cache.py);
    civility.js asks here when such a form is submitted."""
    return JsonResponse({"token": get_token(request)})
