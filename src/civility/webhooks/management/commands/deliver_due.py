"""`civility deliver_due`: attempt the webhook deliveries that are due. Run it from cron every
minute when there is no Celery broker (Celery beat runs the same task otherwise)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from civility.webhooks.tasks import deliver_due


class Command(BaseCommand):
    help = "Attempt the webhook deliveries that are due (first attempts left over and retries)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=500, help="At most this many (500).")

    def handle(self, *args: Any, **options: Any) -> None:
        count = deliver_due(limit=options["limit"])
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} deliver{'y' if count == 1 else 'ies'} attempted.")
