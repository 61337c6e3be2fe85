"""Reject new comments on a story that no longer takes them."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.closed_story_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    # Edits of comments already there stay possible; only new comments are turned away.
    if candidate.editing is None and not candidate.story.is_open:
        yield Reason(
            code="story_closed",
            detail="Comments on this story are closed.",
            action=Decision.REJECT,
        )
