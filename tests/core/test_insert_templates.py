"""A compiled INSERT writes the row Model.objects.create() writes, and steps aside for what it
does not do (save signals, expression values)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.signals import post_save
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from civility.core.insert_templates import InsertTemplate
from civility.discussion.models import Comment
from civility.moderation.models import ModerationEvent


def comment_values(story, reader, path: str) -> dict:
    return {
        "story": story,
        "author": reader,
        "author_name": reader.username,
        "path": path,
        "root_seq": int(path, 36),
        "source": "The council *voted*.",
        "html": "<p>The council <em>voted</em>.</p>",
        "idempotency_key": f"key-{path}",
        "client_address": "203.0.113.9",
    }


def row(comment: Comment) -> dict:
    found = model_to_dict(Comment.objects.get(pk=comment.pk))
    found.pop("id")
    return found | {"created_at": None}


@pytest.mark.django_db
def test_it_writes_the_row_create_writes(story, reader):
    template = InsertTemplate("discussion.Comment")
    made = [template.create(**comment_values(story, reader, p)) for p in ("0001", "0002")]
    expected = Comment.objects.create(**comment_values(story, reader, "0003"))
    for comment in made:
        assert comment.pk is not None and not comment._state.adding
        assert comment._state.db == expected._state.db
        assert comment.story is story and comment.status == "published"
        assert row(comment) == row(expected) | {
            "path": comment.path,
            "root_seq": comment.root_seq,
            "idempotency_key": comment.idempotency_key,
        }
    # The default (timezone.now) was applied and stored as given.
    assert Comment.objects.get(pk=made[0].pk).created_at == made[0].created_at


@pytest.mark.django_db
def test_it_runs_one_query_seen_by_the_query_log_and_wrappers(story, reader):
    template = InsertTemplate(Comment)
    template.create(**comment_values(story, reader, "0001"))  # compiled
    seen = []

    def keep(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        template.create(**comment_values(story, reader, "0002"))
        with CaptureQueriesContext(connection) as logged:
            template.create(**comment_values(story, reader, "0003"))
    assert len(seen) == 2 and all(sql.startswith("INSERT INTO") for sql in seen)
    assert len(logged.captured_queries) == 1
    assert Comment.objects.count() == 3


@pytest.mark.django_db
def test_it_leaves_a_model_with_save_signals_to_save(story, reader):
    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(receiver, sender=Comment)
    try:
        comment = InsertTemplate(Comment).create(**comment_values(story, reader, "0001"))
    finally:
        post_save.disconnect(receiver, sender=Comment)
    assert heard == [(comment.pk, True)]


@pytest.mark.django_db
def test_it_leaves_expression_values_to_save(story, reader):
    values = comment_values(story, reader, "0002") | {"root_seq": Value(3) + Value(4)}
    made = InsertTemplate(Comment).create(**values)
    made.refresh_from_db()
    assert made.root_seq == 7


@pytest.mark.django_db
def test_it_refuses_an_unsaved_related_object_as_save_does(story, reader):
    unsaved = Comment(**comment_values(story, reader, "0009"))
    with pytest.raises(ValueError, match="unsaved related object"):
        InsertTemplate(ModerationEvent).create(comment=unsaved, to_status="published")
    assert not ModerationEvent.objects.exists()
