"""Refuse absurdly nested JSON before the converters walk it with ijson.

ijson's prefixed events (`ijson.parse`, `ijson.items`) carry the full path of every value, so a
file nested N deep costs about N² in strings, and several such events are buffered per chunk read:
a 400 KB file of nested arrays exhausted 24 GB. No export nests more than a handful of levels.
"""

from __future__ import annotations

from typing import BinaryIO

import ijson

from civility.imports.errors import ImportFailed

MAX_NESTING = 64


def check_nesting(stream: BinaryIO, what: str) -> None:
    """Read the whole stream once (no paths kept) and rewind it; refuse nesting past MAX_NESTING."""
    depth = 0
    for event, _value in ijson.basic_parse(stream):
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_NESTING:
                raise ImportFailed(
                    f"Not a valid {what} export: JSON nested more than {MAX_NESTING} levels deep."
                )
        elif event in ("end_map", "end_array"):
            depth -= 1
    stream.seek(0)
