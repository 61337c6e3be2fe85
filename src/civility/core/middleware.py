from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from civility.core.client_address import client_address
from civility.core.db_router import _read_alias

logger = logging.getLogger(__name__)


class ClientAddressMiddleware:
    """Put the trusted client address on request.client_address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.client_address = client_address(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: problem+json for the API, a short page for everyone else."""
    retry = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    detail = "The comments database cannot be reached just now. Please try again in a moment."
    if request.path.startswith("/api/"):
        import json

        body = json.dumps(
            {"type": "about:blank", "title": "Service Unavailable", "status": 503, "detail": detail}
        )
        response = HttpResponse(body, status=503, content_type="application/problem+json")
    else:
        response = HttpResponse(
            "<!doctype html><html lang=en><meta charset=utf-8><title>Temporarily unavailable</title>"
            f"<h1>Temporarily unavailable</h1><p>{detail}</p></html>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = retry
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer a lost or overloaded database with a quick 503 and Retry-After, not a 500.

    Covers errors raised by views; errors raised in other middleware (a session saved on the
    way out) reach `civility.core.views.server_error`, which answers the same. Connection
    attempts are bounded by DATABASE_CONNECT_TIMEOUT, queries by DATABASE_STATEMENT_TIMEOUT_MS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("database unavailable for %s %s: %s", request.method, request.path, exc)
        return database_unavailable(request)


# Views whose GET reads may come from the replica: thread pages and the API's reads.
REPLICA_VIEWS = frozenset(
    {
        "discussion:story",
        "discussion:comment",
        "stories:index",
        "stories:site",
        "api:list_comments",
        "api:list_replies",
        "api:get_comment",
        "api:comment_counts",
        # The live updates' polls: most of the read traffic of an open story page.
        "live:since",
        "live:comments",
    }
)
PIN_COOKIE = "civility_primary"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _user_pin_key(user_id: int) -> str:
    return f"civility:pin:user:{user_id}"


class ReadRoutingMiddleware:
    """Read thread pages and API reads from the replica, except for a reader who just wrote.

    A write (any unsafe request) pins its reader to the primary for DATABASE_REPLICA_PIN_SECONDS,
    longer than the replica lags: by a cookie, and for a signed-in account also in the cache,
    so the reader sees their own comment on the next page even from another tab or a token.
    Does nothing while no replica is configured.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _read_alias.set(None)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if settings.CIVILITY_READ_REPLICA and request.method in _UNSAFE:
            self._pin(request, response)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> None:
        alias = settings.CIVILITY_READ_REPLICA
        if not alias or request.method not in ("GET", "HEAD"):
            return
        match = request.resolver_match
        if match is None or match.view_name not in REPLICA_VIEWS:
            return
        if self._pinned(request):
            return
        _read_alias.set(alias)

    def _pinned(self, request: HttpRequest) -> bool:
        if request.COOKIES.get(PIN_COOKIE):
            return True
        user = getattr(request, "user", None)
        return bool(
            user is not None and user.is_authenticated and cache.get(_user_pin_key(user.pk))
        )

    def _pin(self, request: HttpRequest, response: HttpResponse) -> None:
        seconds = settings.DATABASE_REPLICA_PIN_SECONDS
        if not seconds or response.status_code >= 500:
            return
        response.set_cookie(
            PIN_COOKIE,
            "1",
            max_age=seconds,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            cache.set(_user_pin_key(user.pk), 1, timeout=seconds)
