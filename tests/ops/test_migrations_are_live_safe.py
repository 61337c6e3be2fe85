"""Migrations after an app's first keep large tables writable while they run on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import AddField, AddIndex, AlterField

from civility.core.migration_ops import AddIndexSafely

# Tables that grow with traffic: a plain CREATE INDEX on them blocks posting until it ends.
LARGE_MODELS = {
    ("discussion", "comment"),
    ("discussion", "reaction"),
    ("discussion", "report"),
    ("discussion", "storyvisit"),
    ("moderation", "moderationevent"),
    ("moderation", "commentsignature"),
}


def _later_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, name), migration in loader.disk_migrations.items():
        if migration.initial or name.startswith("0001"):
            continue
        yield app_label, name, migration


def _indexed_field(operation) -> bool:
    field = getattr(operation, "field", None)
    return bool(field is not None and (field.db_index or field.unique))


def test_large_tables_get_indexes_concurrently():
    unsafe = []
    for app_label, name, migration in _later_migrations():
        for operation in migration.operations:
            model = (app_label, getattr(operation, "model_name", "").lower())
            if model not in LARGE_MODELS:
                continue
            if isinstance(operation, AddIndex) and not isinstance(operation, AddIndexSafely):
                unsafe.append(f"{app_label}.{name}: use AddIndexSafely for {operation.describe()}")
            elif isinstance(operation, AddField | AlterField) and _indexed_field(operation):
                unsafe.append(f"{app_label}.{name}: index {operation.name} with AddIndexSafely")
            if isinstance(operation, AddIndexSafely) and migration.atomic:
                unsafe.append(f"{app_label}.{name}: set atomic = False")
    assert not unsafe, "\n".join(unsafe)


@pytest.mark.django_db(transaction=True)
def test_add_index_safely_builds_and_drops_an_index():
    from django.apps import apps
    from django.db import models
    from django.db.migrations.state import ProjectState

    from civility.discussion.models import Comment

    index = models.Index(fields=["story", "author_name"], name="civility_test_safe_idx")
    operation = AddIndexSafely("comment", index)
    before = ProjectState.from_apps(apps)
    after = before.clone()
    operation.state_forwards("discussion", after)
    with connection.schema_editor(atomic=False) as editor:
        operation.database_forwards("discussion", editor, before, after)
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, Comment._meta.db_table)
    assert "civility_test_safe_idx" in names
    with connection.schema_editor(atomic=False) as editor:
        operation.database_backwards("discussion", editor, after, before)
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, Comment._meta.db_table)
    assert "civility_test_safe_idx" not in names


def _single_column_indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {
        name: info["columns"][0]
        for name, info in found.items()
        if info["index"] and not info["unique"] and len(info["columns"]) == 1
    }


def _drop_operation(app_label: str, name: str):
    from django.db.migrations.operations import RunPython, SeparateDatabaseAndState

    migration = MigrationLoader(None, ignore_no_migrations=True).disk_migrations[(app_label, name)]
    (separate,) = [op for op in migration.operations if isinstance(op, SeparateDatabaseAndState)]
    (run,) = separate.database_operations
    assert isinstance(run, RunPython)
    return run


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "app_label, migration, table, columns",
    [
        (
            "discussion",
            "0005_comment_author_created",
            "discussion_comment",
            {"author_id", "story_id"},
        ),
        (
            "moderation",
            "0005_signature_composite_indexes_only",
            "moderation_commentsignature",
            {"author_id", "site_id"},
        ),
    ],
)
def test_foreign_key_indexes_a_composite_leads_with_are_dropped_and_come_back(
    app_label, migration, table, columns
):
    # Migrated: no index of its own on the keys (each write to the table skips them).
    assert not columns & set(_single_column_indexes(table).values())
    run = _drop_operation(app_label, migration)
    with connection.schema_editor(atomic=False) as editor:
        run.reverse_code(None, editor)
        # Built again under the names Django gave them: a database made before the migration
        # has exactly these, so the drop (by name) finds them.
        expected = {
            editor._create_index_name(table, [column], suffix=""): column for column in columns
        }
    assert expected.items() <= _single_column_indexes(table).items()
    with connection.schema_editor(atomic=False) as editor:
        run.code(None, editor)
    assert not columns & set(_single_column_indexes(table).values())
