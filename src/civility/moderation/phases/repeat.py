"""Hold the same author posting the same text again within the window."""

from __future__ import annotations

from datetime import timedelta

from civility.moderation.gate import Decision, Reason
from civility.moderation.wording import duration


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.repeat_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    if not ctx.author_key or not candidate.text.strip():
        return
    since = ctx.now - timedelta(seconds=ctx.settings.repeat_window_seconds)
    same = ctx.recent(since, same_author=True, text_hash=ctx.text_hash)
    if not same:
        return
    first = min(same, key=lambda past: (past.created_at, str(past.id)))
    again = f" ({len(same) + 1} times in all)" if len(same) > 1 else ""
    yield Reason(
        code="repeat_post",
        detail=f"Duplicate of comment {first.id} by the same reader, posted "
        f"{duration((ctx.now - first.created_at).total_seconds())} earlier{again}.",
        score=float(len(same)),
        spans=((0, len(candidate.text)),),
        action=Decision.HOLD,
    )
