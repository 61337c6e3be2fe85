"""Querysets compiled once per key and then run with new values: the ORM's own SQL without
the cost of building and compiling it on every request.

Building and compiling a page of the thread (the visibility rules with their placeholder and
moderator EXISTS, the keyset condition of the cursor) took longer than the database took to
answer it. On the first call for a key, `QueryTemplates` compiles the queryset twice: with the
real values and with stand-ins for them. Where the parameters differ is where the values go;
the SQL and the other parameters must be identical, and each differing parameter must be one
value as the ORM adapts it (so one the ORM transformed, e.g. into a LIKE pattern, refuses the
template and the queryset is run as usual). Later calls put the new values into those places
and execute the SQL. `rows` answers a values_list() queryset; `objects` a model queryset, with
what select_related() joined, built as the ORM's own iterator builds them.

The caller's contract: the key holds everything the queryset depends on (the reader, the story,
the order, the limit) and anything about a value that changes the SQL rather than a parameter
(whether it is None, say); under one key, the values may differ only as parameters do.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.apps import apps
from django.db import connections, router
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Field, Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# Stand-ins are never sent to the database, only compiled; they sit in every field's range.
_INT_STAND_INS = (1_900_000_011, 1_900_000_028)
_MICROSECONDS = (111_111, 222_222)


@dataclass(frozen=True)
class _Template:
    sql: str
    params: tuple[Any, ...]
    # (parameter position, stand-in name) for each position a real value goes to.
    slots: tuple[tuple[int, str], ...]
    # The compiler of the first build: it converts the rows (and knows the models selected).
    compiler: SQLCompiler
    # Its converters, worked out once rather than on every run as results_iter() would.
    converters: dict[int, Any]
    # The SQL with SQLite's own placeholders: converted once, not by the cursor on every run.
    qmark_sql: str


def _stand_in(value: object, index: int, which: int) -> object:
    """A value of value's type that no real one is likely to equal; None for other types."""
    if isinstance(value, bool):
        return None  # a flag tends to change the SQL: it belongs in the key
    if isinstance(value, int):
        return _INT_STAND_INS[which] + 1000 * index
    if isinstance(value, str):
        return f"~stand-in {which}.{index}~"
    if isinstance(value, datetime):
        return datetime(2001, 2, 3, 4, 5, index % 60, _MICROSECONDS[which], tzinfo=UTC)
    return None


def value_of(model: type[Model], field: str, value: object) -> tuple[Field[Any, Any], Any]:
    """A stand-in's entry: the model field the value is compared with, and the value."""
    return model._meta.get_field(field), value  # type: ignore[return-value]


def to_qmark(sql: str) -> str:
    """The ORM's "%s" SQL in SQLite's own "?" style, as its cursor converts it on every call."""
    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def _execute_qmark(sql: str, params: list[Any], many: bool, context: dict[str, Any]) -> Any:
    """CursorWrapper._execute for SQL in SQLite's "?" style: skips the per-call conversion."""
    wrapper = context["cursor"]
    wrapper.db.validate_no_broken_transaction()
    with wrapper.db.wrap_database_errors:
        return sqlite3.Cursor.execute(wrapper.cursor, sql, params)


def execute_compiled(cursor: Any, sql: str, qmark_sql: str, params: list[Any]) -> None:
    """Run SQL compiled once (qmark_sql: `to_qmark(sql)`) on a connection's cursor.

    Through the connection's execute wrappers, as cursor.execute() goes, but on SQLite with
    the SQL already converted. A logged (debug) cursor goes the usual way, so query logs and
    counts stay whole.
    """
    if cursor.db.vendor == "sqlite" and not cursor.db.queries_logged:
        cursor._execute_with_wrappers(qmark_sql, params, False, _execute_qmark)
    else:
        cursor.execute(sql, params)


class ModelByName:
    """Holds a model, or its "app_label.Model" name, looked up on first use: module-level
    instances are made in modules that load before the app registry is ready."""

    def __init__(self, model: type[Model] | str) -> None:
        self._model = model

    @property
    def model(self) -> type[Model]:
        if isinstance(self._model, str):
            self._model = apps.get_model(self._model)
        return self._model


class QueryTemplates(ModelByName):
    """A bounded cache of compiled querysets of one model, by key."""

    def __init__(self, model: type[Model] | str, *, size: int = 512) -> None:
        super().__init__(model)
        self.size = size
        self._templates: OrderedDict[tuple[Any, ...], _Template | None] = OrderedDict()
        # Threaded servers share the cache; compiling happens outside the lock.
        self._lock = threading.Lock()

    def rows(
        self,
        key: tuple[Any, ...],
        build: Callable[[dict[str, Any]], QuerySet[Any]],
        values: dict[str, tuple[Field[Any, Any], Any]],
    ) -> list[tuple[Any, ...]]:
        """The rows of build(real values), a values_list() queryset, through the template
        for key. values: each stand-in's name, the field it is compared with, its value."""
        alias, template = self._template(key, build, values)
        if template is None:
            return list(build({name: value for name, (_, value) in values.items()}))
        width = template.compiler.col_count
        return [tuple(row[:width]) for row in self._run(alias, template, values)]

    def objects(
        self,
        key: tuple[Any, ...],
        build: Callable[[dict[str, Any]], QuerySet[Any]],
        values: dict[str, tuple[Field[Any, Any], Any]],
    ) -> list[Any]:
        """The model instances of build(real values), a plain or select_related() queryset
        (no annotations, no prefetching), through the template for key."""
        alias, template = self._template(key, build, values)
        # Annotations would not be set on the instances: such a queryset runs as usual.
        if template is None or template.compiler.annotation_col_map:
            return list(build({name: value for name, (_, value) in values.items()}))
        compiler = template.compiler
        # As ModelIterable does: the model's columns, then each joined model's.
        klass_info = compiler.klass_info
        assert klass_info is not None  # a model queryset
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in compiler.select[start:end]]
        populators = get_related_populators(klass_info, compiler.select, alias)  # type: ignore[call-arg]
        found = []
        for row in self._run(alias, template, values):
            instance = model.from_db(alias, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            found.append(instance)
        return found

    def first(
        self,
        key: tuple[Any, ...],
        build: Callable[[dict[str, Any]], QuerySet[Any]],
        values: dict[str, tuple[Field[Any, Any], Any]],
    ) -> Any:
        """The first instance `objects` finds, or None (build should slice to [:1])."""
        found = self.objects(key, build, values)
        return found[0] if found else None

    def _template(
        self,
        key: tuple[Any, ...],
        build: Callable[[dict[str, Any]], QuerySet[Any]],
        values: dict[str, tuple[Field[Any, Any], Any]],
    ) -> tuple[str, _Template | None]:
        alias = router.db_for_read(self.model)
        full_key = (alias, *key)
        with self._lock:
            known = full_key in self._templates
            if known:
                self._templates.move_to_end(full_key)
                template = self._templates[full_key]
        if not known:
            template = self._compile(alias, build, values)
            with self._lock:
                self._templates[full_key] = template
                if len(self._templates) > self.size:
                    self._templates.popitem(last=False)
        return alias, template

    def _compile(
        self,
        alias: str,
        build: Callable[[dict[str, Any]], QuerySet[Any]],
        values: dict[str, tuple[Field[Any, Any], Any]],
    ) -> _Template | None:
        connection = connections[alias]

        def compile_with(given: dict[str, Any]) -> tuple[str, tuple[Any, ...], dict[str, Any], Any]:
            compiler = build(given).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            adapted = {
                name: values[name][0].get_db_prep_value(value, connection, prepared=False)
                for name, value in given.items()
            }
            return sql, tuple(params), adapted, compiler

        real = {name: value for name, (_, value) in values.items()}
        sql, params, first, compiler = compile_with(real)
        if values:
            stand_ins = {}
            for i, (name, value) in enumerate(real.items()):
                stand_in = _stand_in(value, i, 0)
                if stand_in is None:
                    return None
                stand_ins[name] = stand_in if stand_in != value else _stand_in(value, i, 1)
            other_sql, other_params, second, _ = compile_with(stand_ins)
            if sql != other_sql or len(params) != len(other_params):
                return None
        else:
            other_params, second = params, {}
        slots = []
        for position, (a, b) in enumerate(zip(params, other_params, strict=True)):
            if a == b:
                continue
            names = [name for name in values if first[name] == a and second[name] == b]
            if len(names) != 1:
                return None
            slots.append((position, names[0]))
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        return _Template(sql, params, tuple(slots), compiler, converters, to_qmark(sql))

    def _run(
        self, alias: str, template: _Template, values: dict[str, tuple[Field[Any, Any], Any]]
    ) -> list[Any]:
        connection = connections[alias]
        params = list(template.params)
        for position, name in template.slots:
            field, value = values[name]
            params[position] = field.get_db_prep_value(value, connection, prepared=False)
        with connection.cursor() as cursor:
            execute_compiled(cursor, template.sql, template.qmark_sql, params)
            rows = cursor.fetchall()
        # The ORM's converters (dates, JSON, booleans on SQLite), as its iterators apply them.
        if not template.converters:
            return rows
        return list(template.compiler.apply_converters(rows, template.converters))
