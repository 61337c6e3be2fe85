"""Origins: parsing the ones a site allows, and the headers that admit exactly those."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from civility.core import security_headers

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_origin(value: str) -> str | None:
    """Return "scheme://host[:port]" in lower case, or None when value is not a bare origin."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6 literals keep their brackets in an origin
    if port is None or port == _DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def is_allowed(origin: str | None, allowed: list[str]) -> bool:
    normalized = normalize_origin(origin) if origin else None
    return normalized is not None and normalized in allowed


def frame_ancestors(response: HttpResponse, allowed: list[str]) -> HttpResponse:
    """Let only the allowed origins frame this response (none: nobody), instead of X-Frame-Options.

    CSP frame-ancestors is the only way to name several origins; browsers that obey it ignore
    X-Frame-Options, and XFrameOptionsMiddleware leaves responses marked exempt alone.
    """
    sources = " ".join(allowed) if allowed else "'none'"
    # The rest of the site's policy stays; only who may frame the page changes.
    kept = [
        directive.strip()
        for directive in security_headers.policy().split(";")
        if directive.strip() and directive.split()[0] != "frame-ancestors"
    ]
    response[security_headers.HEADER] = "; ".join([*kept, f"frame-ancestors {sources}"])
    response.xframe_options_exempt = True  # type: ignore[attr-defined]
    return response


def allow_cors(response: HttpResponse, origin: str | None, allowed: list[str]) -> HttpResponse:
    """Let a script on an allowed origin read this response; others get no CORS header."""
    patch_vary_headers(response, ["Origin"])
    if origin and is_allowed(origin, allowed):
        response["Access-Control-Allow-Origin"] = normalize_origin(origin) or ""
    return response
