"""Send a request's reads to the read replica, when one is configured and the request allows it.

`ReadRoutingMiddleware` decides per request (thread pages and API reads, by GET, from a reader
who has not just written); this router only follows that decision. Writes, and reads inside a
transaction on the primary, always go to the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

_read_alias: ContextVar[str | None] = ContextVar("civility_read_alias", default=None)


def read_alias() -> str | None:
    """The alias reads go to for now, or None for the primary."""
    return _read_alias.get()


@contextmanager
def reading_from(alias: str | None) -> Iterator[None]:
    """Within the block, send reads to alias (None: the primary)."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        alias = _read_alias.get()
        if not alias:
            return None
        # Inside a transaction the request is writing: read what it wrote, from the primary.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Explicit: otherwise Django would save a row to the alias it was read from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        from django.conf import settings

        # The replica follows the primary's schema by replication, never by migrate.
        return False if db == settings.CIVILITY_READ_REPLICA else None
