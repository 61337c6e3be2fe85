"""Every API error as application/problem+json: validation, refusals, missing things, auth."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from civility.api.rendering import problem_response
from civility.discussion.errors import DiscussionError, NudgeRequired

# Problem types are relative URIs under the API; the docs describe them.
TYPE_BASE = "/api/v1/problems/"


class BadCursor(Exception):
    """The cursor was not one this API handed out for this listing."""


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
        for error in exc.errors
    ]
    return problem_response(
        400,
        "Invalid request",
        "Some parameters are missing or not valid; see errors.",
        type_=TYPE_BASE + "invalid-request",
        errors=errors,
    )


def _bad_cursor(request: HttpRequest, exc: BadCursor) -> HttpResponse:
    return problem_response(
        400,
        "Invalid cursor",
        "The cursor is not valid for this listing. Start again without one.",
        type_=TYPE_BASE + "invalid-cursor",
    )


def _nudge(request: HttpRequest, exc: NudgeRequired) -> HttpResponse:
    spans = [
        {"start": start, "end": end, "text": exc.text[start:end]}
        for start, end in exc.verdict.nudge_spans
    ]
    return problem_response(
        422,
        "Please reconsider",
        exc.message,
        type_=TYPE_BASE + "nudge",
        text=exc.text,
        spans=spans,
        # How to go ahead: send the same request again with this field set.
        post_anyway={"field": "post_anyway", "value": True},
    )


def _discussion(request: HttpRequest, exc: DiscussionError) -> HttpResponse:
    status = exc.status_code if exc.status_code >= 400 else 400
    return problem_response(status, _title(status), exc.message)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, "Not Found", "That resource does not exist.")


def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(401, "Unauthorized", "Sign in to do this.")


def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, _title(exc.status_code), exc.message)


# Ninja picks the most specific class in the exception's MRO, so the order here is free.
_HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (ValidationError, _validation),
    (BadCursor, _bad_cursor),
    (NudgeRequired, _nudge),
    (DiscussionError, _discussion),
    (Http404, _not_found),
    (AuthenticationError, _auth),
    (HttpError, _http),
]


def register(api: NinjaAPI) -> None:
    """Install the problem+json handlers on api."""
    for exception, handler in _HANDLERS:
        api.add_exception_handler(exception, handler)
