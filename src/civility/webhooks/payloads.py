"""The JSON bodies webhooks send: what happened, and the data a receiver needs to act on it.

What a payload never carries: e-mail addresses or client IP addresses, and the text of a comment
that is not published, unless the endpoint is a moderation integration (it subscribes to
comment.held, comment.rejected or report.created). Everyone else gets `"text": null,
"html": null, "text_withheld": true` for held, rejected or deleted comments.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from civility.core.events import Event
from civility.discussion.models import Comment, CommentStatus, Report
from civility.stories.models import Site, Story


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def new_event_id() -> str:
    return "evt_" + uuid.uuid4().hex


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": profile.name if profile else user.get_username(),
    }


def site_data(site: Site) -> dict[str, Any]:
    return {"id": site.pk, "slug": site.slug, "name": site.name, "url": site.url}


def story_data(story: Story) -> dict[str, Any]:
    return {
        "id": story.pk,
        "slug": story.slug,
        "external_id": story.external_id,
        "title": story.title,
        "url": story.url,
        "page_url": absolute(story.get_absolute_url()),
    }


def comment_data(comment: Comment, *, with_text: bool) -> dict[str, Any]:
    shown = with_text or comment.status == CommentStatus.PUBLISHED
    return {
        "id": comment.pk,
        "story_id": comment.story_id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "status": comment.status,
        "url": absolute(reverse("discussion:comment", kwargs={"comment_id": comment.pk})),
        "author": (
            _person(comment.author)
            if comment.author_id
            else {"id": None, "username": None, "name": comment.display_author}
        ),
        "created_at": _when(comment.created_at),
        "edited_at": _when(comment.edited_at),
        "text": comment.source if shown else None,
        "html": comment.html if shown else None,
        "text_withheld": not shown,
    }


@dataclass
class Subject:
    """Everything an event refers to, loaded once and shared by every endpoint's payload."""

    event: Event
    event_id: str
    occurred_at: str
    comment: Comment | None = None
    story: Story | None = None
    report: Report | None = None
    user: Any = None
    actor: Any = None

    @classmethod
    def load(cls, event: Event) -> Subject:
        subject = cls(event=event, event_id=new_event_id(), occurred_at=_when(timezone.now()) or "")
        if event.comment_id is not None:
            subject.comment = (
                Comment.objects.select_related("story__site", "author__profile")
                .filter(pk=event.comment_id)
                .first()
            )
            if subject.comment is not None:
                subject.story = subject.comment.story
        if subject.story is None and event.story_id is not None:
            subject.story = Story.objects.select_related("site").filter(pk=event.story_id).first()
        if event.report_id is not None:
            subject.report = (
                Report.objects.select_related("reporter__profile")
                .filter(pk=event.report_id)
                .first()
            )
        users = get_user_model().objects.select_related("profile")
        if subject.comment is not None and event.user_id == subject.comment.author_id:
            subject.user = subject.comment.author  # already loaded with the comment
        elif event.user_id is not None:
            subject.user = users.filter(pk=event.user_id).first()
        if event.actor_id is not None:
            subject.actor = users.filter(pk=event.actor_id).first()
        return subject

    def body(self, site: Site, *, with_text: bool) -> str:
        """The JSON body for an endpoint of site; text of unpublished comments only with_text."""
        data: dict[str, Any] = {}
        if self.story is not None:
            data["story"] = story_data(self.story)
        if self.comment is not None:
            data["comment"] = comment_data(self.comment, with_text=with_text)
        if self.report is not None:
            data["report"] = {
                "id": self.report.pk,
                "reason": self.report.reason,
                "note": self.report.note,
                "created_at": _when(self.report.created_at),
                "reporter": _person(self.report.reporter),
            }
        if self.event.name == "user.banned":
            data["user"] = _person(self.user)
            data["sanction"] = {
                "kind": self.event.data.get("kind"),
                "until": self.event.data.get("until"),
                # A ban on every site reaches every site's endpoints.
                "all_sites": self.event.site_id is None,
            }
        if self.actor is not None:
            data["actor"] = _person(self.actor)
        return encode(
            {
                "id": self.event_id,
                "event": self.event.name,
                "created_at": self.occurred_at,
                "site": site_data(site),
                "data": data,
            }
        )


def ping_body(site: Site) -> tuple[str, str]:
    """Return (event id, body) for a test delivery."""
    event_id = new_event_id()
    return event_id, encode(
        {
            "id": event_id,
            "event": "ping",
            "created_at": _when(timezone.now()),
            "site": site_data(site),
            "data": {"message": "A test delivery from Civility. Answer with any 2xx status."},
        }
    )


def encode(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
