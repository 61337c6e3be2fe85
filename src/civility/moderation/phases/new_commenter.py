"""Hold each reader's first N comments on the site (off at the default N = 0)."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.new_commenter_hold_first > 0


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    if candidate.editing is not None:
        return
    first = ctx.settings.new_commenter_hold_first
    earlier = ctx.author_counts().total if ctx.author_key else 0
    if earlier < first:
        yield Reason(
            code="new_commenter",
            detail=f"Comment {earlier + 1} from this reader; the site holds each reader's first "
            f"{first}.",
            score=float(earlier),
            action=Decision.HOLD,
        )
