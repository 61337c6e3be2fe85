"""Opaque keyset cursors: the last row's sort key values, base64url-encoded and signed.

A cursor names the listing it belongs to (`scope`, e.g. the order), so one handed out for
"newest" cannot be replayed against "oldest"; anything altered fails the signature and is a 400.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

import orjson
from django.core import signing

from civility.api.problems import BadCursor

_SIGNER = signing.Signer(salt="civility.api.cursor")
_DATETIME_KEYS = {"created_at"}
_STRING_KEYS = {"path"}


def encode(scope: str, keys: list[tuple[str, bool]], values: list[object]) -> str:
    """Return the cursor for the row whose sort key under keys is values."""
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    payload = base64.urlsafe_b64encode(orjson.dumps([scope, plain])).rstrip(b"=").decode()
    return _SIGNER.sign(payload)


def _typed(name: str, value: object) -> object:
    if name in _DATETIME_KEYS:
        if not isinstance(value, str):
            raise BadCursor
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as error:
            raise BadCursor from error
        if moment.tzinfo is None:
            raise BadCursor
        return moment
    if name in _STRING_KEYS:
        if not isinstance(value, str):
            raise BadCursor
        return value
    if type(value) is not int:
        raise BadCursor
    return value


def decode(cursor: str, scope: str, keys: list[tuple[str, bool]]) -> list[object]:
    """Return the sort key values in cursor, or raise BadCursor."""
    try:
        payload = _SIGNER.unsign(cursor)
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        data = orjson.loads(raw)
    except (signing.BadSignature, binascii.Error, ValueError, orjson.JSONDecodeError) as error:
        raise BadCursor from error
    if not isinstance(data, list) or len(data) != 2 or data[0] != scope:
        raise BadCursor
    values = data[1]
    if not isinstance(values, list) or len(values) != len(keys):
        raise BadCursor
    return [_typed(name, value) for (name, _), value in zip(keys, values, strict=True)]
