"""Error pages that need more than Django's defaults."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.views import defaults

from civility.core.middleware import database_unavailable


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500, or a 503 with Retry-After when the cause is a database that cannot be reached."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return defaults.server_error(request)
