"""Reading a publisher's SSO token: an HS256 JWT signed with the site's SSO secret.

Every refusal is an SsoError whose message tells the publisher's developer what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import jwt
from django.conf import settings

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "exp", "iat", "jti"]


class SsoError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SsoClaims:
    subject: str
    jti: str
    expires_at: datetime
    email: str = ""
    name: str = ""
    picture: str = ""
    roles: tuple[str, ...] = ()


def _text(claims: dict[str, object], name: str, limit: int) -> str:
    value = claims.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SsoError(f'The "{name}" claim must be a string.')
    return value.strip()[:limit]


def read_token(token: str, secret: str) -> SsoClaims:
    """Verify the token and return its claims, or raise SsoError saying why it is refused."""
    if not secret:
        raise SsoError("Single sign-on is not set up for this site.")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError as error:
        raise SsoError("The sign-in token is not a well-formed JWT.") from error
    if header.get("alg") != ALGORITHM:
        # Checked before decoding so "none" and public-key algorithms get a plain answer.
        raise SsoError(
            f"The sign-in token must be signed with {ALGORITHM}, not {header.get('alg')!r}."
        )
    leeway = settings.SSO_CLOCK_LEEWAY_SECONDS
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": REQUIRED_CLAIMS, "verify_aud": False},
            leeway=leeway,
        )
    except jwt.ExpiredSignatureError as error:
        raise SsoError("The sign-in token has expired; sign a fresh one for each page.") from error
    except jwt.ImmatureSignatureError as error:
        raise SsoError(
            "The sign-in token is not valid yet (check iat and nbf, and your clock)."
        ) from error
    except jwt.MissingRequiredClaimError as error:
        raise SsoError(f'The sign-in token lacks the "{error.claim}" claim.') from error
    except jwt.InvalidSignatureError as error:
        raise SsoError(
            "The sign-in token's signature does not match this site's SSO secret."
        ) from error
    except jwt.InvalidTokenError as error:
        raise SsoError(f"The sign-in token is not valid: {error}.") from error
    if float(claims["exp"]) - float(claims["iat"]) > settings.SSO_MAX_TOKEN_SECONDS:
        raise SsoError(
            f"The sign-in token lives too long: make exp at most "
            f"{settings.SSO_MAX_TOKEN_SECONDS} seconds after iat."
        )
    subject, jti = _text(claims, "sub", 255), _text(claims, "jti", 255)
    if not subject:
        raise SsoError('The "sub" claim must name the user.')
    if not jti:
        raise SsoError('The "jti" claim must be a unique token id.')
    roles = claims.get("roles") or []
    if isinstance(roles, str):
        roles = [roles]
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise SsoError('The "roles" claim must be a list of strings.')
    return SsoClaims(
        subject=subject,
        jti=jti,
        expires_at=datetime.fromtimestamp(float(claims["exp"]), tz=UTC),
        email=_text(claims, "email", 254),
        name=_text(claims, "name", 200),
        picture=_text(claims, "picture", 1000),
        roles=tuple(roles),
    )
