"""The statement of reasons a reader gets when a comment of theirs is rejected (EU DSA art. 17):
what was decided, on which rule and reason, whether it was automatic, and how to appeal."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from civility.discussion.models import Comment
from civility.moderation.models import ModerationEvent, RejectReason


@dataclass(frozen=True)
class Statement:
    comment: Comment
    reason_code: str
    reason_label: str
    rules: list[str]  # the sentences of the automatic checks that flagged it
    note: str
    automatic: bool
    decided_at: object
    appeal: str


def appeal_text() -> str:
    address = getattr(settings, "CIVILITY_APPEALS_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return (
        f"If you think this decision is wrong, you can appeal: write to {address} (or reply to "
        "the e-mail we sent you), quoting the comment number. A person who did not take the "
        "decision will look at it again."
    )


def statement_for(comment: Comment, events: list[ModerationEvent]) -> Statement | None:
    """The statement for a rejected comment from its events (newest first); None if not rejected."""
    if comment.status != "rejected":
        return None
    decision = next((e for e in events if e.to_status == "rejected"), None)
    if decision is None:
        return None
    automatic = decision.actor_id is None
    auto = next((e for e in events if e.actor_id is None), None)
    rules = []
    if auto is not None and isinstance(auto.evidence, dict):
        rules = [
            str(r.get("detail", ""))
            for r in auto.evidence.get("reasons", [])
            if isinstance(r, dict) and r.get("action") in ("reject", "hold")
        ]
    codes = decision.reason_codes or []
    code = codes[0] if codes else RejectReason.OTHER
    label = dict(RejectReason.choices).get(code, str(code).replace("_", " ").capitalize())
    return Statement(
        comment=comment,
        reason_code=str(code),
        reason_label=str(label),
        rules=[r for r in rules if r],
        note=decision.note,
        automatic=automatic,
        decided_at=decision.created_at,
        appeal=appeal_text(),
    )
