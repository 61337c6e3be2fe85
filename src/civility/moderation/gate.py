"""The one moderation entry point every new or edited comment passes.

`review` runs the enabled phases (see `phases/`) against the site's settings and turns their
evidence into publish, hold or reject (see `pipeline.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from civility.discussion.models import Comment
    from civility.stories.models import Story


class Decision(StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    REJECT = "reject"


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: what a phase found, in words a moderator understands.

    `spans` are (start, end) character offsets into the comment text as written; `action` is
    what this evidence alone asks for (publish means it only informs).
    """

    code: str
    detail: str
    score: float | None = None
    spans: tuple[tuple[int, int], ...] = ()
    action: Decision = Decision.PUBLISH
    phase: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "detail": self.detail,
            "score": self.score,
            "spans": [list(span) for span in self.spans],
            "action": str(self.action),
            "phase": self.phase,
        }


@dataclass(frozen=True)
class Candidate:
    """A comment about to be written: what the checks may look at.

    `extra` carries flags from the form, e.g. {"post_anyway": True} after a nudge.
    `sanctions`: the kinds of sanction in force on the author, where the caller has read them
    already (sanctions.enforcement.check_can_post); None to have the sanctions phase ask.
    """

    story: Story
    author: AbstractBaseUser | AnonymousUser
    text: str
    parent: Comment | None = None
    client_address: str | None = None
    editing: Comment | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    sanctions: frozenset[str] | None = None


@dataclass(frozen=True)
class Verdict:
    """The decision with every reason behind it.

    `nudge` is set when the comment would be held for how it speaks to people (toxicity, insult,
    threat, identity attack) and the site nudges: the form may show `nudge_spans` and let the
    author edit or post anyway (Candidate.extra["post_anyway"]).
    """

    decision: Decision
    reasons: tuple[Reason, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    nudge: bool = False
    nudge_spans: tuple[tuple[int, int], ...] = ()

    @property
    def reason_codes(self) -> list[str]:
        """Codes of the reasons that asked for this decision; when published, those that inform
        (such as off_topic), less "ml_off", which is about the install, not the comment."""
        if self.decision == Decision.PUBLISH:
            return [r.code for r in self.reasons if r.code != "ml_off"]
        return [r.code for r in self.reasons if r.action == self.decision]

    def evidence_json(self) -> dict[str, Any]:
        return {
            "decision": str(self.decision),
            "reasons": [reason.as_json() for reason in self.reasons],
            "scores": dict(self.scores),
            "nudge": self.nudge,
            "nudge_spans": [list(span) for span in self.nudge_spans],
        }


def review(candidate: Candidate) -> Verdict:
    """Return publish, hold or reject, with reasons, for a comment about to be written."""
    from civility.moderation import pipeline

    return pipeline.review_for_site(candidate)
