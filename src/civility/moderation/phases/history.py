"""Hold readers whose recent decided comments were mostly rejected."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason
from civility.moderation.wording import percent


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.history_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    settings = ctx.settings
    if not ctx.author_key:
        return
    statuses = ctx.author_recent_statuses(settings.history_recent)
    # Held comments are still undecided: they say nothing yet about the reader.
    decided = [s for s in statuses if s in ("published", "rejected")]
    if len(decided) < max(settings.history_min_comments, 1):
        return
    rejected = decided.count("rejected")
    share = rejected / len(decided)
    if share >= settings.history_rejected_share:
        yield Reason(
            code="history_rejected",
            detail=f"{rejected} of this reader's last {len(decided)} decided comments were "
            f"rejected ({percent(share)}).",
            score=round(share, 3),
            action=Decision.HOLD,
        )
