"""The newest MinHash signatures of a site, held in memory by each process for the copypasta check.

Every post is compared with the site's newest MAX_RECENT_SIGNATURES signatures in the window.
Listing that window from the database on every post (2,000 keys on a busy site) took longer
than the rest of the pipeline. A `SignatureWindow` instead reads only the rows added since it
last looked, then asks the database for a checksum of the window (its count and the sum of
its ids, one row read from the index) and compares it with its own. Only when they differ (a
signature deleted, an edit's new row, a row that committed late on PostgreSQL) does it list the
window's ids, reading the MinHashes it lacks.

This is exact because, read outside a transaction, every row is committed and a committed id
is never handed out again (SQLite's AUTOINCREMENT, PostgreSQL's sequences), and a row's
MinHash, comment and time never change: an edit writes a new row. Inside a transaction a
process could see its own uncommitted rows, so the caller uses a throwaway window there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from civility.core.query_templates import QueryTemplates, value_of
from civility.moderation.signatures import PERMUTATIONS

# A signature row as read: (id, created_at, author id or None, comment id, packed MinHash).
Row = tuple[int, datetime, int | None, int, str]
# The count and the sum of the ids. Equal checksums with different rows would take rows
# deleted and rows committed late (below ids already read) between two posts, in equal number
# and with equal sums of ids; a second sum cost more than the rest of the check on SQLite.
Checksum = tuple[int, int]
_NO_AUTHOR = -1


def checksum_of(ids: Iterable[int] | np.ndarray) -> Checksum:
    """What `Store.checksum` answers for a window holding exactly these ids."""
    found = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=np.int64)
    return len(found), int(found.sum())


class Store:
    """What a window reads from the database (a fake one in tests)."""

    def added(self, since: datetime, after_id: int) -> Iterable[Row]:
        """Rows in the window with an id above after_id."""
        raise NotImplementedError

    def checksum(self, since: datetime, limit: int) -> Checksum:
        """checksum_of the ids of the newest rows in the window: see `ids`."""
        raise NotImplementedError

    def ids(self, since: datetime, limit: int) -> list[int]:
        """The ids of the rows in the window at least as new as the limit-th newest (so more
        than `limit` only where several share its time)."""
        raise NotImplementedError

    def rows(self, ids: list[int]) -> Iterable[Row]:
        """These rows (those still there)."""
        raise NotImplementedError

    def window(self, since: datetime, limit: int) -> Iterable[Row]:
        """The rows `ids` names."""
        raise NotImplementedError


@dataclass(frozen=True)
class Match:
    share: float
    comment_id: int
    author_id: int | None


class SignatureWindow:
    """The newest `limit` signatures of one site (see `Store.ids`), newest first, as arrays.

    The arrays are replaced, never changed in place, so a caller may compare against them
    after the lock is released.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self.ids = np.empty(0, dtype=np.int64)
        self.stamps = np.empty(0, dtype=np.float64)
        self.authors = np.empty(0, dtype=np.int64)
        self.comments = np.empty(0, dtype=np.int64)
        self.table = np.empty((0, PERMUTATIONS), dtype=np.uint32)
        self.usable = np.empty(0, dtype=bool)  # False: too short a text to compare
        self.after_id = 0  # every row with a higher id is yet to be read
        self.fresh = True
        self.resyncs = 0  # how often the checksum disagreed (for tests and benchmarks)

    def matches(
        self,
        store: Store,
        since: datetime,
        mine: tuple[int, ...],
        *,
        threshold: float,
        exclude_author: int | None = None,
        exclude_comment: int | None = None,
    ) -> list[Match]:
        """The window's signatures, but the author's own and the comment's, that agree with
        `mine` on at least `threshold` of their positions, newest first."""
        if len(mine) != PERMUTATIONS:
            return []  # too short a text: nothing to compare, nothing to read
        with self._lock:
            self._catch_up(store, since)
            authors, comments = self.authors, self.comments
            table, usable = self.table, self.usable
        keep = usable.copy()
        if exclude_author is not None:
            keep &= authors != exclude_author
        if exclude_comment is not None:
            keep &= comments != exclude_comment
        agree = (table == np.array(mine, dtype=np.uint32)).sum(axis=1)
        # Counted in whole positions, as signatures.similarity counts them.
        hits = np.flatnonzero(keep & (agree / PERMUTATIONS >= threshold))
        return [
            Match(
                share=int(agree[i]) / PERMUTATIONS,
                comment_id=int(comments[i]),
                author_id=None if authors[i] == _NO_AUTHOR else int(authors[i]),
            )
            for i in hits.tolist()
        ]

    def _catch_up(self, store: Store, since: datetime) -> None:
        if self.fresh:
            self._add(store.window(since, self.limit))
            self.fresh = False
        else:
            self._add(store.added(since, self.after_id))
            self._select(since.timestamp())
            if checksum_of(self.ids) == store.checksum(since, self.limit):
                return
            self.resyncs += 1
            wanted = store.ids(since, self.limit)
            held = set(self.ids.tolist())
            self._add(store.rows([i for i in wanted if i not in held]))
            self._take(np.flatnonzero(np.isin(self.ids, np.array(wanted, dtype=np.int64))))
        self._select(since.timestamp())

    def _add(self, rows: Iterable[Row]) -> None:
        rows = list(rows)
        if not rows:
            return
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        packed = [row[4] for row in rows]
        usable = np.array([len(p) == PERMUTATIONS * 8 for p in packed], dtype=bool)
        table = np.zeros((len(rows), PERMUTATIONS), dtype=np.uint32)
        for i, p in enumerate(packed):
            if usable[i]:
                table[i] = np.frombuffer(bytes.fromhex(p), dtype=">u4")
        self.ids = np.concatenate([self.ids, ids])
        self.stamps = np.concatenate(
            [self.stamps, np.array([row[1].timestamp() for row in rows], dtype=np.float64)]
        )
        self.authors = np.concatenate(
            [
                self.authors,
                np.array([_NO_AUTHOR if r[2] is None else r[2] for r in rows], dtype=np.int64),
            ]
        )
        self.comments = np.concatenate(
            [self.comments, np.array([row[3] for row in rows], dtype=np.int64)]
        )
        self.table = np.concatenate([self.table, table])
        self.usable = np.concatenate([self.usable, usable])
        self.after_id = max(self.after_id, int(ids.max()))

    def _select(self, since: float) -> None:
        """Keep the rows `Store.ids` names, newest (then highest id) first."""
        inside = np.flatnonzero(self.stamps >= since)
        order = inside[np.lexsort((-self.ids[inside], -self.stamps[inside]))]
        if len(order) > self.limit:
            cutoff = self.stamps[order[self.limit - 1]]
            order = order[self.stamps[order] >= cutoff]
        self._take(order)

    def _take(self, index: np.ndarray) -> None:
        self.ids, self.stamps = self.ids[index], self.stamps[index]
        self.authors, self.comments = self.authors[index], self.comments[index]
        self.table, self.usable = self.table[index], self.usable[index]


class Windows:
    """One window per (database, site), the least recently used dropped past `sites`.

    A full window holds 2,000 MinHashes of 256 bytes: 32 sites cost a process about 16 MB.
    A window's lock is held while it reads the database (about a millisecond), so threads
    posting to one site at the same instant take turns there.
    """

    def __init__(self, limit: int, sites: int = 32) -> None:
        self.limit = limit
        self.sites = sites
        self._held: OrderedDict[Any, SignatureWindow] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> SignatureWindow:
        with self._lock:
            window = self._held.get(key)
            if window is None:
                window = self._held[key] = SignatureWindow(self.limit)
                while len(self._held) > self.sites:
                    self._held.popitem(last=False)
            else:
                self._held.move_to_end(key)
            return window

    def forget(self) -> None:
        with self._lock:
            self._held.clear()


class DatabaseStore(Store):
    """A site's signatures in one database. Each question is one query, compiled once."""

    def __init__(self, alias: str, site_id: int) -> None:
        self.alias = alias
        self.site_id = site_id

    def _added(self, values: dict[str, Any]):  # type: ignore[no-untyped-def]
        from civility.moderation.models import CommentSignature

        # The site is compared as site_id + 0, which no index serves: otherwise SQLite's
        # planner reads the whole window from the site's index instead of the few rows above
        # `after` by id.
        return (
            CommentSignature.objects.using(self.alias)
            .annotate(site_unindexed=F("site_id") + 0)
            .filter(
                site_unindexed=values["site"],
                created_at__gte=values["since"],
                pk__gt=values["after"],
            )
            .values_list(*_COLUMNS)
        )

    def _values(self, since: datetime, **more: Any) -> dict[str, Any]:
        from civility.moderation.models import CommentSignature

        values = {
            "site": value_of(CommentSignature, "site", self.site_id),
            "since": value_of(CommentSignature, "created_at", since),
        }
        values.update({name: value_of(CommentSignature, "id", v) for name, v in more.items()})
        return values

    def added(self, since: datetime, after_id: int) -> Iterable[Row]:
        return _QUERIES.rows(
            ("added", self.alias), self._added, self._values(since, after=after_id)
        )

    def ids(self, since: datetime, limit: int) -> list[int]:
        return [pk for (pk,) in self._run("{id}", since, limit)]

    def rows(self, ids: list[int]) -> Iterable[Row]:
        from civility.moderation.models import CommentSignature

        if not ids:
            return []
        return CommentSignature.objects.using(self.alias).filter(pk__in=ids).values_list(*_COLUMNS)

    def window(self, since: datetime, limit: int) -> Iterable[Row]:
        from civility.moderation.models import CommentSignature

        # In one query, for a new window (once per process, or every time in a transaction).
        sql, params = self._sql("{id}", since, limit)
        return (
            CommentSignature.objects.using(self.alias)
            .filter(pk__in=RawSQL(sql, params))  # noqa: S611 (the SQL of _sql: values as parameters)
            .values_list(*_COLUMNS)
        )

    def checksum(self, since: datetime, limit: int) -> Checksum:
        count, total = self._run("COUNT(*), SUM({id})", since, limit)[0]
        return int(count), int(total or 0)

    def _run(self, select: str, since: datetime, limit: int) -> list[tuple[Any, ...]]:
        sql, params = self._sql(select, since, limit)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _sql(self, select: str, since: datetime, limit: int) -> tuple[str, list[Any]]:
        """SELECT `select` over the window: rows since `since`, and when there are more than
        `limit`, only those at least as new as the limit-th newest. A cut-off time rather than
        LIMIT, because ordering ties by id made SQLite sort the whole window on every post.
        Raw SQL, run on every post: the ORM would compile it each time (and cannot aggregate
        through core.query_templates)."""
        from civility.moderation.models import CommentSignature

        connection = connections[self.alias]
        quote = connection.ops.quote_name
        table, site, created = (
            quote(name) for name in (CommentSignature._meta.db_table, "site_id", "created_at")
        )
        sql = (
            f"SELECT {select.format(id=quote('id'))} FROM {table} "  # noqa: S608
            f"WHERE {site} = %s AND {created} >= COALESCE(("
            f"SELECT {created} FROM {table} WHERE {site} = %s AND {created} >= %s "
            f"ORDER BY {created} DESC LIMIT 1 OFFSET %s), %s)"
        )  # The names come from the model, quoted; every value is a parameter.
        stamp = connection.ops.adapt_datetimefield_value(since)
        return sql, [self.site_id, self.site_id, stamp, limit - 1, stamp]


_COLUMNS = ("pk", "created_at", "author_id", "comment_id", "minhash")
_QUERIES = QueryTemplates("moderation.CommentSignature", size=8)
