"""Export, import into an empty database, export again: the two files say the same thing."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from civility.discussion.models import Comment, CommentRevision, Reaction, Report
from civility.imports.models import ImportedObject
from civility.moderation.models import ModerationEvent, SiteRole
from civility.stories.models import Site, Story

from .export_builders import build_thread, export_text, post
from .helpers import assert_counters_consistent, run_import


def canonical(text: str) -> tuple[dict, list[dict]]:
    """The export with every database id replaced by what the row is (slug, username, ...)."""
    header, *lines = [json.loads(line) for line in text.splitlines()]
    header.pop("exported_at")
    stories: dict[int, str] = {}
    users: dict[int, str] = {}
    comments: dict[int, str] = {}
    out = []
    for obj in lines:
        kind = obj.pop("type")
        pk = obj.pop("id")
        if kind == "story":
            stories[pk] = obj["slug"]
        elif kind == "user":
            users[pk] = obj["username"]
        elif kind == "comment":
            obj["story"] = stories[obj["story"]]
            obj["parent"] = comments.get(obj["parent"]) if obj["parent"] else None
            obj["author"] = users.get(obj["author"]) if obj["author"] else None
            comments[pk] = f"{obj['story']}/{obj['parent']}/{obj['created_at']}/{obj['author']}"
        else:
            obj["comment"] = comments[obj["comment"]]
            for field in ("user", "reporter", "actor"):
                if obj.get(field) is not None:
                    obj[field] = users[obj[field]]
        out.append({"type": kind, **obj})
    return header, out


def wipe() -> None:
    """Leave only the site: an empty install to import into."""
    ModerationEvent.objects.all().delete()
    Comment.objects.all().delete()
    Story.objects.all().delete()
    ImportedObject.objects.all().delete()
    SiteRole.objects.all().delete()
    get_user_model().objects.all().delete()


def row_counts() -> dict[str, int]:
    models = [Story, Comment, CommentRevision, Reaction, Report, ModerationEvent, ImportedObject]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["User"] = get_user_model().objects.count()
    return counts


@pytest.fixture
def exported(story, reader, second_reader, moderator, tmp_path):
    build_thread(story, reader, second_reader, moderator)
    path = tmp_path / "export.jsonl"
    path.write_text(export_text(story.site, with_secrets=True))
    return path


def test_it_gives_the_same_export_after_an_import_into_an_empty_database(site, exported):
    before = canonical(exported.read_text())
    kinds = {line["type"] for line in before[1]}
    assert kinds == {
        "story",
        "user",
        "comment",
        "revision",
        "reaction",
        "report",
        "moderation_event",
    }
    wipe()
    output = run_import(exported, site)
    assert "comments: 4 created" in output
    assert "reactions: 2 created, 0 already there" in output
    after = canonical(export_text(site, with_secrets=True))
    assert after == before
    assert_counters_consistent(site)


def test_it_keeps_reaction_counts_and_lets_readers_sign_in_with_their_password(
    site, exported, client
):
    wipe()
    run_import(exported, site)
    counted = Comment.objects.annotate(n=Count("reactions")).values_list("reaction_count", "n")
    assert all(stored == actual for stored, actual in counted)
    assert sum(stored for stored, _ in counted) == 2
    assert client.login(username="reader", password="correct horse battery")


def test_importing_the_same_export_twice_changes_nothing(site, exported):
    wipe()
    run_import(exported, site)
    counts = row_counts()
    first = export_text(site, with_secrets=True)
    output = run_import(exported, site)
    assert "comments: 0 created" in output
    assert "reactions: 0 created, 2 already there" in output
    assert "moderation events: 0 created" in output
    assert row_counts() == counts
    # Not only the same content: the very same rows, ids included.
    second = export_text(site, with_secrets=True)
    assert first.splitlines()[1:] == second.splitlines()[1:]


def test_it_imports_into_a_second_site_of_the_same_install_once(site, exported):
    # Into a second site of the same install: users are matched by e-mail, not duplicated.
    other = Site.objects.create(slug="other", name="Other")
    run_import(exported, other)
    counts = row_counts()
    run_import(exported, other)
    assert row_counts() == counts
    assert canonical(export_text(other, with_secrets=True))[1] == canonical(exported.read_text())[1]


def test_without_secrets_imported_readers_set_a_password_by_email(site, story, reader, tmp_path):
    path = tmp_path / "plain.jsonl"
    post(story, reader, "A comment to export.")
    path.write_text(export_text(site))
    wipe()
    run_import(path, site)
    imported = get_user_model().objects.get(username="reader")
    assert imported.email == "reader@example.org"
    assert not imported.has_usable_password()


def test_it_still_imports_a_version_1_file(site, tmp_path):
    lines = [
        {"format": "civility", "version": 1, "site": "old", "exported_at": "2024-01-01T00:00:00Z"},
        {"type": "story", "id": 7, "slug": "old-story", "title": "Old story"},
        {"type": "user", "id": 3, "username": "old", "email": "old@example.org"},
        {"type": "comment", "id": 11, "story": 7, "parent": None, "author": 3,
         "source": "Hello", "html": "<p>Hello</p>", "status": "published",
         "created_at": "2024-01-01T10:00:00+00:00"},
    ]  # fmt: skip
    path = tmp_path / "v1.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    output = run_import(path, site)
    assert "comments: 1 created" in output
    comment = Comment.objects.get(story__slug="old-story")
    assert comment.author.username == "old" and comment.html == "<p>Hello</p>"
