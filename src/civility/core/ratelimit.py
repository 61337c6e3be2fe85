"""Fixed-window rate-limit counters: in the cache (Redis), or in the database while it is down.

A counter that silently stopped counting would turn every limit off exactly when Redis fails;
counting in the database instead keeps the limits, at the price of a write per hit.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from civility.core.cache import CacheUnavailable

logger = logging.getLogger(__name__)


def hit(key: str, window_seconds: int, *, now: float | None = None) -> int:
    """Count one hit on key in the current window of window_seconds; return the hits so far."""
    window = max(int(window_seconds), 1)
    moment = timezone.now().timestamp() if now is None else now
    bucket = int(moment) // window
    bucket_key = f"{key}:{window}:{bucket}"
    try:
        cache.add(bucket_key, 0, timeout=window + 5)
        try:
            return int(cache.incr(bucket_key))
        except ValueError:  # evicted (or never stored) between add and incr
            if cache.add(bucket_key, 1, timeout=window + 5):
                return 1
            return int(cache.incr(bucket_key))
    except (CacheUnavailable, ValueError):
        return _hit_in_database(bucket_key, (bucket + 1) * window + 5)


def _hit_in_database(bucket_key: str, expires_at_timestamp: float) -> int:
    from civility.core.models import RateCounter

    expires_at = timezone.now() + timedelta(
        seconds=max(expires_at_timestamp - timezone.now().timestamp(), 1)
    )
    key = bucket_key[:250]
    with transaction.atomic():
        if not RateCounter.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires_at)
                return 1
            except IntegrityError:  # another request created it first
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
        return int(RateCounter.objects.filter(key=key).values_list("count", flat=True).get())
