"""What phases may know beyond the candidate: the author's past, recent comments, counters.

Phases read only through a context, so the same phase code runs against the database (a comment
being posted) and against memory (`civility moderate` trying settings on a file).
"""

from __future__ import annotations

import functools
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils import timezone

from civility.moderation import signatures

if TYPE_CHECKING:
    from civility.moderation.gate import Candidate
    from civility.moderation.models import ModerationSettings

# Bounds the work of the copypasta and repeat checks on a busy site.
MAX_RECENT_SIGNATURES = 2000


@dataclass(frozen=True)
class PastComment:
    """A recent comment as the checks see it."""

    id: int | str
    author_key: str
    text_hash: str
    minhash: tuple[int, ...]
    created_at: datetime
    status: str


@dataclass
class AuthorCounts:
    total: int = 0
    published: int = 0


class ModerationContext:
    """Base context: the candidate's settings, the time, and lazily computed fingerprints."""

    def __init__(self, candidate: Candidate, settings: ModerationSettings, now: datetime) -> None:
        self.candidate = candidate
        self.settings = settings
        self.now = now
        # Labels to probabilities, filled by the ml phase.
        self.scores: dict[str, float] = {}

    @property
    def author_key(self) -> str:
        """A stable key for the author; empty when there is none to follow."""
        author = self.candidate.author
        if not getattr(author, "is_authenticated", False) or author.pk is None:
            return ""
        return f"user:{author.pk}"

    @functools.cached_property
    def text_hash(self) -> str:
        return signatures.text_hash(self.candidate.text)

    @functools.cached_property
    def minhash(self) -> tuple[int, ...]:
        return signatures.minhash(self.candidate.text)

    # The questions phases ask; each context answers them from its own store.
    def recent(self, since: datetime, *, same_author: bool) -> list[PastComment]:
        raise NotImplementedError

    def author_recent_statuses(self, limit: int) -> list[str]:
        raise NotImplementedError

    def author_counts(self) -> AuthorCounts:
        raise NotImplementedError

    def rate_hits(self, scope: str, key: str, window_seconds: int) -> int:
        """Count this attempt and return how many fall in the current window."""
        raise NotImplementedError

    def word_rules(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def story_text(self) -> str:
        story = self.candidate.story
        parts = [story.title, story.standfirst, story.body_markdown]
        return "\n".join(part for part in parts if part)

    def parent_text(self) -> str:
        parent = self.candidate.parent
        return parent.source if parent is not None else ""

    def scorer(self) -> Any:
        from civility.moderation import scoring

        return scoring.configured_scorer()


class DatabaseContext(ModerationContext):
    """Answers from the database and Django's cache: the context of a real post or edit."""

    def __init__(
        self, candidate: Candidate, settings: ModerationSettings, now: datetime | None = None
    ) -> None:
        super().__init__(candidate, settings, now or timezone.now())
        self.site = candidate.story.site
        editing = candidate.editing
        self._editing_id = editing.pk if editing is not None else None

    def recent(self, since: datetime, *, same_author: bool) -> list[PastComment]:
        from civility.moderation.models import CommentSignature

        author = self.candidate.author
        if not self.author_key:
            if same_author:
                return []
            qs = CommentSignature.objects.filter(site=self.site, created_at__gte=since)
        else:
            qs = CommentSignature.objects.filter(site=self.site, created_at__gte=since)
            qs = qs.filter(author_id=author.pk) if same_author else qs.exclude(author_id=author.pk)
        if self._editing_id is not None:
            qs = qs.exclude(comment_id=self._editing_id)
        rows = qs.order_by("-created_at").values_list(
            "comment_id", "author_id", "text_hash", "minhash", "created_at", "comment__status"
        )[:MAX_RECENT_SIGNATURES]
        return [
            PastComment(
                id=comment_id,
                author_key=f"user:{author_id}" if author_id else "",
                text_hash=text_hash,
                minhash=signatures.unpack(packed),
                created_at=created_at,
                status=status,
            )
            for comment_id, author_id, text_hash, packed, created_at, status in rows
        ]

    def _author_comments(self):  # type: ignore[no-untyped-def]
        from civility.discussion.models import Comment, CommentStatus

        qs = Comment.objects.filter(
            author_id=self.candidate.author.pk, story__site=self.site
        ).exclude(status=CommentStatus.DELETED)
        if self._editing_id is not None:
            qs = qs.exclude(pk=self._editing_id)
        return qs

    def author_recent_statuses(self, limit: int) -> list[str]:
        if not self.author_key:
            return []
        qs = self._author_comments().order_by("-created_at", "-pk")
        return list(qs.values_list("status", flat=True)[:limit])

    def author_counts(self) -> AuthorCounts:
        from civility.discussion.models import CommentStatus

        if not self.author_key:
            return AuthorCounts()
        totals = self._author_comments().aggregate(
            total=Count("pk"), published=Count("pk", filter=Q(status=CommentStatus.PUBLISHED))
        )
        return AuthorCounts(total=totals["total"], published=totals["published"])

    def rate_hits(self, scope: str, key: str, window_seconds: int) -> int:
        # A fixed window per counter, atomic on Redis; in the database while Redis is down.
        from civility.core import ratelimit

        return ratelimit.hit(
            f"civility:rate:{self.site.pk}:{scope}:{key}",
            window_seconds,
            now=self.now.timestamp(),
        )

    def word_rules(self) -> list[tuple[str, str]]:
        from civility.moderation.models import WordRule

        qs = WordRule.objects.filter(Q(site=self.site) | Q(site__isnull=True))
        return list(qs.values_list("phrase", "kind"))


@dataclass
class MemoryStore:
    """The state of one `civility moderate` run: what earlier lines of the file left behind."""

    word_rules: list[tuple[str, str]] = field(default_factory=list)
    comments: list[PastComment] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    rate_events: dict[str, deque[datetime]] = field(default_factory=lambda: defaultdict(deque))
    scorer: Any = None

    def record(
        self,
        *,
        id: str,
        author_key: str,
        text: str,
        text_hash: str,
        minhash: tuple[int, ...],
        created_at: datetime,
        status: str,
    ) -> None:
        self.comments.append(
            PastComment(
                id=id,
                author_key=author_key,
                text_hash=text_hash,
                minhash=minhash,
                created_at=created_at,
                status=status,
            )
        )
        self.texts[id] = text


class MemoryContext(ModerationContext):
    """Answers from a MemoryStore; the author is a key from the input file."""

    def __init__(
        self,
        candidate: Candidate,
        settings: ModerationSettings,
        now: datetime,
        *,
        store: MemoryStore,
        author_key: str,
        story_text: str = "",
        parent_text: str = "",
    ) -> None:
        super().__init__(candidate, settings, now)
        self.store = store
        self._author_key = author_key
        self._story_text = story_text
        self._parent_text = parent_text

    @property
    def author_key(self) -> str:
        return self._author_key

    def recent(self, since: datetime, *, same_author: bool) -> list[PastComment]:
        found = [
            past
            for past in reversed(self.store.comments)
            if past.created_at >= since
            and past.created_at <= self.now
            and (past.author_key == self._author_key) == same_author
        ]
        return found[:MAX_RECENT_SIGNATURES]

    def _mine(self) -> list[PastComment]:
        return [c for c in self.store.comments if c.author_key == self._author_key]

    def author_recent_statuses(self, limit: int) -> list[str]:
        return [c.status for c in reversed(self._mine())][:limit]

    def author_counts(self) -> AuthorCounts:
        mine = self._mine()
        return AuthorCounts(
            total=len(mine), published=sum(1 for c in mine if c.status == "published")
        )

    def rate_hits(self, scope: str, key: str, window_seconds: int) -> int:
        # A sliding window over the file's own timestamps.
        events = self.store.rate_events[f"{scope}:{key}"]
        start = self.now - timedelta(seconds=window_seconds)
        while events and events[0] <= start:
            events.popleft()
        events.append(self.now)
        return len(events)

    def word_rules(self) -> list[tuple[str, str]]:
        return self.store.word_rules

    def story_text(self) -> str:
        return self._story_text

    def parent_text(self) -> str:
        return self._parent_text

    def scorer(self) -> Any:
        return self.store.scorer
