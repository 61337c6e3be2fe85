"""What each queue card shows, for a page of comments in a fixed number of queries.

Queries per page, whatever its size: the comments (with story, site, author profile and parent),
their decision history, their open reports, their authors' history counts, their authors' other
recent comments, and their authors' sanctions in force.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from civility.discussion.models import Comment, CommentStatus, Report
from civility.moderation.models import ModerationEvent, RejectReason
from civility.moderation.queue.highlight import highlight
from civility.sanctions.models import UserSanction

RECENT_PER_AUTHOR = 3

# The reject reason a card pre-selects, from the codes of the reasons it was held for.
SUGGESTED_REASON = {
    "coded_hate": RejectReason.HATE_SPEECH,
    "ml_identity_attack": RejectReason.HATE_SPEECH,
    "ml_threat": RejectReason.THREAT,
    "ml_insult": RejectReason.HARASSMENT,
    "ml_toxicity": RejectReason.HARASSMENT,
    "pasted_article": RejectReason.PASTED_CONTENT,
    "repeat_post": RejectReason.SPAM,
    "copypasta": RejectReason.SPAM,
    "rate_limit_account": RejectReason.SPAM,
    "rate_limit_address": RejectReason.SPAM,
    "link_from_new_reader": RejectReason.SPAM,
    "off_topic": RejectReason.OFF_TOPIC,
}


@dataclass
class AuthorHistory:
    published: int = 0
    rejected: int = 0
    reported: int = 0
    held: int = 0


@dataclass
class Card:
    comment: Comment
    reasons: list[dict[str, Any]]
    scores: dict[str, float]
    marked_source: SafeString
    events: list[ModerationEvent]
    reports: list[Report]
    history: AuthorHistory
    recent: list[Comment]
    sanctions: list[UserSanction]
    suggested_reason: str
    parent_excerpt: str = ""
    account_age_days: int | None = None
    featured: bool = False
    flags: list[str] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.comment.pk


def card_queryset(qs: QuerySet[Comment]) -> QuerySet[Comment]:
    """The page query and its prefetches: one query each, whatever the page size."""
    return qs.select_related(
        "story__site", "author__profile", "parent__author__profile"
    ).prefetch_related(
        Prefetch(
            "moderation_events",
            queryset=ModerationEvent.objects.select_related("actor__profile").order_by(
                "-created_at", "-pk"
            ),
            to_attr="queue_events",
        ),
        Prefetch(
            "reports",
            queryset=Report.objects.filter(resolved_at__isnull=True)
            .select_related("reporter__profile")
            .order_by("created_at"),
            to_attr="open_reports",
        ),
    )


def author_histories(author_ids: set[int], site_ids: list[int] | None) -> dict[int, AuthorHistory]:
    """Each author's counts of published, rejected, held and reported comments, in one query."""
    if not author_ids:
        return {}
    qs = Comment.objects.filter(author_id__in=author_ids)
    if site_ids is not None:
        qs = qs.filter(story__site_id__in=site_ids)
    reported = Exists(Report.objects.filter(comment=OuterRef("pk")))
    rows = (
        qs.annotate(was_reported=reported)
        .values("author_id")
        .annotate(
            published=Count("pk", filter=Q(status=CommentStatus.PUBLISHED)),
            rejected=Count("pk", filter=Q(status=CommentStatus.REJECTED)),
            held=Count("pk", filter=Q(status=CommentStatus.HELD)),
            reported=Count("pk", filter=Q(was_reported=True)),
        )
        .order_by()
    )
    return {
        row["author_id"]: AuthorHistory(
            published=row["published"],
            rejected=row["rejected"],
            reported=row["reported"],
            held=row["held"],
        )
        for row in rows
    }


def recent_by_author(author_ids: set[int], site_ids: list[int] | None) -> dict[int, list[Comment]]:
    """Each author's latest few comments, in one query (a window numbers them per author)."""
    if not author_ids:
        return {}
    qs = Comment.objects.filter(author_id__in=author_ids).exclude(status=CommentStatus.DELETED)
    if site_ids is not None:
        qs = qs.filter(story__site_id__in=site_ids)
    # One more than shown: the card's own comment is dropped from its list.
    rows = (
        qs.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("author_id")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=RECENT_PER_AUTHOR + 1)
        .select_related("story")
        .only("pk", "author_id", "source", "status", "created_at", "story__title", "story__slug")
        .order_by("author_id", "rank")
    )
    found: dict[int, list[Comment]] = defaultdict(list)
    for comment in rows:
        found[comment.author_id].append(comment)  # type: ignore[index]
    return found


def sanctions_in_force(author_ids: set[int]) -> dict[int, list[UserSanction]]:
    found: dict[int, list[UserSanction]] = defaultdict(list)
    if not author_ids:
        return found
    for sanction in (
        UserSanction.objects.in_force().filter(user_id__in=author_ids).select_related("site")
    ):
        found[sanction.user_id].append(sanction)
    return found


def latest_automatic(events: list[ModerationEvent]) -> ModerationEvent | None:
    """The newest decision the pipeline made (events are newest first)."""
    return next((e for e in events if e.actor_id is None), None)


def build_cards(comments: list[Comment], site_ids: list[int] | None) -> list[Card]:
    """Cards for comments fetched through card_queryset."""
    author_ids = {c.author_id for c in comments if c.author_id is not None}
    histories = author_histories(author_ids, site_ids)
    recent = recent_by_author(author_ids, site_ids)
    sanctions = sanctions_in_force(author_ids)
    now = timezone.now()
    cards = []
    for comment in comments:
        events: list[ModerationEvent] = getattr(comment, "queue_events", [])
        auto = latest_automatic(events)
        evidence = auto.evidence if auto is not None and isinstance(auto.evidence, dict) else {}
        reasons = [r for r in evidence.get("reasons", []) if isinstance(r, dict)]
        spans = [span for r in reasons for span in (r.get("spans") or [])]
        codes = [r.get("code", "") for r in reasons]
        suggested = next(
            (SUGGESTED_REASON[c] for c in codes if c in SUGGESTED_REASON), RejectReason.OTHER
        )
        author = comment.author
        cards.append(
            Card(
                comment=comment,
                reasons=reasons,
                scores=evidence.get("scores") or {},
                marked_source=highlight(comment.source, spans),
                events=events,
                reports=getattr(comment, "open_reports", []),
                history=histories.get(comment.author_id or 0, AuthorHistory()),
                recent=[r for r in recent.get(comment.author_id or 0, []) if r.pk != comment.pk][
                    :RECENT_PER_AUTHOR
                ],
                sanctions=sanctions.get(comment.author_id or 0, []),
                suggested_reason=str(suggested),
                parent_excerpt=Truncator(comment.parent.source).chars(240)
                if comment.parent is not None
                else "",
                account_age_days=(now - author.date_joined).days if author is not None else None,
                featured=comment.featured_at is not None,
            )
        )
    return cards
