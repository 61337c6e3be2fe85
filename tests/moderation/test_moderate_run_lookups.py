"""`civility moderate` answers each line's questions from an index of the earlier lines; the
answers are those of scanning every earlier line, in the same order."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from civility.moderation import signatures
from civility.moderation.context import (
    MAX_RECENT_SIGNATURES,
    MemoryContext,
    MemoryStore,
    NearCopy,
)
from civility.moderation.gate import Candidate
from civility.moderation.models import ModerationSettings
from civility.stories.models import Story

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WORDS = [
    "budget",
    "council",
    "vote",
    "harbour",
    "bridge",
    "ferry",
    "tram",
    "library",
    "school",
    "clinic",
]


def scan_recent(store, ctx, since, *, same_author, text_hash=None):
    found = [
        past
        for past in reversed(store.comments)
        if since <= past.created_at <= ctx.now
        and (past.author_key == ctx.author_key) == same_author
        and (text_hash is None or past.text_hash == text_hash)
    ]
    return found[:MAX_RECENT_SIGNATURES]


def scan_near_copies(store, ctx, since, threshold):
    found = []
    for past in scan_recent(store, ctx, since, same_author=False):
        share = signatures.similarity(ctx.minhash, past.minhash)
        if share >= threshold:
            found.append(NearCopy(share=share, id=past.id, author_key=past.author_key))
    return found


def build_store(rng):
    store = MemoryStore()
    base = " ".join(rng.choice(WORDS) for _ in range(30))
    for n in range(300):
        # Many near-copies of one text, some repeats, some very short; times not in order.
        text = base if n % 7 == 0 else base.replace(rng.choice(WORDS), "x", 1) + f" {n % 11}"
        if n % 13 == 0:
            text = "ok"
        if n % 17 == 0:
            text = "!!!"  # no signature at all
        store.record(
            id=str(n),
            author_key=f"author:{n % 9}",
            text=text,
            text_hash=signatures.text_hash(text),
            minhash=signatures.minhash(text),
            created_at=START + timedelta(minutes=rng.randint(0, 600)),
            status=rng.choice(["published", "held", "rejected"]),
        )
    return store, base


def context(store, text, author, now):
    story = Story(title="Harbour")
    candidate = Candidate(
        story=story,
        author=SimpleNamespace(pk=None, is_authenticated=True),  # type: ignore[arg-type]
        text=text,
    )
    return MemoryContext(candidate, ModerationSettings(), now, store=store, author_key=author)


def test_the_index_answers_as_a_scan_of_every_earlier_line():
    rng = random.Random(4)
    store, base = build_store(rng)
    for i in range(40):
        author = f"author:{i % 10}"  # author:9 has written nothing yet
        now = START + timedelta(minutes=rng.randint(0, 700))
        since = now - timedelta(minutes=rng.choice([0, 30, 300, 6000]))
        text = base if i % 2 else "ok"
        ctx = context(store, text, author, now)
        for same_author in (True, False):
            for text_hash in (None, ctx.text_hash):
                assert ctx.recent(
                    since, same_author=same_author, text_hash=text_hash
                ) == scan_recent(store, ctx, since, same_author=same_author, text_hash=text_hash)
        for threshold in (0.0, 0.5, 0.8, 1.0):
            assert ctx.near_copies(since, threshold) == scan_near_copies(
                store, ctx, since, threshold
            )
        mine = [c for c in store.comments if c.author_key == author]
        assert ctx.author_recent_statuses(10) == [c.status for c in reversed(mine)][:10]
        counts = ctx.author_counts()
        assert counts.total == len(mine)
        assert counts.published == sum(1 for c in mine if c.status == "published")


def test_the_index_keeps_up_with_lines_added_between_questions():
    rng = random.Random(5)
    store, base = build_store(rng)
    now = START + timedelta(days=1)
    ctx = context(store, base, "author:1", now)
    before = ctx.near_copies(START, 0.5)
    store.record(
        id="late",
        author_key="author:2",
        text=base,
        text_hash=signatures.text_hash(base),
        minhash=signatures.minhash(base),
        created_at=now,
        status="published",
    )
    after = ctx.near_copies(START, 0.5)
    assert after[0] == NearCopy(share=1.0, id="late", author_key="author:2")
    assert after[1:] == before
