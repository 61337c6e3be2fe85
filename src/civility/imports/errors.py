from __future__ import annotations


class ImportFailed(Exception):
    """The file cannot be imported at all; nothing was written."""
