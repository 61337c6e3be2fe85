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

from django.db import connections, router
from django.db.models import Count, Q
from django.utils import timezone

from civility.core.query_templates import QueryTemplates, value_of
from civility.moderation import signatures
from civility.moderation.memory_index import CommentIndex
from civility.moderation.signature_cache import DatabaseStore, SignatureWindow, Windows

if TYPE_CHECKING:
    from civility.moderation.gate import Candidate
    from civility.moderation.models import ModerationSettings

# Bounds the work of the copypasta and repeat checks on a busy site.
MAX_RECENT_SIGNATURES = 2000

_SIGNATURES = QueryTemplates("moderation.CommentSignature", size=32)
_COMMENTS = QueryTemplates("discussion.Comment", size=16)
_WORD_RULES = QueryTemplates("moderation.WordRule", size=2)
_SIGNATURE_WINDOWS = Windows(MAX_RECENT_SIGNATURES)


def forget_signature_windows() -> None:
    """Drop this process's signature windows: for a database emptied under it (tests)."""
    _SIGNATURE_WINDOWS.forget()


@dataclass(frozen=True)
class PastComment:
    """A recent comment as the checks see it."""

    id: int | str
    author_key: str
    text_hash: str
    minhash: tuple[int, ...]
    created_at: datetime
    status: str


@dataclass(frozen=True)
class NearCopy:
    """Another reader's recent comment and the estimated share of text it has in common."""

    share: float
    id: int | str
    author_key: str


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
    def recent(
        self, since: datetime, *, same_author: bool, text_hash: str | None = None
    ) -> list[PastComment]:
        """Comments since `since`, newest first, at most MAX_RECENT_SIGNATURES; with text_hash,
        only those with that exact text."""
        raise NotImplementedError

    def near_copies(self, since: datetime, threshold: float) -> list[NearCopy]:
        """Other readers' comments since `since` (the newest MAX_RECENT_SIGNATURES) whose
        signature agrees with this one's on at least `threshold` of its positions, newest
        first."""
        found = []
        for past in self.recent(since, same_author=False):
            share = signatures.similarity(self.minhash, past.minhash)
            if share >= threshold:
                found.append(NearCopy(share=share, id=past.id, author_key=past.author_key))
        return found

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
    """Answers from the database and Django's cache: the context of a real post or edit.

    Its queries run on every post, so each is compiled once per shape (core.query_templates):
    the key says which filters apply, the values go in as parameters.
    """

    def __init__(
        self, candidate: Candidate, settings: ModerationSettings, now: datetime | None = None
    ) -> None:
        super().__init__(candidate, settings, now or timezone.now())
        self.site = candidate.story.site
        editing = candidate.editing
        self._editing_id = editing.pk if editing is not None else None

    def _values(
        self, model: Any, *, editing: str = "comment", **given: tuple[str, object]
    ) -> dict[str, Any]:
        """Template values: the site, the author and the comment being edited (model's field
        `editing`) where they apply, and the given ones, each (field name, value)."""
        from civility.stories.models import Story

        values = {"site": value_of(Story, "site", self.site.pk)}
        if self.author_key:
            values["author"] = value_of(model, "author", self.candidate.author.pk)
        if self._editing_id is not None:
            values["editing"] = value_of(model, editing, self._editing_id)
        for name, (column, value) in given.items():
            values[name] = value_of(model, column, value)
        return values

    def _shape(self, *parts: object) -> tuple[object, ...]:
        return (*parts, bool(self.author_key), self._editing_id is not None)

    def _signatures(self, values: dict[str, Any], *, same_author: bool):  # type: ignore[no-untyped-def]
        """The site's signatures since values["since"] by this author (or by everyone else)."""
        from civility.moderation.models import CommentSignature

        qs = CommentSignature.objects.filter(
            site_id=values["site"], created_at__gte=values["since"]
        )
        if "author" in values:
            author = values["author"]
            qs = qs.filter(author_id=author) if same_author else qs.exclude(author_id=author)
        if "editing" in values:
            qs = qs.exclude(comment_id=values["editing"])
        return qs.order_by("-created_at")

    def recent(
        self, since: datetime, *, same_author: bool, text_hash: str | None = None
    ) -> list[PastComment]:
        from civility.moderation.models import CommentSignature

        if same_author and not self.author_key:
            return []
        columns = [
            "comment_id",
            "author_id",
            "text_hash",
            "minhash",
            "created_at",
            "comment__status",
        ]
        extra: dict[str, tuple[str, object]] = {"since": ("created_at", since)}
        if text_hash is not None:
            extra["text_hash"] = ("text_hash", text_hash)
        values = self._values(CommentSignature, **extra)  # type: ignore[arg-type]
        if text_hash is not None and same_author:
            # The author's few copies of one text, found by author and text only: otherwise
            # SQLite's planner (no statistics) reads every signature of the site in the window.
            # The site is checked here and the newest come first.
            def copies(values: dict[str, Any]):  # type: ignore[no-untyped-def]
                qs = CommentSignature.objects.filter(
                    author_id=values["author"],
                    text_hash=values["text_hash"],
                    created_at__gte=values["since"],
                )
                if "editing" in values:
                    qs = qs.exclude(comment_id=values["editing"])
                return qs.order_by().values_list("site_id", *columns)

            site = values.pop("site")
            found = _SIGNATURES.rows(self._shape("copies"), copies, values)
            rows = [row[1:] for row in found if row[0] == site[1]]
            rows.sort(key=lambda row: row[4], reverse=True)
            del rows[MAX_RECENT_SIGNATURES:]
        else:

            def recent(values: dict[str, Any]):  # type: ignore[no-untyped-def]
                qs = self._signatures(values, same_author=same_author)
                if "text_hash" in values:
                    qs = qs.filter(text_hash=values["text_hash"])
                return qs.values_list(*columns)[:MAX_RECENT_SIGNATURES]

            shape = self._shape("recent", same_author, text_hash is not None)
            rows = _SIGNATURES.rows(shape, recent, values)
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

    def near_copies(self, since: datetime, threshold: float) -> list[NearCopy]:
        from civility.moderation.models import CommentSignature

        # Among the site's newest MAX_RECENT_SIGNATURES signatures, where the base class takes
        # the newest of other readers': the same unless this author wrote many of them.
        alias = router.db_for_read(CommentSignature)
        store = DatabaseStore(alias, self.site.pk)
        # Outside a transaction every row read is committed, so the process's window for the
        # site may be kept (moderation.signature_cache); inside one, a throwaway window.
        if connections[alias].in_atomic_block:
            window = SignatureWindow(MAX_RECENT_SIGNATURES)
        else:
            window = _SIGNATURE_WINDOWS.get((alias, self.site.pk))
        author = self.candidate.author.pk if self.author_key else None
        return [
            NearCopy(
                share=match.share,
                id=match.comment_id,
                author_key=f"user:{match.author_id}" if match.author_id else "",
            )
            for match in window.matches(
                store,
                since,
                self.minhash,
                threshold=threshold,
                exclude_author=author,
                exclude_comment=self._editing_id,
            )
        ]

    def _author_comments(self, values: dict[str, Any]):  # type: ignore[no-untyped-def]
        """The author's comments on the site, but deleted ones and the one being edited."""
        from civility.discussion.models import Comment, CommentStatus

        qs = Comment.objects.filter(
            author_id=values["author"], story__site_id=values["site"]
        ).exclude(status=CommentStatus.DELETED)
        if "editing" in values:
            qs = qs.exclude(pk=values["editing"])
        return qs

    def _author_values(self) -> dict[str, Any]:
        from civility.discussion.models import Comment

        return self._values(Comment, editing="id")

    def author_recent_statuses(self, limit: int) -> list[str]:
        if not self.author_key:
            return []
        rows = _COMMENTS.rows(
            self._shape("statuses", limit),
            lambda values: (
                self._author_comments(values)
                .order_by("-created_at", "-pk")
                .values_list("status")[:limit]
            ),
            self._author_values(),
        )
        return [status for (status,) in rows]

    def author_counts(self) -> AuthorCounts:
        from civility.discussion.models import CommentStatus

        if not self.author_key:
            return AuthorCounts()
        values = {name: value for name, (_, value) in self._author_values().items()}
        totals = self._author_comments(values).aggregate(
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

        # Unordered: the words phase does not depend on the order (banned wins either way), and
        # the model's ordering would join the sites table on every post.
        return _WORD_RULES.rows(  # type: ignore[return-value]
            ("site-and-global",),
            lambda values: (
                WordRule.objects.filter(Q(site_id=values["site"]) | Q(site__isnull=True))
                .order_by()
                .values_list("phrase", "kind")
            ),
            {"site": value_of(WordRule, "site", self.site.pk)},
        )


@dataclass
class MemoryStore:
    """The state of one `civility moderate` run: what earlier lines of the file left behind."""

    word_rules: list[tuple[str, str]] = field(default_factory=list)
    comments: list[PastComment] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    rate_events: dict[str, deque[datetime]] = field(default_factory=lambda: defaultdict(deque))
    scorer: Any = None
    _index: CommentIndex = field(default_factory=CommentIndex, repr=False, compare=False)

    def index(self) -> CommentIndex:
        """The lookups over `comments`, up to date."""
        self._index.catch_up(self.comments)
        return self._index

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

    def recent(
        self, since: datetime, *, same_author: bool, text_hash: str | None = None
    ) -> list[PastComment]:
        comments = self.store.comments
        if same_author:
            index = self.store.index()
            key = self._author_key
            positions = (
                index.by_author[key]
                if text_hash is None
                else index.by_author_text[(key, text_hash)]
            )
            candidates = (comments[i] for i in reversed(positions))
        else:
            candidates = (c for c in reversed(comments) if c.author_key != self._author_key)
        found = [
            past
            for past in candidates
            if past.created_at >= since
            and past.created_at <= self.now
            and (text_hash is None or past.text_hash == text_hash)
        ]
        return found[:MAX_RECENT_SIGNATURES]

    def near_copies(self, since: datetime, threshold: float) -> list[NearCopy]:
        mine = self.minhash
        if len(mine) != signatures.PERMUTATIONS:
            return super().near_copies(since, threshold)
        index = self.store.index()
        positions = index.others_since(self._author_key, since, self.now, MAX_RECENT_SIGNATURES)
        comments = self.store.comments
        return [
            NearCopy(share=share, id=comments[i].id, author_key=comments[i].author_key)
            for i, share in index.near(positions, mine, threshold)
        ]

    def author_recent_statuses(self, limit: int) -> list[str]:
        comments = self.store.comments
        positions = self.store.index().by_author[self._author_key]
        return [comments[i].status for i in reversed(positions[-limit:] if limit else [])]

    def author_counts(self) -> AuthorCounts:
        index = self.store.index()
        return AuthorCounts(
            total=len(index.by_author[self._author_key]),
            published=index.published[self._author_key],
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
