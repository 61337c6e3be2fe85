"""The two cheap endpoints the story page polls: "is there anything new?" and "show it to me".

Plain short requests, so a reader costs a gunicorn sync worker a few milliseconds every
quarter minute instead of holding one for as long as the tab is open (as SSE would).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
