"""Background work for notifications: immediate mails after a comment is published, digests daily."""

from __future__ import annotations

from celery import shared_task

from civility.notifications import sending


@shared_task(name="civility.notifications.send_for_comment")
def send_for_comment(comment_id: int) -> int:
    """Mail readers in immediate mode about one published comment (idempotent)."""
    return sending.send_immediate(comment_id)


@shared_task(name="civility.notifications.send_digests")
def send_digests() -> dict[str, int]:
    """Send readers' daily digests and moderators' queue digests.

    Celery beat runs it daily at NOTIFICATIONS_DIGEST_HOUR; without a broker run
    `civility send_digests` from cron.
    """
    counts = {
        "reader_digests": sending.send_reader_digests(),
        "moderation_digests": sending.send_moderation_digests(),
    }
    sending.prune()
    return counts
