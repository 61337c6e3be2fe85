"""A per-story version number in the cache, bumped whenever what readers may see changes.

A poll that brings the version it saw last costs no query while nothing changed. That only holds
when every web process shares the cache (Redis, Memcached, the database cache): with a cache
local to each process (the default LocMemCache) a process would not hear of changes made in
another, so each poll asks the database instead (still a fixed, small number of queries).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

# Comfortably longer than a reader keeps a tab open; an expired key only costs one fresh count.
TTL_SECONDS = 24 * 3600
_PROCESS_LOCAL = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def _key(story_id: int) -> str:
    return f"civility:live:story:{story_id}"


def _changed_at_key(story_id: int) -> str:
    return f"civility:live:story:{story_id}:at"


def cache_is_shared() -> bool:
    """Whether every web process sees the same cache, so a version bump reaches them all."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return backend not in _PROCESS_LOCAL


def current(story_id: int) -> str:
    """The story's version now; starts one (from the clock, so it never repeats an old one)."""
    key = _key(story_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, timeout=TTL_SECONDS)
        value = cache.get(key)
    return str(value)


def bump(story_id: int) -> None:
    """Mark that the story's visible thread changed."""
    key = _key(story_id)
    try:
        cache.incr(key)
    except ValueError:  # no version yet (or expired): start a fresh one
        cache.set(key, time.time_ns() // 1000, timeout=TTL_SECONDS)
    cache.set(_changed_at_key(story_id), time.time(), timeout=TTL_SECONDS)


def changed_within(story_id: int, seconds: float) -> bool:
    """Whether the story changed less than `seconds` ago (as far as the cache remembers)."""
    changed_at = cache.get(_changed_at_key(story_id))
    return isinstance(changed_at, float) and time.time() - changed_at < seconds


def peek(story_id: int) -> str | None:
    """The story's version if the cache has one; never creates one (ids come from callers)."""
    value = cache.get(_key(story_id))
    return None if value is None else str(value)
