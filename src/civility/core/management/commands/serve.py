"""`civility serve`: run the site under gunicorn, in this process.

Gunicorn is a production WSGI server (pre-forked workers, graceful restarts); Django's
`runserver` is not meant for that. Static files come through whitenoise, so nothing else is needed
in front for a small install; a reverse proxy can still sit in front for TLS.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """Two workers per core up to four: enough for a small site without exhausting SQLite."""
    return max(1, min(4, (os.cpu_count() or 1) * 2))


class CivilityApplication(BaseApplication):
    """Gunicorn configured from a dict instead of its own command line."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        assert self.cfg is not None
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # type: ignore[no-untyped-def]
        from civility.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Civility over HTTP with gunicorn (static files included)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to bind (default 127.0.0.1)."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to bind (default 8000).")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=f"Worker processes (default {default_workers()} on this machine).",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collecting static files into CIVILITY_DATA_DIR/static before starting.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        workers = options["workers"] or default_workers()
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        port = options["port"]
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        host = options["host"]
        if not options["no_collectstatic"]:
            # Hashed file names let browsers cache static files for good.
            call_command("collectstatic", interactive=False, verbosity=0)
        display_host = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Civility is serving on http://{display_host}:{port}/ (Ctrl-C stops it)")
        if settings.SITE_URL and not settings.SITE_URL.startswith(f"http://{display_host}:{port}"):
            self.stdout.write(f"Links in pages and mail use SITE_URL={settings.SITE_URL}")
        self.stdout.flush()
        # Workers fork from this process; none may inherit an open database connection.
        connections.close_all()
        CivilityApplication(
            {
                "bind": f"{display_host}:{port}",
                "workers": workers,
                "accesslog": "-",
                "errorlog": "-",
                "timeout": 60,
                "graceful_timeout": 10,
                # Load the app before forking: a broken configuration fails once, loudly.
                "preload_app": True,
                # The control socket sits at one path per user, so two servers would collide.
                "control_socket_disable": True,
            }
        ).run()
