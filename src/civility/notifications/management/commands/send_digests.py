"""`civility send_digests`: send readers' daily digests and moderators' queue digests. Run it
from cron once a day when there is no Celery broker (Celery beat runs the same task otherwise)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from civility.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Send the daily notification digests and moderation queue digests."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = send_digests()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{counts['reader_digests']} reader digest(s), "
                f"{counts['moderation_digests']} moderation digest(s) sent."
            )
