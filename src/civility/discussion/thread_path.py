"""Sortable materialized paths for comment threads ("vancode", after Drupal's comment module).

Each level is a base-36 number prefixed with one character giving its length minus one, so plain
string order equals numeric order ("0z" < "110"). Every level ends with "/", which sorts below
every digit and letter: a parent's path is a prefix of its replies' paths and so sorts directly
before them, and plain ORDER BY path (C collation) lists a story's comments depth-first:

    01/  01/00/  01/01/  01/01/00/  02/

(Drupal writes "01.00/" and needs SUBSTRING tricks to sort it; the "/" per level avoids that.)
"""

from __future__ import annotations

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
SEPARATOR = "/"
# Top-level comments count from 1 and replies from 0, as in Drupal.
FIRST_TOP_LEVEL = 1
FIRST_REPLY = 0


def int_to_vancode(number: int) -> str:
    if number < 0:
        raise ValueError("vancode numbers are not negative")
    digits = ""
    while True:
        number, rem = divmod(number, 36)
        digits = _DIGITS[rem] + digits
        if number == 0:
            break
    if len(digits) > 36:
        raise ValueError("vancode number too large")
    return _DIGITS[len(digits) - 1] + digits


def vancode_to_int(code: str) -> int:
    if len(code) < 2 or _DIGITS.index(code[0]) != len(code) - 2:
        raise ValueError(f"not a vancode: {code!r}")
    return int(code[1:], 36)


def child_path(parent_path: str, seq: int) -> str:
    """Return the path of the reply numbered seq under parent_path ("" for top level)."""
    return f"{parent_path}{int_to_vancode(seq)}{SEPARATOR}"


def depth_of(path: str) -> int:
    """Return 0 for a top-level comment, 1 for its replies, and so on."""
    return path.count(SEPARATOR) - 1


def segments(path: str) -> list[int]:
    return [vancode_to_int(part) for part in path.split(SEPARATOR) if part]


# Sorts above every character used in paths.
SUBTREE_END = "~"


def subtree_upper_bound(path: str) -> str:
    """Return the smallest string above every path in the subtree rooted at path."""
    return path + SUBTREE_END
