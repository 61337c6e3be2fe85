from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from civility.core.client_address import client_address


class ClientAddressMiddleware:
    """Put the trusted client address on request.client_address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.client_address = client_address(request)  # type: ignore[attr-defined]
        return self.get_response(request)
