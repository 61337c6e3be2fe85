"""Request and response shapes; the OpenAPI schema is generated from these."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from civility.discussion.models import ReactionKind, ReportReason


class AuthorOut(Schema):
    name: str
    avatar_url: str


class CommentOut(Schema):
    id: int
    parent: int | None
    path: str
    depth: int
    author: AuthorOut | None = Field(description="Absent on placeholders.")
    html: str | None = Field(description="Sanitized HTML; absent on placeholders.")
    created_at: datetime
    edited_at: datetime | None
    status: str | None = Field(description="Shown to the author and to moderators only.")
    reply_count: int
    reaction_count: int
    is_placeholder: bool
    permalink: str


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class PostIn(Schema):
    text: str
    parent: int | None = None
    idempotency_key: str = Field("", max_length=64)
    post_anyway: bool = False


class EditIn(Schema):
    text: str
    post_anyway: bool = False


class PostOut(Schema):
    comment: CommentOut
    message: str


class ReactionIn(Schema):
    kind: ReactionKind


class ReactionOut(Schema):
    kind: str | None
    reaction_count: int


class ReportIn(Schema):
    reason: ReportReason
    note: str = Field("", max_length=1000)


class ReportOut(Schema):
    id: int


class MeOut(Schema):
    authenticated: bool
    id: int | None = None
    username: str | None = None
    name: str | None = None
    avatar_url: str | None = None


class CountsOut(Schema):
    counts: dict[str, int] = Field(description="Published comments per `site:story` asked for.")


class SiteCountsOut(Schema):
    stories: dict[str, int] = Field(description="Published comments per story slug asked for.")
    external_ids: dict[str, int] = Field(description="Published comments per external id.")
    urls: dict[str, int] = Field(description="Published comments per article URL.")
