"""Sending what is queued: claim the notifications, mail the ones still worth sending.

A notification is claimed (sent_at set, rows locked) before the mail goes out, so two workers
or a redelivered task never mail the same comment twice; a failed send releases the claim and
the next digest run sends it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from civility.discussion.models import Comment, CommentStatus, Report
from civility.moderation.roles import moderated_site_ids
from civility.notifications import mailing, preferences
from civility.notifications.models import EmailMode, Notification, NotificationSettings
from civility.stories.models import Site

logger = logging.getLogger(__name__)

# Immediate notifications still unsent after this long failed to send: the digest run retries.
STALE_IMMEDIATE = timedelta(minutes=10)
# Sent notifications are kept this long (a comment published again within it is not re-sent).
KEEP_SENT = timedelta(days=90)


def _claim(rows: Any) -> list[Notification]:
    """Lock and mark sent the given pending notifications; return those this call won."""
    with transaction.atomic():
        claimed = list(
            rows.filter(sent_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
        )
        if claimed:
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(
                sent_at=timezone.now()
            )
    return claimed


def _release(claimed: list[Notification]) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(sent_at=None)


def _still_published(comment_ids: list[int]) -> dict[int, Comment]:
    """The comments, among these, that are still published (held or removed since: skipped)."""
    return {
        c.pk: c
        for c in Comment.objects.select_related("story__site", "author__profile").filter(
            pk__in=comment_ids, status=CommentStatus.PUBLISHED
        )
    }


def send_immediate(comment_id: int) -> int:
    """Mail the readers who want each reply right away; return how many mails went out."""
    pending = Notification.objects.filter(comment_id=comment_id, sent_at__isnull=True)
    user_ids = list(pending.values_list("user_id", flat=True))
    if not user_ids:
        return 0
    modes = preferences.modes_for(user_ids)
    wanted = [uid for uid in user_ids if modes[uid] == EmailMode.IMMEDIATE]
    claimed = _claim(pending.filter(user_id__in=wanted))
    comment = _still_published([comment_id]).get(comment_id)
    sent = 0
    for notification in claimed:
        user = notification.user
        if comment is None or not preferences.can_receive_mail(user):
            continue
        try:
            mailing.comment_mail(user, comment, notification.reason).send()
        except Exception:
            logger.exception("notification mail to user %s failed", user.pk)
            _release([notification])
            continue
        sent += 1
    return sent


def send_reader_digests() -> int:
    """One mail per reader with everything pending for them; return how many went out."""
    now = timezone.now()
    pending = Notification.objects.filter(sent_at__isnull=True)
    user_ids = list(pending.values_list("user_id", flat=True).distinct())
    modes = preferences.modes_for(user_ids)
    sent = 0
    for user_id in user_ids:
        mine = pending.filter(user_id=user_id)
        if modes[user_id] == EmailMode.IMMEDIATE:
            mine = mine.filter(created_at__lte=now - STALE_IMMEDIATE)
        claimed = _claim(mine)
        if not claimed:
            continue
        user = claimed[0].user
        if modes[user_id] == EmailMode.OFF or not preferences.can_receive_mail(user):
            continue  # dropped: claimed, so never sent later either
        comments = _still_published([n.comment_id for n in claimed])
        entries = [
            (comments[n.comment_id], n.reason)
            for n in sorted(claimed, key=lambda n: n.created_at)
            if n.comment_id in comments
        ]
        if not entries:
            continue
        try:
            mailing.digest_mail(user, entries).send()
        except Exception:
            logger.exception("digest mail to user %s failed", user_id)
            _release(claimed)
            continue
        sent += 1
    return sent


def queue_counts(site_ids: list[int] | None) -> list[dict[str, Any]]:
    """Held and reported comments per site among site_ids (None: every site), busiest first."""
    held = Comment.objects.filter(status=CommentStatus.HELD)
    reported = Report.objects.filter(resolved_at__isnull=True).exclude(
        comment__status=CommentStatus.DELETED
    )
    if site_ids is not None:
        held = held.filter(story__site_id__in=site_ids)
        reported = reported.filter(comment__story__site_id__in=site_ids)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"held": 0, "reported": 0})
    for site_id, n in held.values_list("story__site_id").annotate(n=Count("pk")):
        counts[site_id]["held"] = n
    for site_id, n in reported.values_list("comment__story__site_id").annotate(
        n=Count("comment_id", distinct=True)
    ):
        counts[site_id]["reported"] = n
    sites = Site.objects.in_bulk(list(counts))
    rows = [{"site": sites[sid], **numbers} for sid, numbers in counts.items() if sid in sites]
    return sorted(rows, key=lambda row: (-(row["held"] + row["reported"]), row["site"].name))


def send_moderation_digests() -> int:
    """Once a day per moderator who opted in, when something waits on their sites."""
    today = timezone.localdate()
    due = (
        NotificationSettings.objects.filter(moderation_digest=True)
        .filter(Q(moderation_digest_sent_on__isnull=True) | Q(moderation_digest_sent_on__lt=today))
        .select_related("user")
    )
    sent = 0
    for row in due:
        user = row.user
        site_ids = moderated_site_ids(user)
        if site_ids == [] or not preferences.can_receive_mail(user):
            continue
        rows = queue_counts(site_ids)
        if not rows:
            continue
        # Claimed for today first: running the command twice a day sends one digest.
        won = (
            NotificationSettings.objects.filter(pk=row.pk)
            .filter(
                Q(moderation_digest_sent_on__isnull=True) | Q(moderation_digest_sent_on__lt=today)
            )
            .update(moderation_digest_sent_on=today)
        )
        if not won:
            continue
        try:
            mailing.moderation_mail(user, rows).send()
        except Exception:
            logger.exception("moderation digest to user %s failed", user.pk)
            NotificationSettings.objects.filter(pk=row.pk).update(
                moderation_digest_sent_on=row.moderation_digest_sent_on
            )
            continue
        sent += 1
    return sent


def prune(now=None) -> int:  # type: ignore[no-untyped-def]
    """Delete notifications sent more than KEEP_SENT ago."""
    cutoff = (now or timezone.now()) - KEEP_SENT
    deleted, _ = Notification.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
