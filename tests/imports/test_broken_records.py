from __future__ import annotations

import json

import pytest
from django.core.management.base import CommandError

from civility.discussion.models import Comment

from .helpers import run_import

HEADER = {"format": "civility", "version": 1, "site": "gazette"}
STORY = {"type": "story", "id": 1, "title": "A story", "slug": "a-story", "url": ""}


def comment(n: int, **fields) -> dict:
    return {
        "type": "comment",
        "id": n,
        "story": 1,
        "source": f"Comment {n}",
        "html": f"<p>Comment {n}</p>",
        "status": "published",
        "created_at": f"2024-03-01T09:0{n}:00+00:00",
        **fields,
    }


def write_lines(path, *objects) -> None:  # type: ignore[no-untyped-def]
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects))


def test_a_broken_record_is_skipped_reported_and_the_rest_imported(site, tmp_path):
    path = tmp_path / "export.jsonl"
    write_lines(
        path,
        HEADER,
        STORY,
        comment(1),
        "{not json",
        comment(2, created_at="yesterday"),
        comment(3, status="glowing"),
        comment(4),
    )
    with pytest.raises(CommandError, match="3 record"):
        run_import(path, site)
    assert sorted(Comment.objects.values_list("source", flat=True)) == ["Comment 1", "Comment 4"]


def test_an_unsupported_export_version_is_refused(site, tmp_path):
    path = tmp_path / "export.jsonl"
    write_lines(path, {**HEADER, "version": 99}, STORY)
    with pytest.raises(CommandError, match="version 99 is not supported"):
        run_import(path, site)
