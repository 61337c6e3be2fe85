from __future__ import annotations


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
