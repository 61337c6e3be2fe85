"""INSERTs compiled once per model: `Model.objects.create()` without building the statement on
every call.

Posting writes three rows (the comment, its signature, its moderation event) on every request,
and building and compiling each INSERT cost more than SQLite took to run it. `InsertTemplate`
compiles the model's INSERT ... RETURNING once per database and then only adapts the values, as
`Model.save()` would (defaults, `pre_save`, `get_db_prep_save`). What save() adds beyond that is
kept by falling back to it: a model with save signals or an overridden save(), and values that
are expressions rather than plain values.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.db.models.sql.subqueries import InsertQuery

from civility.core.query_templates import ModelByName, execute_compiled, to_qmark


class InsertTemplate(ModelByName):
    """`create(**values)` for one model, through an INSERT compiled once per database."""

    def __init__(self, model: type[Model] | str) -> None:
        super().__init__(model)
        self._statements: dict[str, tuple[str, str, list[Any]]] = {}
        self._lock = threading.Lock()

    def _plain(self) -> bool:
        model = self.model
        return (
            model.save is Model.save
            and not pre_save.has_listeners(model)
            and not post_save.has_listeners(model)
        )

    def create(self, **values: Any) -> Any:
        model = self.model
        if not self._plain() or any(hasattr(v, "resolve_expression") for v in values.values()):
            return model._default_manager.create(**values)
        instance = model(**values)
        instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
        alias = router.db_for_write(model, instance=instance)
        connection = connections[alias]
        sql, qmark_sql, fields = self._statement(alias, instance)
        params = [
            field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
        ]
        with connection.cursor() as cursor:
            execute_compiled(cursor, sql, qmark_sql, params)
            (pk,) = cursor.fetchone()
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = alias
        return instance

    def _statement(self, alias: str, instance: Model) -> tuple[str, str, list[Any]]:
        with self._lock:
            known = self._statements.get(alias)
        if known is not None:
            return known
        meta = self.model._meta
        fields = [
            field
            for field in meta.local_concrete_fields
            if not field.generated and field is not meta.auto_field
        ]
        query = InsertQuery(self.model)
        query.insert_values(fields, [instance], raw=False)
        compiler = query.get_compiler(using=alias)
        compiler.returning_fields = [meta.pk]
        ((sql, _params),) = compiler.as_sql()
        statement = (sql, to_qmark(sql), fields)
        with self._lock:
            self._statements[alias] = statement
        return statement
