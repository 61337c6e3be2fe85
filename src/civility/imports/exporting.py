"""Civility's own export: JSON lines, one object per line, streamed in constant memory.

The schema is documented in docs/export-format.md (version 2; version 1 files still import).
Sections come in an order an importer can follow line by line: the header, stories, the users
any later line refers to, comments story by story in thread order (parents before replies), then
what hangs off comments: revisions, reactions, reports and moderation events. Every query is
walked with .iterator(), so memory does not grow with the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from civility.discussion.models import Comment, CommentRevision, Reaction, Report
from civility.moderation.models import ModerationEvent
from civility.stories.models import Site, Story

FORMAT = "civility"
VERSION = 2
# Rows fetched per round trip: bounds memory (about 1 MB of comment text at most).
CHUNK = 500


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _line(obj: dict) -> str:
    return json.dumps(obj)


class _Scope:
    """The querysets one export walks: a site, or some of its stories; maybe only recent rows."""

    def __init__(self, site: Site, since: datetime | None, story_ids: Iterable[int] | None):
        self.stories = Story.objects.filter(site=site)
        if story_ids is not None:
            self.stories = self.stories.filter(pk__in=list(story_ids))
        on_stories = self.stories.values("pk")
        self.comments = Comment.objects.filter(story__in=on_stories)
        of_comments = Comment.objects.filter(story__in=on_stories).values("pk")
        self.revisions = CommentRevision.objects.filter(comment__in=of_comments)
        self.reactions = Reaction.objects.filter(comment__in=of_comments)
        self.reports = Report.objects.filter(comment__in=of_comments)
        self.events = ModerationEvent.objects.filter(comment__in=of_comments)
        if since is not None:
            self.comments = self.comments.filter(created_at__gte=since)
            self.revisions = self.revisions.filter(created_at__gte=since)
            self.reactions = self.reactions.filter(created_at__gte=since)
            self.reports = self.reports.filter(created_at__gte=since)
            self.events = self.events.filter(created_at__gte=since)

    def users(self) -> QuerySet:
        """Everyone a comment, reaction, report or moderation event in the export refers to."""
        referenced = (
            Q(pk__in=self.comments.exclude(author=None).values("author_id"))
            | Q(pk__in=self.reactions.values("user_id"))
            | Q(pk__in=self.reports.values("reporter_id"))
            | Q(pk__in=self.events.exclude(actor=None).values("actor_id"))
        )
        return get_user_model().objects.filter(referenced).select_related("profile").order_by("pk")


def export_lines(
    site: Site,
    since: datetime | None = None,
    *,
    with_secrets: bool = False,
    story_ids: Iterable[int] | None = None,
) -> Iterator[str]:
    """Yield the export of site (or of the given stories of it) as JSON lines, no newlines."""
    scope = _Scope(site, since, story_ids)
    header: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "site": site.slug,
        "site_name": site.name,
        "exported_at": _time(timezone.now()),
        "since": _time(since),
        "with_secrets": with_secrets,
    }
    if story_ids is not None:
        header["stories"] = list(scope.stories.order_by("pk").values_list("slug", flat=True))
    yield _line(header)
    yield from _stories(scope.stories)
    yield from _users(scope.users(), with_secrets)
    yield from _comments(scope.comments)
    for section in _COMMENT_DETAILS:
        yield from _details(scope, section)


def _stories(stories: QuerySet[Story]) -> Iterator[str]:
    for story in stories.order_by("pk").iterator(chunk_size=CHUNK):
        yield _line(
            {
                "type": "story",
                "id": story.pk,
                "slug": story.slug,
                "external_id": story.external_id,
                "url": story.url,
                "title": story.title,
                "author_name": story.author_name,
                "standfirst": story.standfirst,
                "body_markdown": story.body_markdown,
                "is_open": story.is_open,
                "published_at": _time(story.published_at),
            }
        )


def _users(users: QuerySet, with_secrets: bool) -> Iterator[str]:
    for user in users.iterator(chunk_size=CHUNK):
        profile = getattr(user, "profile", None)
        obj = {
            "type": "user",
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "display_name": profile.display_name if profile else "",
            "bio": profile.bio if profile else "",
            "date_joined": _time(user.date_joined),
            "is_active": user.is_active,
        }
        if with_secrets:
            obj["password"] = user.password
        yield _line(obj)


_COMMENT_FIELDS = (
    "id", "story_id", "parent_id", "author_id", "author_name", "source", "html", "status",
    "created_at", "edited_at", "featured_at", "client_address",
)  # fmt: skip


def _comments(comments: QuerySet[Comment]) -> Iterator[str]:
    # Plain rows rather than model instances: the bulk of any export, and twice as fast.
    rows = comments.order_by("story_id", "path").values_list(*_COMMENT_FIELDS)
    for (pk, story, parent, author, author_name, source, html, status, created_at, edited_at,
         featured_at, client_address) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
        yield _line(
            {
                "type": "comment",
                "id": pk,
                "story": story,
                "parent": parent,
                "author": author,
                "author_name": author_name,
                "source": source,
                "html": html,
                "status": status,
                "created_at": _time(created_at),
                "edited_at": _time(edited_at),
                "featured_at": _time(featured_at),
                "client_address": client_address,
            }
        )


# What hangs off comments: (line type, JSON name -> model attribute, timestamp fields last).
_COMMENT_DETAILS: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {
    "revisions": (
        "revision",
        {"comment": "comment_id", "source": "source", "html": "html"},
        ("created_at",),
    ),
    "reactions": (
        "reaction",
        {"comment": "comment_id", "user": "user_id", "kind": "kind"},
        ("created_at",),
    ),
    "reports": (
        "report",
        {"comment": "comment_id", "reporter": "reporter_id", "reason": "reason", "note": "note"},
        ("created_at", "resolved_at"),
    ),
    "events": (
        "moderation_event",
        {
            "comment": "comment_id",
            "actor": "actor_id",
            "from_status": "from_status",
            "to_status": "to_status",
            "reason_codes": "reason_codes",
            "evidence": "evidence",
            "note": "note",
        },
        ("created_at",),
    ),
}


def _details(scope: _Scope, section: str) -> Iterator[str]:
    kind, fields, times = _COMMENT_DETAILS[section]
    rows: QuerySet = getattr(scope, section)
    for row in rows.order_by("pk").iterator(chunk_size=CHUNK):
        obj = {"type": kind, "id": row.pk}
        obj.update({name: getattr(row, attr) for name, attr in fields.items()})
        obj.update({name: _time(getattr(row, name)) for name in times})
        yield _line(obj)
