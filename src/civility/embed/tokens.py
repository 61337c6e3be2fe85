"""The embed token: how a reader signed in by SSO stays signed in inside a framed thread.

Browsers block third-party cookies more and more (and never send SameSite=Lax ones into a
cross-site frame), so the framed page keeps this short-lived signed token in memory and sends it
in the X-Civility-Embed header with each htmx request; EmbedTokenMiddleware turns it back into
request.user. It names the user and the site and carries the user's session hash, so changing
the password or deactivating the account ends it like a session.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare

HEADER = "X-Civility-Embed"
_SALT = "civility.embed.token"


@dataclass(frozen=True)
class EmbedToken:
    value: str
    expires_in: int


def make_token(user, site_id: int) -> EmbedToken:  # type: ignore[no-untyped-def]
    value = signing.dumps(
        {"u": user.pk, "s": site_id, "h": user.get_session_auth_hash()},
        salt=_SALT,
        compress=True,
    )
    return EmbedToken(value, settings.EMBED_TOKEN_SECONDS)


def user_for_token(value: str):  # type: ignore[no-untyped-def]
    """The active user the token was made for, or None when it is bad, expired or revoked."""
    try:
        data = signing.loads(value, salt=_SALT, max_age=settings.EMBED_TOKEN_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not constant_time_compare(
        str(data.get("h", "")), user.get_session_auth_hash()
    ):
        return None
    return user
