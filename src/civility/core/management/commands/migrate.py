"""`civility migrate`: Django's migrate, without the statement timeout on its own connection.

DATABASE_STATEMENT_TIMEOUT_MS protects the site from runaway queries; building an index on a
large table (concurrently, while the site runs) may rightly take longer than that.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections


class Command(MigrateCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        super().handle(*args, **options)
