"""Every change of state in a discussion: one function each, one transaction each.

Views validate input and call these; these re-check the rules that protect data (length,
closed stories, ownership, edit window) so no caller can skip them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone

from civility.accounts.models import Profile
from civility.core import events
from civility.core.insert_templates import InsertTemplate
from civility.core.markdown import render_comment
from civility.core.query_templates import QueryTemplates, value_of
from civility.discussion import thread_path
from civility.discussion.access import can_moderate
from civility.discussion.errors import DiscussionError, NotAllowed, NudgeRequired
from civility.discussion.models import (
    Comment,
    CommentRevision,
    CommentStatus,
    Reaction,
    ReactionKind,
    Report,
    ReportReason,
    StoryVisit,
)
from civility.discussion.viewing import SESSION_KEY, ViewingOptions
from civility.moderation import actions as moderation_actions
from civility.moderation import gate
from civility.sanctions.enforcement import check_can_post
from civility.stories.models import Story
from civility.text.sendable import strip_unsendable

_STATUS_FOR_DECISION = {
    gate.Decision.PUBLISH: CommentStatus.PUBLISHED,
    gate.Decision.HOLD: CommentStatus.HELD,
    gate.Decision.REJECT: CommentStatus.REJECTED,
}


def check_comment_text(text: str) -> str:
    """Return the text stripped, or raise a reader-facing error."""
    text = strip_unsendable((text or "").replace("\r\n", "\n")).strip()
    if not text:
        raise DiscussionError("Your comment is empty. Write something before posting.")
    limit = settings.COMMENT_MAX_LENGTH
    if len(text) > limit:
        raise DiscussionError(
            f"Your comment is {len(text):,} characters long; the limit is {limit:,}. "
            "Please shorten it."
        )
    return text


def check_story_open(story: Story) -> None:
    if not story.is_open:
        raise DiscussionError("Comments on this story are closed.")


def _adjust_counts(comment: Comment, delta: int) -> None:
    """Add delta to the published counts that include this comment."""
    if delta == 0:
        return
    Story.objects.filter(pk=comment.story_id).update(comment_count=F("comment_count") + delta)
    if comment.parent_id is not None:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + delta)


def set_status(comment: Comment, new_status: str) -> None:
    """Change a comment's status and keep the published counts right. Caller holds a transaction."""
    old_status = comment.status
    if old_status == new_status:
        return
    was = old_status == CommentStatus.PUBLISHED
    now = new_status == CommentStatus.PUBLISHED
    comment.status = new_status
    Comment.objects.filter(pk=comment.pk).update(status=new_status)
    _adjust_counts(comment, int(now) - int(was))
    _announce_status(comment)


# The status a comment enters that listeners (webhooks, notifications, live updates) hear about.
_STATUS_EVENTS = {
    CommentStatus.PUBLISHED: "comment.published",
    CommentStatus.HELD: "comment.held",
    CommentStatus.REJECTED: "comment.rejected",
    CommentStatus.DELETED: "comment.deleted",
}


def _announce(name: str, comment: Comment) -> None:
    events.emit(
        name,
        site_id=comment.story.site_id,
        story_id=comment.story_id,
        comment_id=comment.pk,
        user_id=comment.author_id,
    )


def _announce_status(comment: Comment) -> None:
    name = _STATUS_EVENTS.get(comment.status)  # type: ignore[call-overload]
    if name:
        _announce(name, comment)


def _reserve_path(story: Story, parent: Comment | None, *, published: bool) -> tuple[str, int, int]:
    """Reserve the next path under parent for a new comment. Returns (path, depth, root_seq).

    One UPDATE ... RETURNING on the counter row (story or parent) takes the next number and
    locks the row, so two replies to the same parent at the same instant get different numbers
    (the unique (story, path) constraint backs this up). A published comment is added to that
    row's count in the same statement: the story's comment_count or the parent's reply_count.
    Caller holds the transaction and, for a published reply, adds it to the story's count.
    """
    connection = connections[router.db_for_write(Comment)]
    quote = connection.ops.quote_name
    if parent is None:
        count = ", comment_count = comment_count + 1" if published else ""
        # Names from the models, values as parameters.
        sql = (
            f"UPDATE {quote(Story._meta.db_table)} SET top_seq = CASE WHEN top_seq + 1 < %s "  # noqa: S608
            f"THEN %s ELSE top_seq + 1 END{count} WHERE id = %s RETURNING top_seq"
        )
        first = thread_path.FIRST_TOP_LEVEL
        with connection.cursor() as cursor:
            cursor.execute(sql, [first, first, story.pk])
            (seq,) = cursor.fetchone()
        return thread_path.child_path("", seq), 0, seq
    count = ", reply_count = reply_count + 1" if published else ""
    sql = (
        f"UPDATE {quote(Comment._meta.db_table)} SET child_seq = child_seq + 1{count} "  # noqa: S608
        "WHERE id = %s AND status IN (%s, %s) RETURNING child_seq, path, depth, root_seq"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [parent.pk, str(CommentStatus.PUBLISHED), str(CommentStatus.HELD)])
        row = cursor.fetchone()
    # Checked under the lock: the parent may have been deleted since the caller read it.
    if row is None:
        raise DiscussionError("That comment can no longer be replied to.")
    next_seq, parent_path, parent_depth, root_seq = row
    return thread_path.child_path(parent_path, next_seq - 1), parent_depth + 1, root_seq


# Every post with a key asks whether it was already posted: compiled once (core.query_templates).
_BY_KEY = QueryTemplates(Comment, size=2)


# Every post writes one: compiled once (core.insert_templates).
_NEW_COMMENT = InsertTemplate(Comment)


def _already_posted(author, key: str) -> Comment | None:  # type: ignore[no-untyped-def]
    """The author's comment made with this idempotency key, if any."""
    return _BY_KEY.first(
        ("by-idempotency-key",),
        lambda values: (
            Comment.objects.filter(author_id=values["author"], idempotency_key=values["key"])
            # The partial unique index's own condition, as a literal: only then can SQLite tell
            # the index applies (it cannot see that a bound key is never empty) and not read
            # every comment of the author instead.
            .exclude(idempotency_key=RawSQL("''", []))
            .order_by("pk")[:1]
        ),
        {
            "author": value_of(Comment, "author", author.pk),
            "key": value_of(Comment, "idempotency_key", key),
        },
    )


def _extra(post_anyway: bool) -> dict[str, bool]:
    """The form's flags for the checks: after a nudge, the author chose to post anyway."""
    return {"post_anyway": True} if post_anyway else {}


def do_post_comment(
    *,
    story: Story,
    author,  # type: ignore[no-untyped-def]
    text: str,
    parent: Comment | None = None,
    idempotency_key: str = "",
    client_address: str | None = None,
    post_anyway: bool = False,
) -> tuple[Comment, gate.Verdict | None]:
    """Write a new comment or reply after moderation.

    Returns (comment, verdict); verdict is None when the same form was already submitted, in
    which case the comment is the one that submission created. Raises NudgeRequired, writing
    nothing, when the site nudges and the author has not chosen to post anyway.
    """
    if not author.is_authenticated:
        raise NotAllowed("Sign in to comment.")
    text = check_comment_text(text)
    check_story_open(story)
    sanctions = check_can_post(author, story.site_id)
    if parent is not None:
        if parent.story_id != story.pk:
            raise DiscussionError("You can only reply to a comment on the same story.")
        if parent.status not in (CommentStatus.PUBLISHED, CommentStatus.HELD):
            raise DiscussionError("That comment can no longer be replied to.")
        # A held comment is seen only by its author and moderators; others cannot answer it.
        if (
            parent.status == CommentStatus.HELD
            and parent.author_id != author.pk
            and not can_moderate(author, story)
        ):
            raise DiscussionError("That comment can no longer be replied to.")
    key = (idempotency_key or "")[:64]
    if key:
        existing = _already_posted(author, key)
        if existing is not None:
            return existing, None
    verdict = gate.review(
        gate.Candidate(
            story=story,
            author=author,
            text=text,
            parent=parent,
            client_address=client_address,
            extra=_extra(post_anyway),
            sanctions=sanctions,
        )
    )
    if verdict.nudge and not post_anyway:
        # Nothing written and the idempotency key left unused, so the re-submission (edited,
        # or posted anyway) from the same form still creates the comment.
        raise NudgeRequired(verdict, text)
    status = _STATUS_FOR_DECISION[verdict.decision]
    published = status == CommentStatus.PUBLISHED
    # Rendered before the transaction: on SQLite it holds the only write lock.
    html = render_comment(text)
    try:
        with transaction.atomic():
            path, depth, root_seq = _reserve_path(story, parent, published=published)
            comment = _NEW_COMMENT.create(
                story=story,
                author=author,
                author_name=author.get_username(),
                parent=parent,
                path=path,
                depth=depth,
                root_seq=root_seq,
                source=text,
                html=html,
                status=status,
                idempotency_key=key,
                client_address=client_address,
            )
            if published and parent is not None:
                # The parent's reply_count went up with its child_seq in _reserve_path.
                Story.objects.filter(pk=story.pk).update(comment_count=F("comment_count") + 1)
            moderation_actions.do_record_decision(comment=comment, verdict=verdict)
            _announce("comment.created", comment)
            if parent is not None:
                _announce("comment.replied", comment)
            _announce_status(comment)
    except IntegrityError:
        # A concurrent submission of the same form won the race: return its comment.
        if key:
            existing = _already_posted(author, key)
            if existing is not None:
                return existing, None
        raise
    return comment, verdict


def do_edit_comment(  # type: ignore[no-untyped-def]
    *, comment: Comment, user, text: str, post_anyway: bool = False
) -> gate.Verdict:
    """Replace a comment's text within the edit window, keeping the old text as a revision.

    Raises NudgeRequired, changing nothing, when the site nudges and the author has not chosen
    to post anyway.
    """
    text = check_comment_text(text)
    if not comment.is_editable_by(user):
        raise NotAllowed("You can only edit your own comments, within the edit window.")
    if text == comment.source:
        return (
            gate.Verdict(gate.Decision.PUBLISH)
            if comment.status == CommentStatus.PUBLISHED
            else gate.Verdict(gate.Decision.HOLD)
        )
    verdict = gate.review(
        gate.Candidate(
            story=comment.story,
            author=user,
            text=text,
            parent=comment.parent,
            editing=comment,
            extra=_extra(post_anyway),
        )
    )
    if verdict.nudge and not post_anyway:
        raise NudgeRequired(verdict, text)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        # Re-checked under the lock: a delete or a rejection may have come in between.
        if not locked.is_editable_by(user):
            raise NotAllowed("You can only edit your own comments, within the edit window.")
        CommentRevision.objects.create(comment=locked, source=locked.source, html=locked.html)
        locked.source = text
        locked.html = render_comment(text)
        locked.edited_at = timezone.now()
        locked.save(update_fields=["source", "html", "edited_at"])
        _announce("comment.edited", locked)
        from_status = locked.status
        new_status = _STATUS_FOR_DECISION[verdict.decision]
        if from_status == CommentStatus.HELD and new_status == CommentStatus.PUBLISHED:
            # An edit never releases a held comment: only a moderator does.
            new_status = CommentStatus.HELD
        set_status(locked, new_status)
        moderation_actions.do_record_decision(
            comment=locked, verdict=verdict, from_status=from_status
        )
    comment.refresh_from_db()
    return verdict


def do_delete_comment(*, comment: Comment, user) -> None:  # type: ignore[no-untyped-def]
    """Delete a comment for its author. Where replies exist a placeholder stays in the thread."""
    if not comment.is_deletable_by(user):
        raise NotAllowed("You can only delete your own comments, within the edit window.")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if not locked.is_deletable_by(user):
            raise NotAllowed("You can only delete your own comments, within the edit window.")
        CommentRevision.objects.create(comment=locked, source=locked.source, html=locked.html)
        Comment.objects.filter(pk=locked.pk).update(source="", html="")
        set_status(locked, CommentStatus.DELETED)
    comment.refresh_from_db()


def do_react(*, comment: Comment, user, kind: str | None) -> Reaction | None:  # type: ignore[no-untyped-def]
    """Set the reader's one reaction on a comment; kind None (or the same kind again) removes it."""
    if not user.is_authenticated:
        raise NotAllowed("Sign in to react.")
    if comment.status != CommentStatus.PUBLISHED:
        raise DiscussionError("You can only react to published comments.")
    if comment.author_id == user.pk:
        raise DiscussionError("You cannot react to your own comment.")
    if kind is not None and kind not in ReactionKind.values:
        raise DiscussionError("Unknown reaction.")
    with transaction.atomic():
        Comment.objects.select_for_update().filter(pk=comment.pk).only("pk").first()
        existing = Reaction.objects.filter(comment=comment, user=user).first()
        if existing is not None and (kind is None or existing.kind == kind):
            existing.delete()
            Comment.objects.filter(pk=comment.pk).update(reaction_count=F("reaction_count") - 1)
            result = None
        elif existing is not None:
            existing.kind = kind  # type: ignore[assignment]
            existing.save(update_fields=["kind"])
            result = existing
        elif kind is None:
            result = None
        else:
            result = Reaction.objects.create(comment=comment, user=user, kind=kind)
            Comment.objects.filter(pk=comment.pk).update(reaction_count=F("reaction_count") + 1)
    comment.refresh_from_db(fields=["reaction_count"])
    return result


def do_report(*, comment: Comment, user, reason: str, note: str = "") -> Report:  # type: ignore[no-untyped-def]
    """File a reader's report. A second open report by the same reader updates the first."""
    if not user.is_authenticated:
        raise NotAllowed("Sign in to report a comment.")
    if reason not in ReportReason.values:
        raise DiscussionError("Choose a reason for your report.")
    note = (note or "").strip()
    if len(note) > 1000:
        raise DiscussionError("Keep the note under 1,000 characters.")
    if comment.author_id == user.pk:
        raise DiscussionError("You cannot report your own comment.")
    with transaction.atomic():
        report, created = Report.objects.update_or_create(
            comment=comment,
            reporter=user,
            resolved_at=None,
            defaults={"reason": reason, "note": note},
        )
        if created:
            events.emit(
                "report.created",
                site_id=comment.story.site_id,
                story_id=comment.story_id,
                comment_id=comment.pk,
                report_id=report.pk,
                actor_id=user.pk,
            )
    return report


# Views of a story closer together than this are one visit (paging, replying, reacting).
VISIT_GAP = timedelta(minutes=30)


def do_record_visit(*, user, story: Story):  # type: ignore[no-untyped-def]
    """Record that the reader is looking at the story now; return the end of their previous
    visit (None on a first visit), which is what "new" comments are newer than.

    Views less than VISIT_GAP apart belong to one visit, so its pages share one baseline.
    Always two queries (read, then update or insert-if-absent), so a story page costs the same
    on a reader's first visit as on later ones.
    """
    now = timezone.now()
    row = (
        StoryVisit.objects.filter(user=user, story=story)
        .values_list("last_seen_at", "previous_seen_at")
        .first()
    )
    if row is None:
        # A concurrent first view may insert first; either row says "seen now".
        StoryVisit.objects.bulk_create(
            [StoryVisit(user=user, story=story, last_seen_at=now)], ignore_conflicts=True
        )
        return None
    last_seen, previous = row
    visits = StoryVisit.objects.filter(user=user, story=story)
    if now - last_seen < VISIT_GAP:
        visits.update(last_seen_at=now)
        return previous
    visits.update(last_seen_at=now, previous_seen_at=last_seen)
    return last_seen


def do_save_viewing_options(*, user, session, options: ViewingOptions) -> None:  # type: ignore[no-untyped-def]
    """Keep the reader's "Comment viewing options": on the profile when signed in, else in the
    session."""
    if user.is_authenticated:
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_mode": options.mode,
                "sort_order": options.order,
                "per_page": options.per_page,
            },
        )
        return
    session[SESSION_KEY] = {
        "mode": options.mode,
        "order": options.order,
        "per_page": options.per_page,
    }
