"""Short phrases for the sentences moderators read."""

from __future__ import annotations


def duration(seconds: float) -> str:
    """Return "40 seconds", "12 minutes", "3 hours" or "2 days"."""
    seconds = max(int(seconds), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"
