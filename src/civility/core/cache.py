"""Django's RedisCache, made to degrade: with Redis unreachable the cache reads as empty.

A page cache or a cached session that cannot reach Redis must not fail the request; it costs a
database read instead. After a failure the cache stays quiet for a few seconds (no connection
attempt per call), then tries again. `incr` raises CacheUnavailable so callers that need a
counter (core.ratelimit) can count elsewhere. `clear` deletes only keys under KEY_PREFIX.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds to skip Redis after a failure before trying it again.
RETRY_AFTER_FAILURE = 5.0


class CacheUnavailable(Exception):
    """The cache could not answer; the caller decides what to do instead."""


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, name: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except _redis_errors() as exc:
            self._mark_down(exc)
            return fallback

    def _mark_down(self, exc: BaseException) -> None:
        if time.monotonic() >= self._down_until:
            logger.warning("Redis cache unreachable, continuing without it: %s", exc)
        self._down_until = time.monotonic() + RETRY_AFTER_FAILURE

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", default, key, default, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", {}, keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", False, key, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("touch", False, key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", False, key, version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call("delete_many", None, keys, version)

    def clear(self) -> Any:
        """Delete this cache's keys only: Django's RedisCache.clear() empties the whole Redis
        database, which may hold a Celery broker's queues or another install's cache."""
        if time.monotonic() < self._down_until:
            return False
        try:
            client = self._cache.get_client(None, write=True)
            batch: list[Any] = []
            for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    client.delete(*batch)
                    batch.clear()
            if batch:
                client.delete(*batch)
            return True
        except _redis_errors() as exc:
            self._mark_down(exc)
            return False

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        if time.monotonic() < self._down_until:
            raise CacheUnavailable("Redis is down")
        try:
            return super().incr(key, delta, version)
        except _redis_errors() as exc:
            self._mark_down(exc)
            raise CacheUnavailable(str(exc)) from exc
