"""The administrative audit record over the API: site settings and word lists changed, threads
exported, readers purged (moderation.AuditEntry). Decisions on comments are /moderation/events.

Same access as the events: a token with `moderate` (or `admin`) on its own site, or a session
of a moderator, who sees the sites they moderate; entries for every site (no site) are shown
only to those who moderate everything.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query

from civility.api.moderating import (
    _EVENT_KEYS,
    AUTH,
    MAX_LIMIT,
    _keyset,
    _newest_first,
    _scope,
    router,
)
from civility.api.moderation_schemas import AuditPage
from civility.moderation.models import AuditEntry


@router.get("/moderation/audit-entries", response=AuditPage, auth=AUTH)
def audit_entries(
    request: HttpRequest,
    site: str | None = None,
    action: str = Query("", description="Only this action, or actions under `prefix.`."),  # noqa: B008
    since: datetime | None = Query(None, alias="from"),  # noqa: B008
    until: datetime | None = Query(None, alias="to"),  # noqa: B008
    limit: int = Query(50, ge=1, le=MAX_LIMIT),  # noqa: B008
    cursor: str | None = None,
):  # type: ignore[no-untyped-def]
    """Administrative changes, newest first; `from` and `to` bound created_at."""
    ids, site_id = _scope(request, site)
    qs = AuditEntry.objects.select_related("site")
    action = action.strip()
    if action.endswith("."):
        qs = qs.filter(action__startswith=action)
    elif action:
        qs = qs.filter(action=action)
    ordered = _newest_first(qs, "site_id", ids, site_id, since, until)
    scope = f"audit:{site_id}:{action}:{since}:{until}"
    rows, next_cursor = _keyset(ordered, _EVENT_KEYS, scope, limit, cursor)
    return {
        "items": [
            {
                "id": row.pk,
                "site": row.site.slug if row.site_id else None,
                "actor": row.actor_name or None,
                "action": row.action,
                "target": row.target,
                "data": row.data or {},
                "created_at": row.created_at,
            }
            for row in rows
        ],
        "next_cursor": next_cursor,
    }
