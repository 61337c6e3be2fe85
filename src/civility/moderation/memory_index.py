"""Lookups over the comments a `civility moderate` run has seen, so each line costs the same.

Every line asks about the lines before it (the author's earlier comments, others' recent
signatures); scanning them all per line made a run quadratic. The index keeps per-author lists
and the signatures as one numpy table, and catches up with the store's list on each question.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from civility.moderation.signatures import PERMUTATIONS

if TYPE_CHECKING:
    from civility.moderation.context import PastComment

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micros(moment: datetime) -> int:
    """Exact microseconds since the epoch (floats would round)."""
    return (moment - _EPOCH) // _MICROSECOND


class CommentIndex:
    def __init__(self) -> None:
        self.count = 0
        self.by_author: dict[str, list[int]] = defaultdict(list)
        self.by_author_text: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.published: Counter[str] = Counter()
        self._codes: dict[str, int] = {}
        self._authors = np.empty(0, dtype=np.int64)
        self._times = np.empty(0, dtype=np.int64)
        self._table = np.empty((0, PERMUTATIONS), dtype=np.uint32)
        self._full = np.empty(0, dtype=bool)  # the row holds a signature of PERMUTATIONS values

    def _reserve(self, size: int) -> None:
        capacity = len(self._times)
        if size <= capacity:
            return
        capacity = max(size, 2 * capacity, 1024)

        def grown(array: np.ndarray) -> np.ndarray:
            bigger = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
            bigger[: self.count] = array[: self.count]
            return bigger

        self._authors, self._times = grown(self._authors), grown(self._times)
        self._table, self._full = grown(self._table), grown(self._full)

    def catch_up(self, comments: Sequence[PastComment]) -> None:
        """Index the comments appended since the last call."""
        if len(comments) <= self.count:
            return
        self._reserve(len(comments))
        for i in range(self.count, len(comments)):
            past = comments[i]
            self.by_author[past.author_key].append(i)
            self.by_author_text[(past.author_key, past.text_hash)].append(i)
            if past.status == "published":
                self.published[past.author_key] += 1
            self._authors[i] = self._codes.setdefault(past.author_key, len(self._codes))
            self._times[i] = _micros(past.created_at)
            full = len(past.minhash) == PERMUTATIONS
            self._full[i] = full
            if full:
                self._table[i] = past.minhash
        self.count = len(comments)

    def others_since(
        self, author_key: str, since: datetime, now: datetime, limit: int
    ) -> np.ndarray:
        """Positions of other authors' comments created in [since, now], newest line first."""
        times = self._times[: self.count]
        mask = (times >= _micros(since)) & (times <= _micros(now))
        code = self._codes.get(author_key)
        if code is not None:
            mask &= self._authors[: self.count] != code
        return np.flatnonzero(mask)[::-1][:limit]

    def near(
        self, positions: np.ndarray, signature: tuple[int, ...], threshold: float
    ) -> list[tuple[int, float]]:
        """(position, share) for the positions whose signature agrees with `signature`
        (PERMUTATIONS long) on at least `threshold` of its values, in the order given. A row
        without a full signature shares nothing."""
        if not len(positions):
            return []
        same = (self._table[positions] == np.array(signature, dtype=np.uint32)).sum(axis=1)
        # Integer counts divided as floats: the same doubles as signatures.similarity.
        shares = np.where(self._full[positions], same, 0) / len(signature)
        keep = np.flatnonzero(shares >= threshold)
        return list(zip(positions[keep].tolist(), shares[keep].tolist(), strict=True))
