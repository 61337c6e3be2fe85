"""Commands that work on the data refuse, with a clear message, a database not yet set up."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def require_migrated(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise CommandError unless every migration is applied to the database."""
    executor = MigrationExecutor(connections[using])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise CommandError(
            f"The database is not set up yet ({len(pending)} migrations not applied): "
            "run `civility migrate` first. Nothing was changed."
        )
