"""Characters no stored text may hold.

XML 1.0 cannot carry C0 controls (but tab and newlines), U+FFFE/U+FFFF or lone surrogates: they
are invisible to readers, they would break the Atom feeds and exports, and PostgreSQL refuses NUL
outright. Posted comments and imported records both go through `strip_unsendable`.
"""

from __future__ import annotations

import re

UNSENDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def strip_unsendable(text: str) -> str:
    # search first: almost every text is clean, and a miss costs less than a sub.
    return UNSENDABLE.sub("", text) if UNSENDABLE.search(text) else text
