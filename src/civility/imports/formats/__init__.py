"""The converter registry: one module per format, loaded lazily by name.

Each module defines `detect(first_bytes: bytes) -> bool` and
`convert(stream: BinaryIO) -> Iterator[Record]`. Adding a format is a new module plus one line here.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import BinaryIO

from civility.imports.errors import ImportFailed

FORMATS: dict[str, str] = {
    "civility": "civility.imports.formats.civility",
    "disqus": "civility.imports.formats.disqus",
    "wxr": "civility.imports.formats.wxr",
    "snapshot": "civility.imports.formats.snapshot",
    "commento": "civility.imports.formats.commento",
    "remark42": "civility.imports.formats.remark42",
    "isso": "civility.imports.formats.isso",
}

# How much of the file detect() sees.
SNIFF_BYTES = 4096


def get_converter(name: str) -> ModuleType:
    try:
        return import_module(FORMATS[name])
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ImportFailed(f"Unknown format {name!r}; known formats: {known}.") from None


def detect_format(stream: BinaryIO) -> str:
    """Return the name of the first format whose detect() accepts the file's first bytes."""
    first = stream.read(SNIFF_BYTES)
    stream.seek(0)
    for name in FORMATS:
        if get_converter(name).detect(first):
            return name
    raise ImportFailed(
        "Could not tell the file's format from its first bytes; pass --format explicitly."
    )
