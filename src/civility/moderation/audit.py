"""Write the administrative audit record (AuditEntry). Callers hold their own transaction."""

from __future__ import annotations

from typing import Any

from civility.moderation.models import AuditEntry


def record(
    action: str,
    *,
    actor: Any = None,
    site: Any = None,
    target: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that actor (a user, or None for the system) did action on target."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_name=actor.get_username() if is_user else "",
        site=site,
        action=action,
        target=str(target)[:200],
        data=data or {},
    )
