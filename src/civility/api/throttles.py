"""Rate limits on the API's write endpoints: per token and per client address, in Django's cache.

Fixed windows counted with cache.incr; a refusal is a 429 problem+json with Retry-After (ninja
sets the header from `wait()`). Rates come from settings so deployments and tests can change them:
API_TOKEN_WRITE_RATE and API_ADDRESS_WRITE_RATE, as "count/seconds" (e.g. "120/60").
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from civility.core import ratelimit

DEFAULT_RATES = {"token": "120/60", "address": "60/60"}
SETTING_NAMES = {"token": "API_TOKEN_WRITE_RATE", "address": "API_ADDRESS_WRITE_RATE"}
# The wait of the refusal just made, per kind. Ninja asks `wait()` right after
# `allow_request()` returned False, on the same (shared) throttle object: keeping the answer in
# a context variable makes it this request's (thread's, task's) own, not the last caller's.
_WAIT: ContextVar[dict[str, float] | None] = ContextVar("civility_api_throttle_wait", default=None)


def _rate(kind: str) -> tuple[int, int]:
    raw = str(getattr(settings, SETTING_NAMES[kind], DEFAULT_RATES[kind]))
    count, _, seconds = raw.partition("/")
    return int(count), max(int(seconds or 60), 1)


def _ident(kind: str, request: HttpRequest) -> str | None:
    if kind == "token":
        token = getattr(request, "api_token", None)
        return f"t{token.pk}" if token is not None else None
    return getattr(request, "client_address", None) or request.META.get("REMOTE_ADDR") or None


class WriteThrottle(BaseThrottle):
    """Allow `count` writes per window for each token ("token") or address ("address")."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def allow_request(self, request: HttpRequest) -> bool:
        ident = _ident(self.kind, request)
        if ident is None:
            return True
        count, window = _rate(self.kind)
        now = time.time()
        bucket = int(now // window)
        # Counted in Redis, or in the database while Redis is down (core.ratelimit).
        used = ratelimit.hit(f"civility:api:throttle:{self.kind}:{ident}", window, now=now)
        if used > count:
            _WAIT.set({**(_WAIT.get() or {}), self.kind: (bucket + 1) * window - now})
            return False
        return True

    def wait(self) -> float | None:
        return max((_WAIT.get() or {}).get(self.kind, 1.0), 1.0)


def write_throttles() -> list[BaseThrottle]:
    return [WriteThrottle("token"), WriteThrottle("address")]
