"""Content-Security-Policy on every HTML page that does not bring its own.

The pages load only first-party scripts and styles (vendored htmx included, with its inline
indicator styles turned off in base.html), so the policy allows no inline script or style at all:
an injected <script> or on* attribute that slipped past nh3 would still not run. A view that needs
another policy (the embed page sets its own frame-ancestors) sets the header itself and this
middleware leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Story bodies may show images from the publisher's CDN; comments carry no images.
        "img-src 'self' https: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADER = "Content-Security-Policy"


def policy() -> str:
    return getattr(settings, "CONTENT_SECURITY_POLICY", "") or DEFAULT_POLICY


class ContentSecurityPolicyMiddleware:
    """Add the site's CSP to HTML responses that have none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if HEADER not in response and content_type.startswith("text/html"):
            response[HEADER] = policy()
        return response
