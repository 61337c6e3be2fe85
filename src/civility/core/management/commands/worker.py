"""`civility worker`: run a Celery worker for the deferred tasks (webhooks, mail, scoring...).

Needs CELERY_BROKER_URL (Redis or RabbitMQ); without one, tasks already run inline in the web
process and no worker is wanted. `--beat` also runs the periodic tasks: give exactly one worker
of an install that flag, or each periodic task runs once per flagged worker.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections


def default_concurrency() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class Command(BaseCommand):
    help = "Run a Celery worker for Civility's background tasks (needs CELERY_BROKER_URL)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--concurrency",
            type=int,
            default=None,
            help=f"Worker processes (default {default_concurrency()} on this machine).",
        )
        parser.add_argument(
            "--queues",
            default="",
            help=f"Comma-separated queues to consume (default {settings.CELERY_TASK_DEFAULT_QUEUE}).",
        )
        parser.add_argument(
            "--beat",
            action="store_true",
            help="Also run the periodic tasks (one worker per install only).",
        )
        parser.add_argument("--loglevel", default="INFO", help="Celery log level (default INFO).")
        parser.add_argument(
            "--pool",
            default="prefork",
            choices=["prefork", "solo", "threads"],
            help="Celery execution pool (default prefork).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "CELERY_BROKER_URL is not set: tasks run inline in the web process, "
                "so there is nothing for a worker to do. Set it to redis://... or amqp://..."
            )
        concurrency = options["concurrency"] or default_concurrency()
        if concurrency < 1:
            raise CommandError("--concurrency must be at least 1.")
        from civility.celery import app

        argv = [
            "worker",
            f"--loglevel={options['loglevel']}",
            f"--concurrency={concurrency}",
            f"--queues={options['queues'] or settings.CELERY_TASK_DEFAULT_QUEUE}",
            f"--pool={options['pool']}",
            "--without-gossip",
            "--without-mingle",
        ]
        if options["beat"]:
            # Beat remembers when each periodic task last ran, in the data folder.
            schedule = settings.DATA_DIR / "celerybeat-schedule"
            argv += ["--beat", f"--schedule={schedule}"]
        # Forked pool processes must not share this process's database connection.
        connections.close_all()
        self.stdout.write(
            f"Civility worker: {concurrency} process(es), queue "
            f"{options['queues'] or settings.CELERY_TASK_DEFAULT_QUEUE}"
            + (", with periodic tasks" if options["beat"] else "")
        )
        self.stdout.flush()
        app.worker_main(argv)
