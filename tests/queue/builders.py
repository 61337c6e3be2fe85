"""Comments as the pipeline would leave them, for the queue tests."""

from __future__ import annotations

import itertools

_seq = itertools.count(1)


def make_comment(
    story,
    author,
    text="A comment about the budget.",
    *,
    status="held",
    reasons=None,
    parent=None,
    created_at=None,
):
    """A comment with its automatic decision on record, as the pipeline would leave it."""
    from django.utils import timezone

    from civility.core.markdown import render_comment
    from civility.discussion import thread_path
    from civility.discussion.models import Comment
    from civility.moderation.models import ModerationEvent

    seq = next(_seq) + 100
    path = thread_path.child_path(parent.path if parent else "", seq)
    comment = Comment.objects.create(
        story=story,
        author=author,
        author_name=author.get_username() if author else "",
        parent=parent,
        path=path,
        depth=parent.depth + 1 if parent else 0,
        root_seq=parent.root_seq if parent else seq,
        source=text,
        html=render_comment(text),
        status=status,
        created_at=created_at or timezone.now(),
    )
    reasons = reasons or []
    ModerationEvent.objects.create(
        comment=comment,
        from_status="",
        to_status=status,
        reason_codes=[r["code"] for r in reasons if r.get("action") != "publish"],
        evidence={"decision": status, "reasons": reasons, "scores": {}},
        created_at=comment.created_at,
    )
    return comment


def reason(code, detail="A check found something.", *, action="hold", spans=(), score=None):
    return {
        "code": code,
        "detail": detail,
        "score": score,
        "spans": [list(s) for s in spans],
        "action": action,
        "phase": code,
    }
