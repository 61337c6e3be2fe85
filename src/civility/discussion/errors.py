from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civility.moderation.gate import Verdict


class DiscussionError(Exception):
    """A reader-facing refusal: the message is shown as is."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DiscussionError):
    status_code = 403


class NotFound(DiscussionError):
    status_code = 404


NUDGE_MESSAGE = (
    "Parts of your comment may come across as hostile. Readers are more likely to engage if you "
    "rephrase. You can edit it, or post it anyway \N{EM DASH} it will then be reviewed by a "
    "moderator before it appears."
)


class NudgeRequired(DiscussionError):
    """Nothing was written: the checks would hold the text for how it speaks to people, so the
    author is shown the parts (`verdict.nudge_spans`, offsets into `text`) and may edit them or
    post anyway.

    `text` is the text as reviewed (stripped, newlines normalised), which the spans point into.
    A DiscussionError so that a caller that does not offer the choice still refuses cleanly.
    """

    status_code = 200

    def __init__(self, verdict: Verdict, text: str) -> None:
        super().__init__(NUDGE_MESSAGE)
        self.verdict = verdict
        self.text = text
