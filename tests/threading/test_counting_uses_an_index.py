"""The per-page count of a story's visible comments has an index on (story, status, path), and
PostgreSQL connections never JIT-compile (it cost 75-130 ms per request on a big thread)."""

from __future__ import annotations

import pytest
from django.db import connection

from civility.discussion.models import Comment


def test_comments_are_indexed_by_story_status_and_path(db):
    indexes = {index.name: index.fields for index in Comment._meta.indexes}
    assert indexes["comment_story_status"] == ["story", "status", "path"]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Comment._meta.db_table)
    assert constraints["comment_story_status"]["index"]


@pytest.mark.postgres_only
def test_postgres_connections_turn_jit_off(db):
    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
