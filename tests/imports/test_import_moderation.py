"""`civility import --moderate`: imported comments pass the pipeline; the queue shows the result."""

from __future__ import annotations

import json

import pytest

from civility.discussion.models import Comment
from civility.imports import tasks
from civility.moderation.actions import IMPORT_REVIEW_NOTE, do_approve
from civility.moderation.models import (
    CommentSignature,
    ModerationEvent,
    ModerationSettings,
    WordKind,
    WordRule,
)
from civility.moderation.queue.selectors import Filters, tab_comments
from civility.stories.models import Story

from .helpers import assert_counters_consistent, run_import


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    """These tests watch the review run inline; CI's PostgreSQL pass also has a real broker."""
    settings.CELERY_BROKER_URL = ""


def commento_export(path) -> None:  # type: ignore[no-untyped-def]
    def comment(hex_id, text, state="approved", parent="root", minute=0):  # type: ignore[no-untyped-def]
        return {
            "commentHex": hex_id,
            "domain": "gazette.example",
            "url": "/news/one",
            "commenterHex": f"reader-{hex_id}",
            "markdown": text,
            "parentHex": parent,
            "state": state,
            "creationDate": f"2024-03-01T09:{minute:02d}:00Z",
            "deleted": False,
        }

    comments = [
        comment("c1", "A calm and reasonable point about the budget.", minute=1),
        comment("c2", "Those councillors are all bananas, every one.", minute=2),
        comment("c3", "Held at the source, and bananas too.", state="unapproved", minute=3),
        comment("c4", "A reply that is fine.", parent="c2", minute=4),
    ]
    commenters = [
        {"commenterHex": f"reader-c{n}", "name": f"Reader {n}", "email": f"r{n}@example.org"}
        for n in range(1, 5)
    ]
    path.write_text(json.dumps({"version": 1, "comments": comments, "commenters": commenters}))


@pytest.fixture
def export(tmp_path, site):
    # Only the word list decides here, so the outcome does not hang on the scorer or history.
    ModerationSettings.objects.create(
        site=site, ml_enabled=False, off_topic_enabled=False, history_enabled=False
    )
    WordRule.objects.create(site=site, phrase="bananas", kind=WordKind.SUSPECT)
    path = tmp_path / "commento.json"
    commento_export(path)
    return path


def comments(site) -> dict[str, Comment]:  # type: ignore[no-untyped-def]
    return {c.source: c for c in Comment.objects.filter(story__site=site)}


def pending(site) -> set[str]:  # type: ignore[no-untyped-def]
    return set(tab_comments([site.pk], Filters(tab="pending")).values_list("source", flat=True))


def import_moderated(path, site, django_capture_on_commit_callbacks, **options) -> str:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return run_import(path, site, moderate=True, **options)


def test_it_queues_what_the_pipeline_would_hold_and_keeps_published_comments_published(
    site, export, django_capture_on_commit_callbacks
):
    output = import_moderated(export, site, django_capture_on_commit_callbacks)
    assert "moderation: imported comments reviewed inline." in output
    found = comments(site)
    flagged = found["Those councillors are all bananas, every one."]
    assert flagged.status == "published"
    event = ModerationEvent.objects.get(comment=flagged)
    assert event.note == IMPORT_REVIEW_NOTE
    assert event.actor is None
    assert (event.from_status, event.to_status) == ("published", "published")
    assert event.reason_codes == ["suspect_word"] or "bananas" in json.dumps(event.evidence)
    held = found["Held at the source, and bananas too."]
    assert held.status == "held"
    assert ModerationEvent.objects.filter(comment=held).count() == 1
    assert pending(site) == {flagged.source, held.source}
    fine = found["A calm and reasonable point about the budget."]
    assert not ModerationEvent.objects.filter(comment=fine).exists()
    # Every imported comment leaves its fingerprint for the checks on later comments.
    assert CommentSignature.objects.filter(site=site).count() == 4
    assert Story.objects.get(site=site).comment_count == 3
    assert_counters_consistent(site)


def test_a_moderator_decision_takes_a_published_comment_out_of_pending(
    site, export, moderator, django_capture_on_commit_callbacks
):
    import_moderated(export, site, django_capture_on_commit_callbacks)
    flagged = comments(site)["Those councillors are all bananas, every one."]
    do_approve(flagged, moderator)
    assert flagged.source not in pending(site)
    assert Comment.objects.get(pk=flagged.pk).status == "published"


def test_running_the_review_again_writes_no_second_event(
    site, export, django_capture_on_commit_callbacks
):
    import_moderated(export, site, django_capture_on_commit_callbacks)
    before = sorted(ModerationEvent.objects.values_list("comment_id", "note"))
    ids = list(Comment.objects.filter(story__site=site).values_list("pk", flat=True))
    assert tasks.review_comments.apply(args=(site.pk, ids)).get() == 0
    assert sorted(ModerationEvent.objects.values_list("comment_id", "note")) == before
    assert CommentSignature.objects.filter(site=site).count() == 4


def test_importing_the_file_again_reviews_nothing_new(
    site, export, django_capture_on_commit_callbacks
):
    import_moderated(export, site, django_capture_on_commit_callbacks)
    events = ModerationEvent.objects.count()
    output = import_moderated(export, site, django_capture_on_commit_callbacks)
    assert "comments: 0 created, 4 already there" in output
    assert ModerationEvent.objects.count() == events


def test_a_site_that_asks_for_it_has_flagged_published_comments_unpublished(
    site, export, django_capture_on_commit_callbacks
):
    ModerationSettings.objects.filter(site=site).update(import_moderation_unpublishes=True)
    import_moderated(export, site, django_capture_on_commit_callbacks)
    flagged = comments(site)["Those councillors are all bananas, every one."]
    assert flagged.status == "held"
    event = ModerationEvent.objects.get(comment=flagged)
    assert (event.from_status, event.to_status) == ("published", "held")
    assert Story.objects.get(site=site).comment_count == 2
    assert_counters_consistent(site)


def test_a_dry_run_reviews_nothing(site, export, django_capture_on_commit_callbacks):
    output = import_moderated(export, site, django_capture_on_commit_callbacks, dry_run=True)
    assert "moderation:" not in output
    assert not ModerationEvent.objects.exists()
    assert not Comment.objects.exists()


def test_without_moderate_nothing_is_reviewed(site, export, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(export, site)
    assert not ModerationEvent.objects.exists()
    assert pending(site) == {"Held at the source, and bananas too."}
