"""Domain events: what happened to a comment, a report or a reader, for whoever listens.

Actions call `emit(...)` inside their transaction. Most listeners (live updates) run only after
it commits, so none of them sees a change that was rolled back. A listener whose work must not be
lost (a webhook delivery, a notification, a cache purge) registers with `in_transaction=True`: it
runs inside the action's transaction and writes its rows there (an outbox), so a crash or a lost
database between the commit and an after-commit call cannot drop it; what it sends out it defers
to after the commit. Listeners register with `@listen("comment.published")` in their app's ready().
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

EVENTS = (
    "comment.created",
    "comment.replied",
    "comment.held",
    "comment.published",
    "comment.rejected",
    "comment.edited",
    "comment.deleted",
    "report.created",
    "user.banned",
)


@dataclass(frozen=True)
class Event:
    name: str
    site_id: int | None  # None: every site (a ban on all sites)
    story_id: int | None = None
    comment_id: int | None = None
    user_id: int | None = None
    report_id: int | None = None
    actor_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[Event], None]
_listeners: dict[str, list[Listener]] = defaultdict(list)
_transactional: dict[str, list[Listener]] = defaultdict(list)


def listen(*names: str, in_transaction: bool = False) -> Callable[[Listener], Listener]:
    """Register a function to be called with every Event of the given names ("*" for all).

    in_transaction: call it inside the emitting transaction (its errors fail the action, as the
    action's own writes would); otherwise after the commit, where its errors are only logged.
    """
    for name in names:
        if name != "*" and name not in EVENTS:
            raise ValueError(f"unknown event {name!r}")
    registry = _transactional if in_transaction else _listeners

    def register(fn: Listener) -> Listener:
        for name in names:
            if fn not in registry[name]:
                registry[name].append(fn)
        return fn

    return register


def emit(name: str, **fields: Any) -> None:
    """Announce an event: transactional listeners run now, the others after the commit."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}")
    event = Event(name=name, **fields)
    for fn in (*_transactional[event.name], *_transactional["*"]):
        fn(event)
    if _listeners[event.name] or _listeners["*"]:
        transaction.on_commit(lambda: _deliver(event), robust=True)


def _deliver(event: Event) -> None:
    for fn in (*_listeners[event.name], *_listeners["*"]):
        try:
            fn(event)
        except Exception:
            # One broken listener must not stop the others, nor fail the request that committed.
            logger.exception("listener %s failed on %s", fn, event.name)
