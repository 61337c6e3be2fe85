"""Everything Civility holds about one reader, as one JSON document streamed piece by piece.

Only the reader's own rows are read (their comments, their revisions, reactions, reports,
visits and the sanctions against them); other people appear at most as a comment id, never by
name or text. Moderators who sanctioned the reader are not named either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from civility.accounts.models import Profile
from civility.discussion.models import Comment, CommentRevision, Reaction, Report, StoryVisit
from civility.sanctions.models import UserSanction

FORMAT = "civility-personal-data"
VERSION = 1
CHUNK = 500


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _profile(user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    profile = Profile.objects.filter(user_id=user.pk).first()
    return {
        "display_name": profile.display_name if profile else "",
        "bio": profile.bio if profile else "",
        "picture_url": profile.picture_url if profile else "",
        "avatar": profile.avatar.url if profile and profile.avatar else None,
    }


def _viewing_options(user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    profile = Profile.objects.filter(user_id=user.pk).first()
    return {
        "display_mode": profile.display_mode if profile else "",
        "sort_order": profile.sort_order if profile else "",
        "per_page": profile.per_page if profile else None,
    }


def _comments(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    comments = (
        Comment.objects.filter(author_id=user.pk)
        .select_related("story__site")
        .order_by("created_at", "pk")
    )
    for c in comments.iterator(chunk_size=CHUNK):
        yield {
            "id": c.pk,
            "site": c.story.site.slug,
            "story": c.story.title,
            "story_url": c.story.url or c.story.get_absolute_url(),
            "in_reply_to": c.parent_id,
            "status": c.status,
            "text": c.source,
            "html": c.html,
            "created_at": _time(c.created_at),
            "edited_at": _time(c.edited_at),
            "featured_at": _time(c.featured_at),
            "client_address": c.client_address,
            "replies": c.reply_count,
            "reactions": c.reaction_count,
        }


def _revisions(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    revisions = CommentRevision.objects.filter(comment__author_id=user.pk).order_by("pk")
    for r in revisions.iterator(chunk_size=CHUNK):
        yield {
            "comment": r.comment_id,
            "text": r.source,
            "html": r.html,
            "created_at": _time(r.created_at),
        }


def _reactions(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    reactions = Reaction.objects.filter(user_id=user.pk).order_by("pk")
    for r in reactions.iterator(chunk_size=CHUNK):
        yield {"comment": r.comment_id, "kind": r.kind, "created_at": _time(r.created_at)}


def _reports(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    reports = Report.objects.filter(reporter_id=user.pk).order_by("pk")
    for r in reports.iterator(chunk_size=CHUNK):
        yield {
            "comment": r.comment_id,
            "reason": r.reason,
            "note": r.note,
            "created_at": _time(r.created_at),
            "resolved_at": _time(r.resolved_at),
        }


def _visits(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    visits = StoryVisit.objects.filter(user_id=user.pk).select_related("story__site").order_by("pk")
    for v in visits.iterator(chunk_size=CHUNK):
        yield {
            "site": v.story.site.slug,
            "story": v.story.title,
            "last_seen_at": _time(v.last_seen_at),
            "previous_seen_at": _time(v.previous_seen_at),
        }


def _sanctions(user) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    sanctions = UserSanction.objects.filter(user_id=user.pk).select_related("site").order_by("pk")
    for s in sanctions.iterator(chunk_size=CHUNK):
        yield {
            "site": s.site.slug if s.site else None,
            "kind": s.kind,
            "reason": s.reason,
            "comment": s.comment_id,
            "created_at": _time(s.created_at),
            "until": _time(s.until),
            "revoked_at": _time(s.revoked_at),
        }


def personal_data_chunks(user) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Yield the reader's data as pieces of one JSON object (join them for the whole)."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": _time(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": _time(user.date_joined),
            "last_login": _time(user.last_login),
        },
        "profile": _profile(user),
        "viewing_options": _viewing_options(user),
    }
    # The fixed part, without its closing brace; the lists follow one item at a time.
    yield json.dumps(head, indent=1)[:-2]
    lists = {
        "comments": _comments(user),
        "revisions": _revisions(user),
        "reactions": _reactions(user),
        "reports_filed": _reports(user),
        "story_visits": _visits(user),
        "sanctions": _sanctions(user),
    }
    for name, items in lists.items():
        yield f',\n "{name}": ['
        for n, item in enumerate(items):
            yield ("," if n else "") + "\n  " + json.dumps(item)
        yield "\n ]"
    yield "\n}\n"
