"""Hold near-copies of other readers' recent comments (MinHash over character shingles)."""

from __future__ import annotations

from datetime import timedelta

from civility.moderation import signatures
from civility.moderation.gate import Decision, Reason
from civility.moderation.wording import percent


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.copypasta_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    settings = ctx.settings
    if len(signatures.canonical(candidate.text)) < settings.copypasta_min_length:
        return
    since = ctx.now - timedelta(seconds=settings.copypasta_window_seconds)
    matches = ctx.near_copies(since, settings.copypasta_similarity)
    if not matches:
        return
    best = max(matches, key=lambda match: match.share)
    best_share = best.share
    accounts = {match.author_key for match in matches}
    others = (
        f"; {len(matches)} such comments from {len(accounts)} accounts" if len(matches) > 1 else ""
    )
    yield Reason(
        code="copypasta",
        detail=f"About {percent(best_share)} the same as comment {best.id} by another reader"
        f"{others}.",
        score=round(best_share, 3),
        spans=((0, len(candidate.text)),),
        action=Decision.HOLD,
    )
