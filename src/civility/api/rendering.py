"""JSON responses serialized with orjson (aware datetimes come out as RFC 3339)."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from ninja.renderers import BaseRenderer

PROBLEM_MEDIA_TYPE = "application/problem+json"
# What ninja sends for this renderer, for views that serialize their own (large) bodies.
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return dumps(data)


def problem_response(
    status: int, title: str, detail: str, *, type_: str = "about:blank", **extra: Any
) -> HttpResponse:
    """An RFC 9457 problem document."""
    body = {"type": type_, "title": title, "status": status, "detail": detail, **extra}
    return HttpResponse(dumps(body), status=status, content_type=PROBLEM_MEDIA_TYPE)
