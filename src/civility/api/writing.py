"""Changing a thread through the API: post, reply, edit, delete, react, report.

A signed-in session (CSRF enforced) or a token with the `comment` scope, which posts as the
account that created it and only on its own site. Each endpoint validates input, fetches through
the access helpers and calls one action; refusals become problem+json. Rate limited per token and
per client address.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Status

from civility.api.auth import check_token_site, token_or_session
from civility.api.presenting import CommentPresenter
from civility.api.routers import comments_router
from civility.api.schemas import (
    CommentOut,
    EditIn,
    PostIn,
    PostOut,
    ReactionIn,
    ReactionOut,
    ReportIn,
    ReportOut,
)
from civility.api.throttles import write_throttles
from civility.discussion.access import access_comment, access_story
from civility.discussion.actions import (
    do_delete_comment,
    do_edit_comment,
    do_post_comment,
    do_react,
    do_report,
)
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.thread_page import viewer_reactions
from civility.discussion.views.common import outcome_message

# Shared with reading.py: ninja needs every method on one path in the same router.
router = comments_router
AUTH = token_or_session("comment")


@router.post(
    "/sites/{site}/stories/{story}/comments",
    response={200: PostOut, 201: PostOut},
    auth=AUTH,
    throttle=write_throttles(),
)
def post_comment(request: HttpRequest, site: str, story: str, payload: PostIn):  # type: ignore[no-untyped-def]
    """Post a comment, or a reply when `parent` is given.

    201 for a new comment, 200 when `idempotency_key` names one already posted. A nudge is a
    422 with the flagged spans; send again with `post_anyway: true` to post for review.
    """
    found = access_story(site, story)
    check_token_site(request, found.site_id)
    parent = None
    if payload.parent is not None:
        parent = access_comment(request.user, payload.parent)
        if parent.story_id != found.pk:
            raise DiscussionError("You can only reply to a comment on the same story.")
    comment, verdict = do_post_comment(
        story=found,
        author=request.user,
        text=payload.text,
        parent=parent,
        idempotency_key=payload.idempotency_key,
        client_address=getattr(request, "client_address", None),
        post_anyway=payload.post_anyway,
    )
    # The poster's own comment (a replayed key finds only their own): its status is shown
    # whether or not they moderate, so no need to ask.
    present = CommentPresenter(request, moderates=False)
    body = {"comment": present(comment), "message": outcome_message(comment, verdict)}
    return Status(201 if verdict is not None else 200, body)


@router.patch("/comments/{comment_id}", response=CommentOut, auth=AUTH, throttle=write_throttles())
def edit_comment(request: HttpRequest, comment_id: int, payload: EditIn):  # type: ignore[no-untyped-def]
    """Replace one's own comment's text within the edit window."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    do_edit_comment(
        comment=comment, user=request.user, text=payload.text, post_anyway=payload.post_anyway
    )
    # Only the author edits: the status of their own comment is shown either way.
    return CommentPresenter(request, moderates=False)(comment)


@router.delete(
    "/comments/{comment_id}", response={204: None}, auth=AUTH, throttle=write_throttles()
)
def delete_comment(request: HttpRequest, comment_id: int):  # type: ignore[no-untyped-def]
    """Delete one's own comment within the edit window; with replies, a placeholder stays."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    do_delete_comment(comment=comment, user=request.user)
    return Status(204, None)


@router.put(
    "/comments/{comment_id}/reaction",
    response=ReactionOut,
    tags=["reactions"],
    auth=AUTH,
    throttle=write_throttles(),
)
def set_reaction(request: HttpRequest, comment_id: int, payload: ReactionIn):  # type: ignore[no-untyped-def]
    """Set the reader's reaction; setting the same kind again keeps it (PUT is idempotent)."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    kind = str(payload.kind)
    if viewer_reactions(request.user, [comment]).get(comment.pk) != kind:
        do_react(comment=comment, user=request.user, kind=kind)
    return {"kind": kind, "reaction_count": comment.reaction_count}


@router.delete(
    "/comments/{comment_id}/reaction",
    response=ReactionOut,
    tags=["reactions"],
    auth=AUTH,
    throttle=write_throttles(),
)
def remove_reaction(request: HttpRequest, comment_id: int):  # type: ignore[no-untyped-def]
    """Remove the reader's reaction, if any."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    do_react(comment=comment, user=request.user, kind=None)
    return {"kind": None, "reaction_count": comment.reaction_count}


@router.post(
    "/comments/{comment_id}/reports",
    response={201: ReportOut},
    tags=["reports"],
    auth=AUTH,
    throttle=write_throttles(),
)
def report_comment(request: HttpRequest, comment_id: int, payload: ReportIn):  # type: ignore[no-untyped-def]
    """Report a comment to the moderators; a second open report by the same reader updates it."""
    comment = access_comment(request.user, comment_id)
    check_token_site(request, comment.story.site_id)
    if getattr(comment, "is_placeholder", False):
        raise NotAllowed("That comment cannot be reported.")
    report = do_report(
        comment=comment, user=request.user, reason=str(payload.reason), note=payload.note
    )
    return Status(201, {"id": report.pk})
