"""What `civility export` writes: a versioned header, every kind of record, secrets on request."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management.base import CommandError

from civility.discussion.models import Comment, CommentRevision, Reaction, Report
from civility.imports.exporting import VERSION
from civility.moderation.models import ModerationEvent

from .export_builders import build_thread, export_objects

OLD = datetime(2020, 1, 1, tzinfo=UTC)
CUTOFF = "2024-01-01"


@pytest.fixture
def thread(story, reader, second_reader, moderator):
    return build_thread(story, reader, second_reader, moderator)


def of(lines: list[dict], kind: str) -> list[dict]:
    return [line for line in lines if line.get("type") == kind]


def test_it_starts_with_a_versioned_header(site, thread):
    header = export_objects(site)[0]
    assert header["format"] == "civility"
    assert header["version"] == VERSION == 2
    assert header["site"] == site.slug
    assert header["with_secrets"] is False and header["since"] is None


def test_it_exports_comments_with_status_and_everything_attached(site, thread, moderator):
    lines = export_objects(site)
    comments = {line["id"]: line for line in of(lines, "comment")}
    assert comments[thread.rejected.pk]["status"] == "rejected"
    assert comments[thread.reader_reply.pk]["parent"] == thread.reply.pk
    assert comments[thread.top.pk]["source"] == "The budget leaves the library short, again."
    revisions = of(lines, "revision")
    assert [r["source"] for r in revisions] == ["The budget leaves the **library** short again."]
    assert {(r["comment"], r["kind"]) for r in of(lines, "reaction")} == {
        (thread.top.pk, "insightful"),
        (thread.reply.pk, "like"),
    }
    (report,) = of(lines, "report")
    assert report["reason"] == "off_topic" and report["note"] == "Not about the budget."
    events = of(lines, "moderation_event")
    assert len(events) == ModerationEvent.objects.count()
    assert any(e["actor"] == moderator.pk and e["to_status"] == "rejected" for e in events)
    # Every person a line refers to is in the file, before the line that needs them.
    users = {line["id"] for line in of(lines, "user")}
    referred = {c["author"] for c in comments.values()} | {e["actor"] for e in events}
    referred |= {r["user"] for r in of(lines, "reaction")} | {report["reporter"]}
    assert referred - {None} <= users
    order = [line["type"] for line in lines[1:]]
    assert order == sorted(
        order,
        key=[
            "story", "user", "comment", "revision", "reaction", "report", "moderation_event"
        ].index,
    )  # fmt: skip


def test_it_leaves_password_hashes_out_unless_asked(site, thread, reader):
    assert all("password" not in user for user in of(export_objects(site), "user"))
    with_secrets = export_objects(site, with_secrets=True)
    assert with_secrets[0]["with_secrets"] is True
    hashes = {user["username"]: user["password"] for user in of(with_secrets, "user")}
    reader.refresh_from_db()
    assert hashes["reader"] == reader.password and reader.password.startswith("md5$")


def test_since_keeps_only_what_was_created_from_that_date(site, thread):
    old = [thread.top.pk, thread.rejected.pk]
    Comment.objects.filter(pk__in=old).update(created_at=OLD)
    CommentRevision.objects.update(created_at=OLD)
    Reaction.objects.filter(comment_id=thread.top.pk).update(created_at=OLD)
    Report.objects.update(created_at=OLD)
    ModerationEvent.objects.filter(comment_id__in=old).update(created_at=OLD)
    lines = export_objects(site, since=CUTOFF)
    assert lines[0]["since"] == "2024-01-01T00:00:00+00:00"
    assert {c["id"] for c in of(lines, "comment")} == {thread.reply.pk, thread.reader_reply.pk}
    assert of(lines, "revision") == [] and of(lines, "report") == []
    assert [r["comment"] for r in of(lines, "reaction")] == [thread.reply.pk]
    assert {e["comment"] for e in of(lines, "moderation_event")} == {
        thread.reply.pk,
        thread.reader_reply.pk,
    }
    # The stories are always there, so the comments have somewhere to go.
    assert len(of(lines, "story")) == 1


def test_it_refuses_a_since_that_is_not_a_date(site):
    with pytest.raises(CommandError, match="not an ISO date"):
        export_objects(site, since="last tuesday")


def test_it_does_not_export_other_sites(site, thread, make_user):
    from civility.stories.models import Site

    other = Site.objects.create(slug="other", name="Other")
    lines = export_objects(other)
    assert [line.get("type") for line in lines] == [None]
