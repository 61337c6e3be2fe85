"""Sanctioning readers: one function per kind, each checking the moderator's role on the server.

The UserSanction row is the audit record (who, when, why, on which comment); ModerationEvent
needs a comment and records status changes, so sanctions do not write one.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.core import events
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.moderation.roles import can_moderate, moderated_site_ids
from civility.sanctions.models import SUSPENSIONS, SanctionKind, UserSanction

MAX_REASON = 2000


def _check(moderator, user, site) -> None:  # type: ignore[no-untyped-def]
    if site is None:
        # Every site: only someone who moderates every site.
        if moderated_site_ids(moderator) is not None:
            raise NotAllowed("Only an administrator of every site can sanction on every site.")
    elif not can_moderate(moderator, site):
        raise NotAllowed("You do not moderate this site.")
    if user is None:
        raise DiscussionError("This comment has no account to sanction.")
    if user.pk == getattr(moderator, "pk", None):
        raise DiscussionError("You cannot sanction yourself.")


def _create(*, moderator, user, site, kind: str, reason: str, comment=None, until=None):  # type: ignore[no-untyped-def]
    _check(moderator, user, site)
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise DiscussionError(f"Keep the reason under {MAX_REASON:,} characters.")
    with transaction.atomic():
        sanction = UserSanction.objects.create(
            user=user,
            site=site,
            kind=kind,
            until=until,
            reason=reason,
            comment=comment,
            created_by=moderator,
        )
        if kind in (SanctionKind.BAN, SanctionKind.SUSPEND):
            events.emit(
                "user.banned",
                site_id=getattr(site, "pk", None),
                user_id=user.pk,
                actor_id=moderator.pk,
                comment_id=getattr(comment, "pk", None),
                data={"kind": kind, "until": until.isoformat() if until else None},
            )
        return sanction


def do_warn(*, moderator, user, site, reason: str = "", comment=None) -> UserSanction:  # type: ignore[no-untyped-def]
    """Put a warning on the reader's record; it changes nothing they can do."""
    return _create(
        moderator=moderator,
        user=user,
        site=site,
        kind=SanctionKind.WARN,
        reason=reason,
        comment=comment,
    )


def do_suspend(  # type: ignore[no-untyped-def]
    *, moderator, user, site, duration: str, reason: str = "", comment=None
) -> UserSanction:
    """Stop the reader posting for 1 hour, 1 day or 7 days (duration "1h", "1d" or "7d")."""
    if duration not in SUSPENSIONS:
        raise DiscussionError("Choose how long to suspend: 1 hour, 1 day or 7 days.")
    return _create(
        moderator=moderator,
        user=user,
        site=site,
        kind=SanctionKind.SUSPEND,
        reason=reason,
        comment=comment,
        until=timezone.now() + SUSPENSIONS[duration][1],
    )


def do_ban(*, moderator, user, site, reason: str = "", comment=None) -> UserSanction:  # type: ignore[no-untyped-def]
    """Stop the reader posting until the ban is revoked."""
    return _create(
        moderator=moderator,
        user=user,
        site=site,
        kind=SanctionKind.BAN,
        reason=reason,
        comment=comment,
    )


def do_always_hold(*, moderator, user, site, reason: str = "", comment=None) -> UserSanction:  # type: ignore[no-untyped-def]
    """Hold every new comment by the reader for review until revoked."""
    return _create(
        moderator=moderator,
        user=user,
        site=site,
        kind=SanctionKind.ALWAYS_HOLD,
        reason=reason,
        comment=comment,
    )


def do_revoke(*, moderator, sanction: UserSanction) -> UserSanction:  # type: ignore[no-untyped-def]
    """End a sanction now, keeping the row (and who ended it) on record."""
    if sanction.site_id is None:
        if moderated_site_ids(moderator) is not None:
            raise NotAllowed("Only an administrator of every site can revoke this.")
    elif not can_moderate(moderator, sanction.site_id):
        raise NotAllowed("You do not moderate this site.")
    with transaction.atomic():
        locked = UserSanction.objects.select_for_update().get(pk=sanction.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = moderator
            locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


DO_SANCTION = {
    SanctionKind.WARN: do_warn,
    SanctionKind.BAN: do_ban,
    SanctionKind.ALWAYS_HOLD: do_always_hold,
}
