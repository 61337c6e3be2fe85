"""Every change a moderation decision makes: one function each, one transaction, one audit row.

`do_record_decision` is called by discussion.actions inside the transaction that writes the
comment; `do_approve` and `do_reject` are what the moderators' queue calls.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.core.insert_templates import InsertTemplate
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import Comment, CommentStatus, Report
from civility.moderation import signatures
from civility.moderation.gate import Verdict
from civility.moderation.models import CommentSignature, ModerationEvent, RejectReason
from civility.moderation.roles import can_moderate

MAX_NOTE = 2000
# Written with every new comment: compiled once (core.insert_templates).
_NEW_SIGNATURE = InsertTemplate(CommentSignature)
_NEW_EVENT = InsertTemplate(ModerationEvent)


def do_record_decision(
    *, comment: Comment, verdict: Verdict, from_status: str = ""
) -> ModerationEvent:
    """Record the automatic decision on a new or edited comment. Caller holds the transaction.

    Also refreshes the comment's fingerprints, so later repeat and copypasta checks in any
    process see it.
    """
    text = comment.source
    fields = {
        "site_id": comment.story.site_id,
        "author_id": comment.author_id,
        "text_hash": signatures.text_hash(text),
        "minhash": signatures.pack(signatures.minhash(text)),
        "created_at": comment.created_at,
    }
    if from_status:
        # An edit replaces the signature with a new row rather than changing it: a row's
        # MinHash never changes, which lets processes keep them (moderation.signature_cache).
        CommentSignature.objects.filter(comment=comment).delete()
    _NEW_SIGNATURE.create(comment=comment, **fields)
    return _NEW_EVENT.create(
        comment=comment,
        actor=None,
        from_status=from_status,
        to_status=comment.status,
        reason_codes=verdict.reason_codes,
        evidence=verdict.evidence_json(),
    )


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("story").get(pk=comment.pk)


def _decide(
    *,
    comment: Comment,
    moderator,
    to_status: str,
    reason_codes: list[str],
    note: str,  # type: ignore[no-untyped-def]
) -> ModerationEvent:
    from civility.discussion.actions import set_status  # discussion.actions imports us.

    if not can_moderate(moderator, comment.story.site_id):
        raise NotAllowed("You do not moderate this site.")
    with transaction.atomic():
        locked = _locked(comment)
        if locked.status == CommentStatus.DELETED:
            raise DiscussionError("The author deleted this comment.")
        from_status = locked.status
        set_status(locked, to_status)
        # A decision answers every open report on the comment.
        Report.objects.filter(comment=locked, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        event = ModerationEvent.objects.create(
            comment=locked,
            actor=moderator,
            from_status=from_status,
            to_status=to_status,
            reason_codes=reason_codes,
            note=note,
        )
    comment.status = to_status
    return event


def do_approve(comment: Comment, moderator, note: str = "") -> ModerationEvent:  # type: ignore[no-untyped-def]
    """Publish a held (or rejected) comment, or confirm a published one."""
    return _decide(
        comment=comment,
        moderator=moderator,
        to_status=CommentStatus.PUBLISHED,
        reason_codes=["approved"],
        note=(note or "").strip()[:MAX_NOTE],
    )


def do_reject(comment: Comment, moderator, reason_code: str, note: str = "") -> ModerationEvent:  # type: ignore[no-untyped-def]
    """Reject a comment for one of the published reasons (RejectReason), with an optional note."""
    if reason_code not in RejectReason.values:
        raise DiscussionError("Choose a reason for rejecting the comment.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DiscussionError(f"Keep the note under {MAX_NOTE:,} characters.")
    return _decide(
        comment=comment,
        moderator=moderator,
        to_status=CommentStatus.REJECTED,
        reason_codes=[reason_code],
        note=note,
    )


# Marks the events `civility import --moderate` writes: a re-run finds them and adds nothing,
# and the queue's Pending tab lists published comments that carry one until a moderator decides.
IMPORT_REVIEW_NOTE = "civility import --moderate"


def do_record_import_review(
    *, comment: Comment, verdict: Verdict, unpublish: bool
) -> ModerationEvent | None:
    """Record what the pipeline says of an imported comment. Caller holds it locked.

    Also stores its fingerprints, so later checks compare new comments with imported ones.
    A comment the pipeline would publish gets no event. One it would hold or reject keeps its
    status (a published one is marked for review in Pending) unless unpublish, the site's
    choice, in which case a published comment takes the decision.
    """
    from civility.discussion.actions import set_status  # discussion.actions imports us.

    text = comment.source
    CommentSignature.objects.get_or_create(
        comment=comment,
        defaults={
            "site_id": comment.story.site_id,
            "author_id": comment.author_id,
            "text_hash": signatures.text_hash(text),
            "minhash": signatures.pack(signatures.minhash(text)),
            "created_at": comment.created_at,
        },
    )
    if verdict.decision == "publish":
        return None
    from_status = comment.status
    if unpublish and from_status == CommentStatus.PUBLISHED:
        set_status(comment, {"hold": "held", "reject": "rejected"}[verdict.decision])
    return ModerationEvent.objects.create(
        comment=comment,
        actor=None,
        from_status=from_status,
        to_status=comment.status,
        reason_codes=verdict.reason_codes,
        evidence=verdict.evidence_json(),
        note=IMPORT_REVIEW_NOTE,
    )


def do_apply_batch_decision(*, site, comment_id, verdict: Verdict) -> str:  # type: ignore[no-untyped-def]
    """Apply a `civility moderate --apply` decision to an existing comment of site.

    Returns "" on success, else why it was not applied.
    """
    from civility.discussion.actions import set_status  # discussion.actions imports us.

    try:
        pk = int(comment_id)
    except (TypeError, ValueError):
        return f"{comment_id!r} is not a comment id"
    status = {"publish": "published", "hold": "held", "reject": "rejected"}[verdict.decision]
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update()
            .filter(pk=pk, story__site=site)
            .exclude(status=CommentStatus.DELETED)
            .first()
        )
        if comment is None:
            return f"no comment {pk} on {site.slug}"
        from_status = comment.status
        set_status(comment, status)
        ModerationEvent.objects.create(
            comment=comment,
            actor=None,
            from_status=from_status,
            to_status=status,
            reason_codes=verdict.reason_codes,
            evidence=verdict.evidence_json(),
            note="civility moderate --apply",
        )
    return ""
