"""The record as CSV: every decision on one site's comments in a date range, streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date

from civility.moderation.models import ModerationEvent

HEADER = [
    "event_id",
    "created_at",
    "comment_id",
    "story",
    "comment_author",
    "actor",
    "automatic",
    "from_status",
    "to_status",
    "reason_codes",
    "note",
    "evidence",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, with a leading quote where a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    """A file-like object whose write returns the line, for StreamingHttpResponse."""

    def write(self, value: str) -> str:
        return value


def decision_events(site_id: int, date_from: date | None, date_to: date | None):  # type: ignore[no-untyped-def]
    qs = (
        ModerationEvent.objects.filter(comment__story__site_id=site_id)
        .select_related("actor", "comment__story__site", "comment__author")
        .order_by("created_at", "pk")
    )
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs


def rows(site_id: int, date_from: date | None, date_to: date | None) -> Iterator[list[str]]:
    yield HEADER
    for event in decision_events(site_id, date_from, date_to).iterator(chunk_size=500):
        comment = event.comment
        author = comment.author.get_username() if comment.author else comment.author_name
        yield [
            neutralise(cell)
            for cell in (
                event.pk,
                event.created_at.isoformat(),
                comment.pk,
                comment.story.get_absolute_url(),
                author,
                event.actor.get_username() if event.actor else "",
                "yes" if event.actor_id is None else "no",
                event.from_status,
                event.to_status,
                " ".join(str(code) for code in event.reason_codes or []),
                event.note,
                json.dumps(event.evidence, ensure_ascii=False, sort_keys=True),
            )
        ]


def csv_lines(site_id: int, date_from: date | None, date_to: date | None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows(site_id, date_from, date_to):
        yield writer.writerow(row)
