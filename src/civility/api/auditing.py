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

from civility.api.moderating import AUTH, MAX_LIMIT, _aware, _keyset, _scope, router
from civility.api.moderation_schemas import AuditPage
from civility.moderation.models import AuditEntry

_KEYS = [("created_at", True), ("pk", True)]


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
    since, until = (_aware(moment) for moment in (since, until))
    qs = AuditEntry.objects.select_related("site")
    if ids is not None:
        qs = qs.filter(site_id__in=ids)
    if site_id is not None:
        qs = qs.filter(site_id=site_id)
    action = action.strip()
    if action.endswith("."):
        qs = qs.filter(action__startswith=action)
    elif action:
        qs = qs.filter(action=action)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    ordered = qs.order_by("-created_at", "-pk")
    scope = f"audit:{site_id}:{action}:{since}:{until}"
    rows, next_cursor = _keyset(ordered, _KEYS, scope, limit, cursor)
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
