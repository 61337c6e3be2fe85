"""Migration operations that are safe on a live PostgreSQL database.

`CREATE INDEX` locks a table against writes for as long as the build takes; on the comments
table that is an outage. These build and drop indexes CONCURRENTLY on PostgreSQL, and plainly
on SQLite (a one-process install, where nobody waits). Use them in a migration with
`atomic = False`: PostgreSQL cannot build an index concurrently inside a transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db.migrations.operations import AddIndex, RemoveIndex, RunPython


def _postgres(schema_editor: Any) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class _ConcurrentlyOnPostgres:
    """The concurrent operation (the next class in the MRO) on PostgreSQL, `plain` elsewhere."""

    plain: Any

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if _postgres(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]
        else:
            self.plain.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if _postgres(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]
        else:
            self.plain.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddIndexSafely(_ConcurrentlyOnPostgres, AddIndexConcurrently):
    plain = AddIndex


class RemoveIndexSafely(_ConcurrentlyOnPostgres, RemoveIndexConcurrently):
    plain = RemoveIndex


def drop_column_indexes_safely(table: str, indexes: dict[str, str]) -> RunPython:
    """Drop single-column indexes by name ({name: column}); backwards builds them again.

    For the index Django made for a foreign key that a composite index now leads with: an
    AlterField(db_index=False) would do it, but on SQLite that copies the whole table. Pair it
    with that AlterField as a state operation (SeparateDatabaseAndState).
    """

    def run(schema_editor: Any, statement: str) -> None:
        how = "CONCURRENTLY " if _postgres(schema_editor) else ""
        for name, column in indexes.items():
            schema_editor.execute(statement.format(how=how, name=name, column=column))

    def forwards(apps: Any, schema_editor: Any) -> None:
        run(schema_editor, 'DROP INDEX {how}IF EXISTS "{name}"')

    def backwards(apps: Any, schema_editor: Any) -> None:
        run(
            schema_editor,
            f'CREATE INDEX {{how}}IF NOT EXISTS "{{name}}" ON "{table}" ("{{column}}")',
        )

    return RunPython(forwards, backwards, elidable=False)
