"""Hold comments shorter or longer than the site allows."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason
from civility.moderation.site_settings import max_length


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.length_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    text = candidate.text
    length = len(text.strip())
    shortest, longest = ctx.settings.min_length, max_length(ctx.settings)
    if length < shortest:
        yield Reason(
            code="too_short",
            detail=f"The comment has {length} characters; this site holds comments under "
            f"{shortest}.",
            score=float(length),
            spans=((0, len(text)),) if text else (),
            action=Decision.HOLD,
        )
    elif length > longest:
        yield Reason(
            code="too_long",
            detail=f"The comment has {length:,} characters; this site holds comments over "
            f"{longest:,}.",
            score=float(length),
            spans=((longest, len(text)),),
            action=Decision.HOLD,
        )
