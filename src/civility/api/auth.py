"""Who is calling: a per-site bearer token with scopes, or the site's own session (CSRF enforced).

A token acts as the account that created it, on its own site only: `request.user` becomes that
account and `request.api_token` the token, so the actions re-check the account's site role as
they would for a session. Naming another user (single sign-on) is not supported here.

Scopes nest (see tokens.IMPLIED_SCOPES): every scope reads, `admin` also moderates. Reads are
open to anyone without a token; a caller who sends one must send a valid token with a scope
that reads, and then reads as its account, on its site only.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, django_auth

from civility.api import tokens
from civility.api.models import ApiToken

SESSION = django_auth  # CSRF enforced on every unsafe method


class TokenAuth(HttpBearer):
    """`Authorization: Bearer civ_<prefix>_<secret>` with one of the given scopes."""

    def __init__(self, *scopes: str) -> None:
        super().__init__()
        self.scopes = scopes

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = tokens.find_token(token.strip())
        if found is None:
            # Refuse outright rather than fall back to the session: the caller meant the token.
            raise AuthenticationError
        if not set(self.scopes) & tokens.granted_scopes(found.scopes):
            raise HttpError(403, f"This token needs the scope {' or '.join(self.scopes)}.")
        if not found.created_by.is_active:
            raise HttpError(403, "The account behind this token is disabled.")
        tokens.touch(found)
        request.user = found.created_by
        request.api_token = found  # type: ignore[attr-defined]
        return found


def anyone(request: HttpRequest) -> bool:
    """Let the request through as whoever the session says it is, anonymous included."""
    return True


def token_or_session(*scopes: str) -> list[object]:
    """The auth for an endpoint open to a token with one of scopes or to a signed-in session."""
    return [TokenAuth(*scopes), SESSION]


# Reading: a token (which must hold a reading scope) when one is sent, else the session or none.
READERS: list[object] = [TokenAuth("read"), anyone]


def api_token(request: HttpRequest) -> ApiToken | None:
    return getattr(request, "api_token", None)


def check_token_site(request: HttpRequest, site_id: int) -> None:
    """A token never sees another site: anything there is not found."""
    token = api_token(request)
    if token is not None and token.site_id != site_id:
        raise Http404
