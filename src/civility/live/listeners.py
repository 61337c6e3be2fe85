"""Bump a story's live version after any change that can alter what its readers see."""

from __future__ import annotations

from civility.core import events
from civility.live import versions


@events.listen(
    "comment.created",
    "comment.published",
    "comment.held",
    "comment.rejected",
    "comment.deleted",
    "comment.edited",
)
def story_changed(event: events.Event) -> None:
    if event.story_id is not None:
        versions.bump(event.story_id)
