"""Helpers that sign SSO tokens the way a publisher would."""

from __future__ import annotations

import time
import uuid

import jwt

HOST = "https://news.example.org"
SECRET = "test-sso-secret-that-is-long-enough-for-hs256-0123456789"


def claims(**overrides):
    """Valid claims for five minutes; an override of None leaves that claim out."""
    now = int(time.time())
    values = {
        "sub": "user-42",
        "email": "ada@example.net",
        "name": "Ada Reader",
        "picture": "https://news.example.org/pictures/ada.png",
        "iat": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def sign(secret: str = SECRET, algorithm: str = "HS256", **overrides) -> str:
    return jwt.encode(claims(**overrides), secret, algorithm=algorithm)
