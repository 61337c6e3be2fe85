from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from civility.embed.tokens import HEADER, user_for_token

# The header only signs readers in for reading and taking part in a thread, never for the
# moderation pages, the admin, account settings or the API (which has its own tokens).
_TOKEN_NAMESPACES = frozenset({"discussion", "embed"})


class EmbedTokenMiddleware:
    """Sign in the reader named by a valid X-Civility-Embed header (see embed.tokens).

    Such a request skips the CSRF check: the token travels in a custom header that another
    site's page cannot make the browser send, which is what the CSRF cookie proves otherwise
    (and that cookie is itself blocked in a third-party frame). Without a valid token the
    request goes on as it came, with its cookies and the CSRF check.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = request.headers.get(HEADER)
        if value and _token_path(request.path_info):
            user = user_for_token(value)
            if user is not None:
                request.user = user

                async def auser():  # type: ignore[no-untyped-def]
                    return user

                request.auser = auser  # type: ignore[method-assign]
                request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


def _token_path(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace in _TOKEN_NAMESPACES
