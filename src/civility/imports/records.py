"""The canonical records every converter yields and the one loader writes.

Converters know their format and nothing about the database; the loader knows the database and
nothing about formats. Source ids are strings as the source wrote them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from civility.text.sendable import strip_unsendable

PUBLISHED = "published"
HELD = "held"
REJECTED = "rejected"
DELETED = "deleted"
STATUSES = (PUBLISHED, HELD, REJECTED, DELETED)


@dataclass(frozen=True)
class StoryRecord:
    source_id: str
    title: str
    # Kept when free on the site (Civility's own export); otherwise made from the title.
    slug: str = ""
    standfirst: str = ""
    url: str = ""
    external_id: str = ""
    author_name: str = ""
    # Markdown for a hosted body; empty for stories that live elsewhere.
    body: str = ""
    published_at: datetime | None = None
    is_open: bool = True


@dataclass(frozen=True)
class UserRecord:
    """A comment author. Matched by e-mail where present, else by source_id within the format."""

    source_id: str
    name: str
    email: str = ""
    # Kept when free (Civility's own export); otherwise made from the name.
    username: str = ""
    # Account details only Civility's own export carries; applied to users the import creates.
    bio: str = ""
    date_joined: datetime | None = None
    is_active: bool = True
    # A password hash, present only in exports made with --with-secrets.
    password: str = ""


@dataclass(frozen=True)
class CommentRecord:
    source_id: str
    story_source_id: str
    created_at: datetime  # aware, UTC
    text: str
    # "markdown" is rendered like a reader's comment; "html" is cleaned to the same tag set.
    text_format: str = "markdown"
    parent_source_id: str = ""
    status: str = PUBLISHED
    author: UserRecord | None = None
    author_name: str = ""
    client_address: str | None = None
    edited_at: datetime | None = None
    featured_at: datetime | None = None
    # Pre-rendered HTML (Civility's own export): cleaned again, not re-rendered, so the
    # stored HTML survives a round trip even if the renderer changed since.
    html: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class SkippedRecord:
    """A record the converter could not or would not import; counted in the summary."""

    reason: str
    where: str = ""
    # An error (broken record) makes the command exit non-zero; a deliberate skip does not.
    is_error: bool = False


# Records attached to a comment (Civility's own export): written after every comment is in
# place, matched by natural key so a second import adds nothing (see imports/attached.py).


@dataclass(frozen=True)
class RevisionRecord:
    comment_source_id: str
    source: str
    html: str
    created_at: datetime


@dataclass(frozen=True)
class ReactionRecord:
    comment_source_id: str
    user: UserRecord
    kind: str
    created_at: datetime


@dataclass(frozen=True)
class ReportRecord:
    comment_source_id: str
    reporter: UserRecord
    reason: str
    note: str
    created_at: datetime
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class ModerationEventRecord:
    comment_source_id: str
    to_status: str
    created_at: datetime
    from_status: str = ""
    actor: UserRecord | None = None
    reason_codes: list[object] = field(default_factory=list, compare=False, hash=False)
    evidence: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    note: str = ""


AttachedRecord = RevisionRecord | ReactionRecord | ReportRecord | ModerationEventRecord
ATTACHED_TYPES = (RevisionRecord, ReactionRecord, ReportRecord, ModerationEventRecord)

Record = StoryRecord | UserRecord | CommentRecord | SkippedRecord | AttachedRecord


_Record = TypeVar("_Record", bound=StoryRecord | UserRecord | CommentRecord)


def sendable(rec: _Record) -> _Record:
    """rec with control characters and other unstorable ones removed from every text field
    (a NUL in an old export must not fail the whole import on PostgreSQL)."""
    changes: dict[str, object] = {}
    for f in dataclasses.fields(rec):
        value = getattr(rec, f.name)
        if isinstance(value, str):
            cleaned: object = strip_unsendable(value)
        elif isinstance(value, UserRecord):
            cleaned = sendable(value)
        else:
            continue
        if cleaned is not value and cleaned != value:
            changes[f.name] = cleaned
    return dataclasses.replace(rec, **changes) if changes else rec  # type: ignore[arg-type]
