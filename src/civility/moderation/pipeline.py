"""Run every enabled phase, then let the policy decide: any reject, else any hold, else publish."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from civility.moderation import phases
from civility.moderation.context import DatabaseContext, ModerationContext
from civility.moderation.gate import Candidate, Decision, Reason, Verdict
from civility.moderation.models import OnPhaseError
from civility.moderation.site_settings import settings_for

logger = logging.getLogger(__name__)

# Held for how it speaks to people: the author may be able to fix it, so the form can nudge.
NUDGE_CODES = frozenset({"ml_toxicity", "ml_insult", "ml_threat", "ml_identity_attack"})


def review_for_site(candidate: Candidate) -> Verdict:
    """Review a comment being posted or edited, against its site's settings and the database."""
    settings = settings_for(candidate.story.site)
    return run(candidate, DatabaseContext(candidate, settings))


def decide(reasons: Iterable[Reason]) -> Decision:
    """The policy: any reject rejects, else any hold holds, else publish."""
    actions = {reason.action for reason in reasons}
    if Decision.REJECT in actions:
        return Decision.REJECT
    if Decision.HOLD in actions:
        return Decision.HOLD
    return Decision.PUBLISH


def _failure(name: str, ctx: ModerationContext, what: str) -> Reason:
    hold = ctx.settings.on_phase_error == OnPhaseError.HOLD
    return Reason(
        code="phase_error",
        detail=f"The {name} check {what}; "
        + ("the comment is held until someone looks." if hold else "it was skipped."),
        action=Decision.HOLD if hold else Decision.PUBLISH,
        phase=name,
    )


def run(
    candidate: Candidate,
    ctx: ModerationContext,
    *,
    names: Iterable[str] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Verdict:
    """Run the enabled phases (all registered ones unless names says) and decide.

    The time budget is checked after a phase returns: a phase cannot be interrupted safely
    mid-query, so a slow one is discarded and treated like a failed one. Phases that call out
    (the external check) enforce their own hard timeout.
    """
    settings = ctx.settings
    budget = settings.phase_time_budget_ms / 1000
    reasons: list[Reason] = []
    for name in phases.REGISTRY if names is None else names:
        phase = phases.load(name)
        if not phase.enabled(settings):
            continue
        prepare = getattr(phase, "prepare", None)
        if prepare is not None:
            # One-off set-up (loading a model) is not the phase's per-comment cost.
            try:
                prepare(settings)
            except Exception:
                logger.exception("Moderation phase %s could not be prepared", name)
                reasons.append(_failure(name, ctx, "could not start"))
                continue
        started = clock()
        try:
            found = list(phase.check(candidate, ctx))
        except Exception:
            logger.exception("Moderation phase %s failed", name)
            reasons.append(_failure(name, ctx, "failed"))
            continue
        elapsed = clock() - started
        if budget and elapsed > budget:
            logger.warning("Moderation phase %s took %.3fs, over its budget", name, elapsed)
            reasons.append(_failure(name, ctx, f"took {elapsed:.1f}s, over its time budget"))
            continue
        reasons.extend(replace(reason, phase=name) for reason in found)

    decision = decide(reasons)
    nudge_spans: tuple[tuple[int, int], ...] = ()
    holding = [r for r in reasons if r.action == Decision.HOLD]
    nudgeable = (
        decision == Decision.HOLD and holding and all(r.code in NUDGE_CODES for r in holding)
    )
    nudge = False
    if nudgeable and settings.nudge_enabled:
        if candidate.extra.get("post_anyway"):
            reasons.append(
                Reason(
                    code="nudge_ignored",
                    detail="The author was shown the part that looks like a problem "
                    "and posted anyway.",
                    phase="nudge",
                )
            )
        else:
            nudge = True
            nudge_spans = tuple(sorted({span for r in holding for span in r.spans}))
    return Verdict(
        decision=decision,
        reasons=tuple(reasons),
        scores=dict(ctx.scores),
        nudge=nudge,
        nudge_spans=nudge_spans,
    )
