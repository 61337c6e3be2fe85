"""The canonical records every converter yields and the one loader writes.

Converters know their format and nothing about the database; the loader knows the database and
nothing about formats. Source ids are strings as the source wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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


Record = StoryRecord | CommentRecord | SkippedRecord
