"""The one moderation entry point every new or edited comment passes.

The foundation publishes everything; the moderation pipeline fills this in with phases.
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
    code: str
    detail: str
    score: float | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A comment about to be written: what the checks may look at."""

    story: Story
    author: AbstractBaseUser | AnonymousUser
    text: str
    parent: Comment | None = None
    client_address: str | None = None
    editing: Comment | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reasons: tuple[Reason, ...] = ()


def review(candidate: Candidate) -> Verdict:
    """Return publish, hold or reject, with reasons, for a comment about to be written."""
    return Verdict(Decision.PUBLISH)
