"""Request and response shapes of the moderator and site administration endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from civility.moderation.models import RejectReason, WordKind


class QueueItemOut(Schema):
    id: int
    site: str
    story: str
    story_title: str
    author: str | None
    text: str
    status: str
    created_at: datetime


class QueuePage(Schema):
    items: list[QueueItemOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class RejectIn(Schema):
    reason_code: RejectReason
    note: str = Field("", max_length=2000)


class DecisionOut(Schema):
    id: int
    status: str
    event_id: int


class SanctionIn(Schema):
    kind: Literal["warn", "suspend", "ban", "always_hold"]
    duration: Literal["1h", "1d", "7d"] | None = Field(None, description="Required for `suspend`.")
    reason: str = Field("", max_length=2000)
    site: str | None = Field(
        None, description="Site slug; a token's own site when omitted with a token."
    )
    comment: int | None = Field(None, description="The comment that prompted it, if any.")


class SanctionOut(Schema):
    id: int
    user: int
    site: str | None
    kind: str
    until: datetime | None
    created_at: datetime


class EventOut(Schema):
    id: int
    comment: int
    site: str
    actor: str | None = Field(description="Null for automatic decisions.")
    from_status: str
    to_status: str
    reason_codes: list[str]
    note: str
    created_at: datetime


class EventPage(Schema):
    items: list[EventOut]
    next_cursor: str | None


class WordRuleIn(Schema):
    phrase: str = Field(..., min_length=1, max_length=200)
    kind: WordKind = WordKind.SUSPECT
    note: str = Field("", max_length=300)


class WordRuleOut(Schema):
    id: int
    phrase: str
    kind: str
    note: str
    created_at: datetime


class StoryIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    external_id: str = Field("", max_length=200)
    url: str = Field("", max_length=1000)


class StoryOut(Schema):
    id: int
    site: str
    slug: str
    external_id: str
    url: str
    title: str
    created: bool


class AuditEntryOut(Schema):
    id: int
    site: str | None = Field(description="Null for changes that concern every site.")
    actor: str | None = Field(description="Who acted (kept after their account is gone).")
    action: str = Field(description="Dotted, past tense, e.g. `site_settings.updated`.")
    target: str
    data: dict[str, Any] = Field(description="Details; changes carry `before` and `after`.")
    created_at: datetime


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next_cursor: str | None
