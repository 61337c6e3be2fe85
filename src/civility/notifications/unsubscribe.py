"""Signed one-click unsubscribe links: they work without signing in, and only as issued.

A token names a reader and a scope: "all" (no more notification e-mail), "moderation" (no more
queue digests), "story:<id>" or "comment:<id>" (stop following it). It is signed with
SECRET_KEY (django.core.signing), so a changed reader or scope fails the check. Tokens do not
expire: an unsubscribe link in an old e-mail must keep working.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "civility.notifications.unsubscribe"
SCOPES = ("all", "moderation", "story", "comment")


class BadToken(Exception):
    pass


def make_token(user_id: int, scope: str) -> str:
    return signing.dumps({"u": user_id, "s": scope}, salt=SALT)


def read_token(token: str) -> tuple[int, str]:
    """Return (user id, scope), or raise BadToken for a tampered or malformed token."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadToken("This unsubscribe link is not valid.") from error
    if not isinstance(value, dict):
        raise BadToken("This unsubscribe link is not valid.")
    user_id, scope = value.get("u"), value.get("s")
    if not isinstance(user_id, int) or not isinstance(scope, str):
        raise BadToken("This unsubscribe link is not valid.")
    kind, _, target = scope.partition(":")
    if kind not in SCOPES or (kind in ("story", "comment") and not target.isdigit()):
        raise BadToken("This unsubscribe link is not valid.")
    return user_id, scope


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(user_id: int, scope: str) -> str:
    return absolute(
        reverse("notifications:unsubscribe", kwargs={"token": make_token(user_id, scope)})
    )
