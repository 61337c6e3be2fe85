"""Recent MinHash signatures held in memory by each process, so the copypasta check reads keys.

Every post is compared with up to MAX_RECENT_SIGNATURES recent signatures of other readers on
its site. Reading those rows (a 128-character hex string each) and decoding them took about 5 ms
per post on a site that busy. The database still says which signatures are in the window: the
caller reads their keys (id, created_at) from the index, and only the MinHashes this process has
not seen yet are read. That is exact, not a guess, because a signature row never changes its
MinHash (an edit writes a new row), and the key holds created_at as well as the id, so an id
that SQLite hands out again after a rollback is never mistaken for the row it had before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from civility.moderation.signatures import PERMUTATIONS

Key = tuple[int, Any]  # (signature id, created_at)
# Reads the rows of the given signature ids: (id, created_at, comment id, packed MinHash).
Loader = Callable[[list[int]], Iterable[tuple[int, Any, int, str]]]


class SignatureCache:
    """The MinHashes of the signatures a process read lately; emptied when full.

    Emptying (rather than evicting the least recently used one by one) keeps a lookup at one
    dictionary read per key; a full cache is refilled by the next post's one read.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._slots: dict[Key, int] = {}
        self._table = np.zeros((capacity, PERMUTATIONS), dtype=np.uint32)
        self._usable = np.zeros(capacity, dtype=bool)  # False: too short a text to compare
        self._comment = np.zeros(capacity, dtype=np.int64)
        # Held while reading, too: another thread must not refill the slots being read.
        self._lock = threading.Lock()

    def shares(
        self, mine: tuple[int, ...], keys: Sequence[Key], load: Loader
    ) -> list[tuple[float, int] | None]:
        """For each key, (share of positions agreeing with mine, comment id); None for a
        signature that is gone or too short to compare. `load` reads the ones not held."""
        if len(keys) > self.capacity:
            raise ValueError("more keys than the cache can hold")
        if len(mine) != PERMUTATIONS:
            return [None] * len(keys)  # too short a text: nothing to compare, nothing to read
        with self._lock:
            slots = self._slots
            missing = [key for key in keys if key not in slots]
            if missing:
                if len(slots) + len(missing) > self.capacity:
                    slots.clear()
                    missing = list(keys)
                wanted = set(missing)
                for signature_id, stamp, comment_id, packed in load([key[0] for key in missing]):
                    if (signature_id, stamp) in wanted:
                        self._put((signature_id, stamp), comment_id, packed)
            held = np.fromiter((slots.get(key, -1) for key in keys), np.int64, len(keys))
            comments = self._comment[held].tolist()
            usable = (self._usable[held] & (held >= 0)).tolist()
            table = self._table[held]
        agree = (table == np.array(mine, dtype=np.uint32)).sum(axis=1).tolist()
        return [
            (count / PERMUTATIONS, comment) if ok else None
            for count, comment, ok in zip(agree, comments, usable, strict=True)
        ]

    def _put(self, key: Key, comment_id: int, packed: str) -> None:
        if key in self._slots:
            return
        slot = self._slots[key] = len(self._slots)
        self._comment[slot] = comment_id
        usable = len(packed) == PERMUTATIONS * 8
        self._usable[slot] = usable
        if usable:
            self._table[slot] = np.frombuffer(bytes.fromhex(packed), dtype=">u4")
