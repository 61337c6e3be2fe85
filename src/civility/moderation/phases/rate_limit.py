"""Hold (or reject, per site) comments past the per-account or per-address rate."""

from __future__ import annotations

from civility.moderation.gate import Decision, Reason
from civility.moderation.wording import duration


def enabled(settings) -> bool:  # type: ignore[no-untyped-def]
    return settings.rate_limit_enabled


def check(candidate, ctx):  # type: ignore[no-untyped-def]
    if candidate.editing is not None:
        return
    settings = ctx.settings
    action = Decision(settings.rate_limit_action)
    limits = []
    if ctx.author_key and settings.rate_account_limit:
        limits.append(
            (
                "account",
                ctx.author_key,
                settings.rate_account_limit,
                settings.rate_account_window_seconds,
                "this account",
            )
        )
    if candidate.client_address and settings.rate_address_limit:
        limits.append(
            (
                "address",
                candidate.client_address,
                settings.rate_address_limit,
                settings.rate_address_window_seconds,
                f"the address {candidate.client_address}",
            )
        )
    for scope, key, limit, window, who in limits:
        hits = ctx.rate_hits(scope, key, window)
        if hits > limit:
            yield Reason(
                code=f"rate_limit_{scope}",
                detail=f"{hits} comments from {who} within {duration(window)}; "
                f"the limit is {limit}.",
                score=float(hits),
                action=action,
            )
