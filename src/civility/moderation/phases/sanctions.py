"""Hold every new or edited comment by a reader a moderator put on "always hold"."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return True  # A moderator's sanction applies whatever the site's phase settings say.


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    from civility.sanctions.enforcement import is_always_held
    from civility.sanctions.models import SanctionKind

    known = candidate.sanctions
    if (
        SanctionKind.ALWAYS_HOLD in known
        if known is not None
        else is_always_held(candidate.author, candidate.story.site_id)
    ):
        yield Reason(
            code="always_hold",
            detail="A moderator asked that every comment by this reader waits for review.",
            action=Decision.HOLD,
        )
