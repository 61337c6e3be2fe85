"""Throttles for guessing passwords and for flooding inboxes with reset links.

Counters live in Django's cache, one per username (or e-mail address) and one per client address,
each in a window that starts at its first count. The per-name counter stops a slow guess at one
account from many addresses; the per-address counter stops one address trying many accounts. The
client address is `request.client_address` (core.client_address), so X-Forwarded-For from an
untrusted peer cannot reset it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from civility.core.client_address import client_address

PREFIX = "civility:accounts:throttle"


def _address(request: HttpRequest) -> str:
    return getattr(request, "client_address", None) or client_address(request)


def _key(kind: str, value: str) -> str:
    # Hashed, so any username (spaces, unicode, length) makes a valid cache key.
    digest = hashlib.sha256(value.strip().casefold().encode()).hexdigest()
    return f"{PREFIX}:{kind}:{digest}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _bump(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def login_locked(request: HttpRequest, username: str) -> bool:
    """Whether log-ins for this username or from this address are locked out for now."""
    return (
        _count(_key("login-user", username)) >= settings.LOGIN_FAILURES_PER_USERNAME
        or _count(_key("login-addr", _address(request))) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


def record_login_failure(request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    _bump(_key("login-user", username), window)
    _bump(_key("login-addr", _address(request)), window)


def clear_login_failures(username: str) -> None:
    """Forget a username's failures once its owner logs in (the address count stays)."""
    cache.delete(_key("login-user", username))


def lockout_minutes() -> int:
    return max(1, round(settings.LOGIN_LOCKOUT_SECONDS / 60))


def reset_request_allowed(request: HttpRequest, email: str) -> bool:
    """Count one password-reset request; False once this address or e-mail has had too many."""
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    by_email = _bump(_key("reset-email", email), window)
    by_address = _bump(_key("reset-addr", _address(request)), window)
    return (
        by_email <= settings.PASSWORD_RESETS_PER_EMAIL
        and by_address <= settings.PASSWORD_RESETS_PER_ADDRESS
    )
