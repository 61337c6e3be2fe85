"""Background work of `civility import --moderate`: run imported comments through moderation.

After the import commits, one task walks the comments it mapped (ImportedObject rows, in a pk
range, so nothing is held in memory for a large import) and hands them to a task per batch of
comment ids: in Celery workers with a broker, inline in the command without one.
"""

from __future__ import annotations

import copy

from django.db import transaction

from civility.core.tasks import background_task, defer, dispatch
from civility.discussion.models import Comment, CommentStatus
from civility.imports.models import ImportedKind, ImportedObject
from civility.moderation.actions import IMPORT_REVIEW_NOTE, do_record_import_review
from civility.moderation.models import ModerationEvent
from civility.moderation.review_existing import review
from civility.moderation.site_settings import settings_for
from civility.stories.models import Site

REVIEW_BATCH = 200


def schedule(*, site: Site, source_format: str, first_mapping: int, last_mapping: int) -> None:
    """Review the comments this import mapped, once its transaction commits."""
    defer(review_import, site.pk, source_format, first_mapping, last_mapping)


@background_task(name="civility.imports.review_import")
def review_import(site_id: int, source_format: str, first_mapping: int, last_mapping: int) -> int:
    """Hand the import's comments to review_comments, REVIEW_BATCH ids at a time, oldest first."""
    mappings = ImportedObject.objects.filter(
        site_id=site_id,
        source_format=source_format,
        kind=ImportedKind.COMMENT,
        pk__gte=first_mapping,
        pk__lte=last_mapping,
    ).order_by("pk")
    after, batches = first_mapping - 1, 0
    while True:
        rows = list(mappings.filter(pk__gt=after).values_list("pk", "object_id")[:REVIEW_BATCH])
        if not rows:
            return batches
        after = rows[-1][0]
        dispatch(review_comments, site_id, [object_id for _, object_id in rows])
        batches += 1


@background_task(name="civility.imports.review_comments")
def review_comments(site_id: int, comment_ids: list[int]) -> int:
    """Review these comments of site; those reviewed before are left alone. Returns how many
    events it wrote."""
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return 0
    settings = copy.copy(settings_for(site))
    written = 0
    with transaction.atomic():
        # Locked, so two deliveries of the same batch cannot both write.
        locked = list(
            Comment.objects.select_for_update(of=("self",))
            .filter(pk__in=comment_ids, story__site_id=site_id)
            .exclude(status=CommentStatus.DELETED)
            .select_related("story__site", "author", "parent")
            .order_by("created_at", "pk")
        )
        reviewed = set(
            ModerationEvent.objects.filter(
                comment_id__in=[c.pk for c in locked], note=IMPORT_REVIEW_NOTE
            ).values_list("comment_id", flat=True)
        )
        for comment in locked:
            if comment.pk in reviewed:
                continue
            event = do_record_import_review(
                comment=comment,
                verdict=review(comment, settings),
                unpublish=settings.import_moderation_unpublishes,
            )
            written += event is not None
    return written
