"""Redis going away degrades the site (no cache, limits counted in the database); reads work."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches
from django.test import Client

from civility.core import ratelimit
from civility.core.cache import CacheUnavailable, ResilientRedisCache
from civility.core.models import RateCounter
from civility.discussion.actions import do_post_comment

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _cache_settings(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "civility.core.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "h7-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = _cache_settings(f"redis://127.0.0.1:{_closed_port()}/7")
    settings.PAGE_CACHE_SECONDS = 120
    yield caches["default"]


def test_the_cache_reads_as_empty_and_ignores_writes(redis_down):
    cache = redis_down
    assert isinstance(cache, ResilientRedisCache)
    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert not cache.available
    with pytest.raises(CacheUnavailable):
        cache.incr("k")


def test_pages_are_still_served(redis_down, story, reader):
    do_post_comment(story=story, author=reader, text="Still readable without Redis.")
    for _ in range(2):
        response = Client().get(story.get_absolute_url())
        assert response.status_code == 200
        assert "Still readable without Redis." in response.content.decode()
    api = Client().get(f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments")
    assert api.status_code == 200


def test_rate_limits_are_counted_in_the_database(redis_down):
    assert [ratelimit.hit("civility:test:posts", 60, now=1_000_000) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("civility:test:posts", 60, now=1_000_061) == 1  # the next window
    assert RateCounter.objects.count() == 2


def test_the_moderation_rate_phase_still_counts_without_redis(redis_down, story):
    from django.utils import timezone

    from civility.moderation.context import DatabaseContext

    # Only the site and the clock matter to the counter.
    context = DatabaseContext.__new__(DatabaseContext)
    context.site, context.now = story.site, timezone.now()
    assert [context.rate_hits("posts", "reader", 3600) for _ in range(4)] == [1, 2, 3, 4]
    assert RateCounter.objects.count() == 1


def test_the_api_write_throttle_refuses_without_redis(redis_down, settings, rf):
    from civility.api.throttles import WriteThrottle

    settings.API_ADDRESS_WRITE_RATE = "2/60"
    throttle = WriteThrottle("address")
    request = rf.post("/api/v1/anything", REMOTE_ADDR="203.0.113.9")
    assert [throttle.allow_request(request) for _ in range(3)] == [True, True, False]


def test_sessions_fall_back_to_the_database(redis_down, settings, client, reader):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(reader)
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.skipif(not _redis_reachable(), reason="needs Redis on 127.0.0.1:6379")
def test_with_redis_up_counters_live_in_redis_not_the_database(settings):
    settings.CACHES = _cache_settings("redis://127.0.0.1:6379/7")
    cache = caches["default"]
    cache.delete_many(["civility:test:redis:60:16666"])
    assert [ratelimit.hit("civility:test:redis", 60, now=1_000_000) for _ in range(2)] == [1, 2]
    assert RateCounter.objects.count() == 0
    cache.set("civility:test:value", {"a": 1}, timeout=5)
    assert cache.get("civility:test:value") == {"a": 1}
    cache.delete_many(["civility:test:redis:60:16666", "civility:test:value"])
