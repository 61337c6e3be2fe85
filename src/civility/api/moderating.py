"""The moderators' endpoints: the queue, decisions on comments, sanctions and the audit record.

Open to a token with the `moderate` scope (acting as its account, on its own site only) or to a
signed-in session (CSRF enforced). The actions check the account's site role themselves; the
views add the token's site binding. Lists are keyset-paged in a fixed number of queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from civility.api import cursors
from civility.api.auth import api_token, check_token_site, token_or_session
from civility.api.moderation_schemas import (
    DecisionOut,
    EventPage,
    NoteIn,
    QueuePage,
    RejectIn,
    SanctionIn,
    SanctionOut,
)
from civility.api.throttles import write_throttles
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus
from civility.discussion.thread_page import after_key, sort_key
from civility.moderation.actions import do_approve
from civility.moderation.models import ModerationEvent
from civility.moderation.queue import selectors
from civility.moderation.queue_actions import do_feature, do_reject_and_notify, do_unfeature
from civility.moderation.roles import moderated_site_ids
from civility.sanctions import actions as sanctions
from civility.stories.models import Site

router = Router(tags=["moderation"])
AUTH = token_or_session("moderate")
MAX_LIMIT = 200


def _scope(request: HttpRequest, site: str | None) -> tuple[list[int] | None, int | None]:
    """The site ids the caller may moderate (None: all) and the one site asked for, if any."""
    ids = moderated_site_ids(request.user)
    token = api_token(request)
    if token is not None:
        ids = [token.site_id] if ids is None or token.site_id in ids else []
    if ids == []:
        raise NotAllowed("You do not moderate any site.")
    site_id = None
    if site:
        site_id = Site.objects.filter(slug=site).values_list("pk", flat=True).first()
        if site_id is None or (ids is not None and site_id not in ids):
            raise Http404
    return ids, site_id


def _keyset(
    rows_qs: QuerySet, keys: list[tuple[str, bool]], scope: str, limit: int, cursor: str | None
) -> tuple[list, str | None]:
    if cursor:
        rows_qs = rows_qs.filter(after_key(cursors.decode(cursor, scope, keys), keys))
    rows = list(rows_qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (cursors.encode(scope, keys, sort_key(rows[-1], keys)) if more else None)


@router.get("/moderation/queue", response=QueuePage, auth=AUTH)
def queue(
    request: HttpRequest,
    tab: str = Query("pending", pattern="^(pending|reported|approved|rejected|all)$"),  # noqa: B008
    site: str | None = None,
    story: int | None = None,
    author: str = "",
    reason: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """The moderation queue with the queue page's tabs and filters, oldest first where work waits."""
    ids, site_id = _scope(request, site)
    filters = selectors.Filters(
        tab=tab, site=site_id, story=story, author=author.strip(), reason=reason.strip(), q=q
    )
    desc = tab not in selectors.OLDEST_FIRST
    keys = [("created_at", desc), ("pk", desc)]
    ordered = selectors.tab_comments(ids, filters).select_related("story__site", "author")
    scope = f"queue:{tab}:{site_id}:{story}:{author}:{reason}:{q}"
    rows, next_cursor = _keyset(ordered, keys, scope, limit, cursor)
    return {
        "items": [
            {
                "id": row.pk,
                "site": row.story.site.slug,
                "story": row.story.slug,
                "story_title": row.story.title,
                "author": row.author.get_username() if row.author_id else None,
                "text": row.source,
                "status": row.status,
                "created_at": row.created_at,
            }
            for row in rows
        ],
        "next_cursor": next_cursor,
    }


def _comment(request: HttpRequest, comment_id: int) -> Comment:
    comment = (
        Comment.objects.select_related("story")
        .exclude(status=CommentStatus.DELETED)
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404
    check_token_site(request, comment.story.site_id)
    return comment


def _decision(comment: Comment, event: ModerationEvent) -> dict[str, object]:
    return {"id": comment.pk, "status": event.to_status, "event_id": event.pk}


@router.post(
    "/moderation/comments/{comment_id}/approve",
    response=DecisionOut,
    auth=AUTH,
    throttle=write_throttles(),
)
def approve(request: HttpRequest, comment_id: int, payload: NoteIn):  # type: ignore[no-untyped-def]
    """Publish a held or rejected comment, or confirm a reported one (resolving its reports)."""
    comment = _comment(request, comment_id)
    return _decision(comment, do_approve(comment, request.user, payload.note))


@router.post(
    "/moderation/comments/{comment_id}/reject",
    response=DecisionOut,
    auth=AUTH,
    throttle=write_throttles(),
)
def reject(request: HttpRequest, comment_id: int, payload: RejectIn):  # type: ignore[no-untyped-def]
    """Reject for a published reason; the author is mailed the statement of reasons."""
    comment = _comment(request, comment_id)
    event = do_reject_and_notify(comment, request.user, str(payload.reason_code), payload.note)
    return _decision(comment, event)


@router.post(
    "/moderation/comments/{comment_id}/feature",
    response=DecisionOut,
    auth=AUTH,
    throttle=write_throttles(),
)
def feature(request: HttpRequest, comment_id: int, payload: NoteIn):  # type: ignore[no-untyped-def]
    """Make a published comment an editors' pick."""
    comment = _comment(request, comment_id)
    return _decision(comment, do_feature(comment, request.user, payload.note))


@router.post(
    "/moderation/comments/{comment_id}/unfeature",
    response=DecisionOut,
    auth=AUTH,
    throttle=write_throttles(),
)
def unfeature(request: HttpRequest, comment_id: int, payload: NoteIn):  # type: ignore[no-untyped-def]
    """Take a comment off the editors' picks."""
    comment = _comment(request, comment_id)
    return _decision(comment, do_unfeature(comment, request.user, payload.note))


def _sanction_site(request: HttpRequest, slug: str | None) -> Site:
    token = api_token(request)
    if slug is None:
        if token is None:
            raise DiscussionError("Name the site the sanction applies on.")
        return token.site
    found = Site.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    check_token_site(request, found.pk)
    return found


@router.post(
    "/moderation/users/{user_id}/sanctions",
    response={201: SanctionOut},
    auth=AUTH,
    throttle=write_throttles(),
)
def sanction(request: HttpRequest, user_id: int, payload: SanctionIn):  # type: ignore[no-untyped-def]
    """Warn, suspend (1h, 1d or 7d), ban or always hold a reader on one site."""
    site = _sanction_site(request, payload.site)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    comment = None
    if payload.comment is not None:
        comment = Comment.objects.filter(pk=payload.comment, story__site=site, author=user).first()
        if comment is None:
            raise DiscussionError("That comment is not the reader's on this site.")
    common: dict[str, Any] = {
        "moderator": request.user,
        "user": user,
        "site": site,
        "reason": payload.reason,
    }
    if payload.kind == "suspend":
        if payload.duration is None:
            raise DiscussionError("Choose how long to suspend: 1h, 1d or 7d.")
        row = sanctions.do_suspend(**common, duration=payload.duration, comment=comment)
    else:
        do = {
            "warn": sanctions.do_warn,
            "ban": sanctions.do_ban,
            "always_hold": sanctions.do_always_hold,
        }[payload.kind]
        row = do(**common, comment=comment)
    return Status(
        201,
        {
            "id": row.pk,
            "user": user.pk,
            "site": site.slug,
            "kind": row.kind,
            "until": row.until,
            "created_at": row.created_at,
        },
    )


def _aware(moment: datetime | None) -> datetime | None:
    # A bound without an offset is read as UTC.
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, UTC)
    return moment


_EVENT_KEYS = [("created_at", True), ("pk", True)]


def _newest_first(
    qs: QuerySet,
    site_field: str,
    ids: list[int] | None,
    site_id: int | None,
    since: datetime | None,
    until: datetime | None,
) -> QuerySet:
    """A record (events, audit entries) limited to the caller's sites and the [from, to)
    window, newest first: the order _EVENT_KEYS pages through."""
    if ids is not None:
        qs = qs.filter(**{f"{site_field}__in": ids})
    if site_id is not None:
        qs = qs.filter(**{site_field: site_id})
    since, until = _aware(since), _aware(until)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    return qs.order_by("-created_at", "-pk")


@router.get("/moderation/events", response=EventPage, auth=AUTH)
def events(
    request: HttpRequest,
    site: str | None = None,
    since: datetime | None = Query(None, alias="from"),  # noqa: B008
    until: datetime | None = Query(None, alias="to"),  # noqa: B008
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """The audit record of decisions on comments, newest first; `from` and `to` bound created_at."""
    ids, site_id = _scope(request, site)
    ordered = _newest_first(
        ModerationEvent.objects.select_related("actor", "comment__story__site"),
        "comment__story__site_id",
        ids,
        site_id,
        since,
        until,
    )
    scope = f"events:{site_id}:{since}:{until}"
    rows, next_cursor = _keyset(ordered, _EVENT_KEYS, scope, limit, cursor)
    return {
        "items": [
            {
                "id": row.pk,
                "comment": row.comment_id,
                "site": row.comment.story.site.slug,
                "actor": row.actor.get_username() if row.actor_id else None,
                "from_status": row.from_status,
                "to_status": row.to_status,
                "reason_codes": [str(code) for code in row.reason_codes or []],
                "note": row.note,
                "created_at": row.created_at,
            }
            for row in rows
        ],
        "next_cursor": next_cursor,
    }
