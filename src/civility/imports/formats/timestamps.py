"""Source timestamps to aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_iso_utc(value: str) -> datetime | None:
    """Parse an ISO 8601 time; one without an offset is taken as UTC. None when unparseable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
