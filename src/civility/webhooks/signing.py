"""The Civility-Signature header: an HMAC-SHA256 of "<unix time>.<body>" keyed by the secret.

The timestamp is part of what is signed, so a receiver that rejects old timestamps also rejects
a captured request replayed later. See docs/webhooks.md for the receiver's side.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Civility-Signature"
# How old a signature a receiver should accept; what the documentation recommends.
DEFAULT_TOLERANCE_SECONDS = 300


def compute(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def header_value(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """Return the Civility-Signature value for body, signed now (or at timestamp)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return f"t={stamp},v1={compute(secret, stamp, body)}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """Whether header signs body with secret, within tolerance seconds of now."""
    fields: dict[str, list[str]] = {}
    for part in (header or "").split(","):
        key, sep, value = part.strip().partition("=")
        if sep:
            fields.setdefault(key, []).append(value)
    try:
        stamp = int(fields["t"][0])
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - stamp) > tolerance:
        return False
    expected = compute(secret, stamp, body)
    return any(hmac.compare_digest(expected, given) for given in fields.get("v1", []))
