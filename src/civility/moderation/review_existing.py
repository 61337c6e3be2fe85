"""Review comments already stored (an import) with the pipeline, as they stood when written.

Each comment is checked against its site's settings and the database at its own time, as an
edit of itself: the checks about the act of posting (closed story, rate limits, a reader's first
comments) do not apply, and it is not compared with itself. Comments are reviewed oldest first,
and each leaves its fingerprint behind, so repeat and copypasta checks see the ones before it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from civility.discussion.models import Comment
from civility.moderation import pipeline
from civility.moderation.context import DatabaseContext
from civility.moderation.gate import Candidate, Verdict
from civility.moderation.models import ModerationSettings


def review(comment: Comment, settings: ModerationSettings) -> Verdict:
    """What the pipeline decides about a stored comment (story, author and parent loaded)."""
    candidate = Candidate(
        story=comment.story,
        author=comment.author if comment.author is not None else AnonymousUser(),
        text=comment.source,
        parent=comment.parent,
        client_address=comment.client_address,
        editing=comment,
    )
    return pipeline.run(candidate, DatabaseContext(candidate, settings, now=comment.created_at))
