"""The database orders paths bytewise, as Python does: the "C" collation on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from civility.discussion.models import Comment
from civility.discussion.thread_path import child_path

pytestmark = pytest.mark.django_db


def test_the_path_column_uses_the_c_collation_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares text bytewise already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = 'path'",
            [Comment._meta.db_table],
        )
        assert cursor.fetchone() == ("C",)


def test_the_database_sorts_paths_as_python_does(story, reader):
    # Mixed case-free digits and letters, separators and prefixes: a locale-aware collation
    # ignores "/" or sorts letters before digits and would break pre-order.
    numbers = [0, 1, 9, 10, 35, 36, 37, 1295, 1296, 46655, 46656]
    paths = []
    for top in numbers:
        parent = child_path("", top)
        paths.append(parent)
        paths.extend(child_path(parent, n) for n in numbers[:5])
    Comment.objects.bulk_create(
        Comment(
            story=story,
            author=reader,
            path=path,
            depth=path.count("/") - 1,
            root_seq=0,
            source="x",
            html="<p>x</p>",
        )
        for path in reversed(paths)
    )
    stored = list(
        Comment.objects.filter(story=story).order_by("path").values_list("path", flat=True)
    )
    assert stored == sorted(paths)
