from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment
from civility.imports.exporting import VERSION
from civility.imports.models import ImportedObject
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import


def export(site) -> str:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("export", site=site.slug, stdout=out)
    return out.getvalue()


def everything(site):  # type: ignore[no-untyped-def]
    """The site's data without database ids, for comparing two installs."""
    stories = sorted(
        Story.objects.filter(site=site).values_list(
            "slug", "external_id", "url", "title", "author_name", "standfirst",
            "body_markdown", "body_html", "is_open", "published_at", "top_seq", "comment_count",
        )
    )  # fmt: skip
    comments = sorted(
        (
            c.story.slug,
            c.path,
            c.parent.path if c.parent else None,
            c.author.username if c.author else None,
            c.author.email if c.author else None,
            c.author.profile.display_name if c.author else None,
            c.author_name,
            c.source,
            c.html,
            c.status,
            c.created_at,
            c.edited_at,
            c.featured_at,
            c.client_address,
            c.depth,
            c.root_seq,
            c.child_seq,
            c.reply_count,
        )  # fmt: skip
        for c in Comment.objects.filter(story__site=site).select_related(
            "story", "parent", "author__profile"
        )
    )
    return stories, comments


def wipe() -> None:
    Comment.objects.all().delete()
    Story.objects.all().delete()
    ImportedObject.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.fixture
def populated(site, reader):
    with pytest.raises(CommandError):
        run_import(FIXTURES / "disqus.xml", site)
    run_import(FIXTURES / "snapshot.txt", site)
    story = Story.objects.get(url="https://gazette.example/budget")
    parent = Comment.objects.get(source="<p>Reply to Bob</p>")
    do_post_comment(story=story, author=reader, text="A *native* reply", parent=parent)
    Comment.objects.filter(source__contains="First!").update(featured_at=timezone.now())
    return site


def test_export_then_import_into_an_empty_database_gives_the_same_data(populated, tmp_path):
    site = populated
    before = everything(site)
    path = tmp_path / "export.jsonl"
    path.write_text(export(site))
    wipe()
    output = run_import(path, site)
    assert "comments: 12 created, 0 already there" in output
    after = everything(site)
    assert after[0] == before[0]
    assert len(after[1]) == len(before[1])
    for row_after, row_before in zip(after[1], before[1], strict=True):
        assert row_after == row_before
    assert_counters_consistent(site)


def test_the_export_has_a_versioned_header_and_no_password_hashes(populated):
    lines = [json.loads(line) for line in export(populated).splitlines()]
    assert lines[0]["format"] == "civility" and lines[0]["version"] == VERSION
    assert {"story", "user", "comment"} <= {line.get("type") for line in lines[1:]}
    users = [line for line in lines if line.get("type") == "user"]
    assert users and all("password" not in user for user in users)
