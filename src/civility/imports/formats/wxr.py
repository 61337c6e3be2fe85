"""WordPress eXtended RSS (WXR 1.0, 1.1, 1.2; http and https namespaces).

Every <item> that carries <wp:comment> elements becomes a story, whatever its post type (posts,
pages, attachments, custom types). Elements are matched by local name, so every namespace form
reads the same. comment_date_gmt is preferred; without it, comment_date is taken as UTC (the
export does not say the site's zone), then the post's date, then the time of the import.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO
from xml.etree.ElementTree import Element

from civility.imports.formats.safe_xml import child_text, iter_elements, local_name
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.records import (
    DELETED,
    HELD,
    PUBLISHED,
    REJECTED,
    CommentRecord,
    Record,
    SkippedRecord,
    StoryRecord,
    UserRecord,
)

NAME = "wxr"

_STATUS = {"1": PUBLISHED, "0": HELD, "spam": REJECTED, "trash": DELETED, "post-trashed": DELETED}
_SKIPPED_TYPES = {"pingback", "trackback"}


def detect(first_bytes: bytes) -> bool:
    # Some hand-made exports use the wp: prefix without declaring it; they are refused later
    # as malformed XML, which says more than "unknown format".
    return b"wordpress.org/export/" in first_bytes or b"<wp:comment" in first_bytes


def _wp_time(value: str) -> datetime | None:
    """Parse "YYYY-MM-DD HH:MM:SS" as UTC; WordPress writes zeros for "unknown"."""
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return parse_iso_utc(value)


def _story(item: Element, source_id: str) -> StoryRecord:
    link = child_text(item, "link")
    return StoryRecord(
        source_id=source_id,
        title=child_text(item, "title") or link or f"WordPress post {source_id}",
        url=link,
        author_name=child_text(item, "creator"),
        published_at=_wp_time(child_text(item, "post_date_gmt"))
        or _wp_time(child_text(item, "post_date")),
        is_open=child_text(item, "comment_status") != "closed",
    )


def _comment(elem: Element, story: StoryRecord) -> Record:
    source_id = child_text(elem, "comment_id")
    where = f"<wp:comment> {source_id or '(no id)'} on post {story.source_id}"
    comment_type = child_text(elem, "comment_type").lower()
    if comment_type in _SKIPPED_TYPES:
        return SkippedRecord(comment_type, where)
    if not source_id:
        return SkippedRecord("comment without comment_id", where, is_error=True)
    created_at = (
        _wp_time(child_text(elem, "comment_date_gmt"))
        or _wp_time(child_text(elem, "comment_date"))
        or story.published_at
        or datetime.now(UTC)
    )
    name = child_text(elem, "comment_author")
    email = child_text(elem, "comment_author_email")
    user_id = child_text(elem, "comment_user_id")
    user = None
    if email:
        user = UserRecord(source_id=email.lower(), name=name, email=email)
    elif user_id not in ("", "0"):
        user = UserRecord(source_id=f"user-{user_id}", name=name)
    parent = child_text(elem, "comment_parent")
    content = next((sub for sub in elem if local_name(sub.tag) == "comment_content"), None)
    return CommentRecord(
        source_id=source_id,
        story_source_id=story.source_id,
        parent_source_id="" if parent in ("", "0") else parent,
        created_at=created_at,
        text=(content.text or "").strip() if content is not None else "",
        text_format="html",
        status=_STATUS.get(child_text(elem, "comment_approved").lower(), HELD),
        author=user,
        author_name=name,
        client_address=child_text(elem, "comment_author_IP") or None,
    )


def convert(stream: BinaryIO) -> Iterator[Record]:
    for item in iter_elements(stream, depth=2, names={"item"}):
        comments = [sub for sub in item if local_name(sub.tag) == "comment"]
        if not comments:
            continue
        source_id = (
            child_text(item, "post_id") or child_text(item, "guid") or child_text(item, "link")
        )
        if not source_id:
            yield SkippedRecord("item with comments but no post_id, guid or link", "<item>", True)
            continue
        story = _story(item, source_id)
        yield story
        for elem in comments:
            yield _comment(elem, story)
