"""Making, finding and revoking API tokens. Only a SHA-256 of the secret is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from civility.api.models import ApiToken, Scope
from civility.core.query_templates import QueryTemplates, value_of

KEY_PREFIX = "civ"
# Writing last_used_at on every request would cost a write per call; once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


# What each scope also grants. Every scope reads; `admin` also moderates. `comment` and
# `moderate` stay apart, so a CMS that only posts cannot approve its own comments.
IMPLIED_SCOPES: dict[str, frozenset[str]] = {
    Scope.READ: frozenset({Scope.READ}),
    Scope.COMMENT: frozenset({Scope.COMMENT, Scope.READ}),
    Scope.MODERATE: frozenset({Scope.MODERATE, Scope.READ}),
    Scope.ADMIN: frozenset({Scope.ADMIN, Scope.MODERATE, Scope.READ}),
}


def granted_scopes(scopes: list[str]) -> frozenset[str]:
    """Every scope a token with these scopes holds, implied ones included."""
    return frozenset().union(*(IMPLIED_SCOPES.get(scope, frozenset()) for scope in scopes))


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> tuple[str, str, str]:
    """Return (prefix, secret, full key). The prefix has no underscore, so the key splits."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return prefix, secret, f"{KEY_PREFIX}_{prefix}_{secret}"


def clean_scopes(scopes: list[str]) -> list[str]:
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}")
    return [scope for scope in Scope.values if scope in scopes]


def do_create_token(*, site, name: str, scopes: list[str], created_by) -> tuple[ApiToken, str]:  # type: ignore[no-untyped-def]
    """Create a token; return it and the full key, which is never shown again."""
    prefix, secret, key = new_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            site=site,
            name=name,
            scopes=clean_scopes(scopes),
            prefix=prefix,
            secret_hash=hash_secret(secret),
            created_by=created_by,
        )
    return token, key


def do_revoke_token(token: ApiToken) -> None:
    """Revoke a token for good; revoking twice keeps the first time."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


# Every API request looks its token up: compiled once (core.query_templates).
_LIVE_TOKENS = QueryTemplates(ApiToken, size=4)


def find_token(key: str) -> ApiToken | None:
    """The live token whose key this is, with its site and account, or None."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    # With the account's profile: a comment posted with the token shows it as the author.
    token = _LIVE_TOKENS.first(
        ("live-by-prefix",),
        lambda values: (
            ApiToken.objects.select_related("created_by__profile", "site")
            .filter(prefix=values["prefix"], revoked_at__isnull=True)
            .order_by("pk")[:1]
        ),
        {"prefix": value_of(ApiToken, "prefix", parts[1])},
    )
    if token is None:
        # Hash anyway, so a wrong prefix costs the same as a wrong secret.
        hmac.compare_digest(hash_secret(parts[2]), "0" * 64)
        return None
    if not hmac.compare_digest(hash_secret(parts[2]), token.secret_hash):
        return None
    return token


def touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
