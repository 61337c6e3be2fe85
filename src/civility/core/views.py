"""Error pages that need more than Django's defaults."""

from __future__ import annotations

import sys
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import csrf, defaults

from civility.core.middleware import database_unavailable


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500, or a 503 with Retry-After when the cause is a database that cannot be reached."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return defaults.server_error(request)


# POST forms on anonymous story pages whose view only sends an anonymous reader to log in.
LOGIN_FIRST_VIEWS = frozenset({"discussion:react"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal, except for an anonymous reader who pressed a button on a story page.

    Those pages carry no token, so a CDN can serve them (core/page_cache.py); civility.js
    fetches one on submit. Without the script the press arrives with no CSRF cookie: send the
    reader to log in, as the view would have. Only a redirect to the login page, so a forged
    request gains nothing by it.
    """
    user = getattr(request, "user", None)
    match = request.resolver_match
    if (
        reason == REASON_NO_CSRF_COOKIE
        and not (user is not None and user.is_authenticated)
        and match is not None
        and match.view_name in LOGIN_FIRST_VIEWS
    ):
        back = request.headers.get("Referer", "")
        allowed = url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        parts = urlsplit(back)
        next_url = urlunsplit(("", "", parts.path, parts.query, "")) if allowed else "/"
        query = urlencode({"next": next_url or "/"})
        return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")
    return csrf.csrf_failure(request, reason)
