"""Civility's own export: JSON lines, one object per line, streamed in constant memory.

Schema version 1 (the first line is the header):
  {"format": "civility", "version": 1, "site": slug, "exported_at": iso}
  {"type": "story", "id", "slug", "external_id", "url", "title", "author_name", "standfirst",
   "body_markdown", "is_open", "published_at"}
  {"type": "user", "id", "username", "email", "display_name"}      (never a password hash)
  {"type": "comment", "id", "story", "parent", "author", "author_name", "source", "html",
   "status", "created_at", "edited_at", "featured_at", "client_address"}
Stories come first, then the users who commented, then comments story by story in thread order
(parents before replies). Times are ISO 8601 in UTC; ids are this install's primary keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from civility.accounts.models import Profile
from civility.discussion.models import Comment
from civility.stories.models import Site, Story

FORMAT = "civility"
VERSION = 1
CHUNK = 2000


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def export_lines(site: Site, since: datetime | None = None) -> Iterator[str]:
    """Yield the export of site as JSON lines (without newlines)."""
    stories = Story.objects.filter(site=site).order_by("pk")
    comments = Comment.objects.filter(story__site=site)
    if since is not None:
        comments = comments.filter(created_at__gte=since)
    yield json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "site": site.slug,
            "exported_at": _time(timezone.now()),
        }
    )
    for story in stories.iterator(chunk_size=CHUNK):
        yield json.dumps(
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
    author_ids = comments.exclude(author=None).values("author_id").distinct()
    names = dict(
        Profile.objects.filter(user_id__in=author_ids).values_list("user_id", "display_name")
    )
    users = get_user_model().objects.filter(pk__in=author_ids).order_by("pk")
    for user in users.iterator(chunk_size=CHUNK):
        yield json.dumps(
            {
                "type": "user",
                "id": user.pk,
                "username": user.get_username(),
                "email": user.email,
                "display_name": names.get(user.pk, ""),
            }
        )
    for comment in comments.order_by("story_id", "path").iterator(chunk_size=CHUNK):
        yield json.dumps(
            {
                "type": "comment",
                "id": comment.pk,
                "story": comment.story_id,
                "parent": comment.parent_id,
                "author": comment.author_id,
                "author_name": comment.author_name,
                "source": comment.source,
                "html": comment.html,
                "status": comment.status,
                "created_at": _time(comment.created_at),
                "edited_at": _time(comment.edited_at),
                "featured_at": _time(comment.featured_at),
                "client_address": comment.client_address,
            }
        )
