"""The admin's "Export thread": selected stories of one site in the export schema, audited."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from civility.imports.exporting import export_lines
from civility.moderation import audit
from civility.moderation.roles import can_administer
from civility.stories.models import Site, Story


class ExportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_can_export(user, stories: QuerySet[Story]) -> Site:  # type: ignore[no-untyped-def]
    """Return the one site the stories belong to, or raise ExportRefused.

    The export names commenters with their e-mail and address, so it takes a site admin (or a
    superuser), not a moderator.
    """
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        raise ExportRefused("Only staff may export threads.")
    site_ids = set(stories.values_list("site_id", flat=True))
    if len(site_ids) != 1:
        raise ExportRefused("Select stories of one site to export.")
    site = Site.objects.get(pk=site_ids.pop())
    if not can_administer(user, site):
        raise ExportRefused(f"You are not an administrator of {site.name}.")
    return site


def _lines(site: Site, story_ids: list[int]) -> Iterator[str]:
    for line in export_lines(site, story_ids=story_ids):
        yield line + "\n"


def thread_export_response(user, stories: QuerySet[Story]) -> StreamingHttpResponse:  # type: ignore[no-untyped-def]
    """Audit the export, then stream it as a JSON Lines download. Raises ExportRefused."""
    site = check_can_export(user, stories)
    picked = list(stories.order_by("pk").values_list("pk", "slug"))
    audit.record(
        "story.thread_exported",
        actor=user,
        site=site,
        target=", ".join(slug for _, slug in picked),
        data={"stories": [pk for pk, _ in picked]},
    )
    response = StreamingHttpResponse(
        _lines(site, [pk for pk, _ in picked]), content_type="application/x-ndjson"
    )
    name = picked[0][1] if len(picked) == 1 else f"{len(picked)}-stories"
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{site.slug}-{name}-{stamp}.jsonl"'
    response["Cache-Control"] = "no-store, private"
    return response
