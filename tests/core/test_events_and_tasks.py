"""Events reach listeners only after commit; deferred tasks run inline without a broker."""

from __future__ import annotations

import pytest
from celery import shared_task
from django.db import transaction

from civility.core import events, tasks
from civility.discussion import actions
from civility.sanctions.actions import do_ban

pytestmark = pytest.mark.django_db(transaction=True)

heard: list[events.Event] = []


@pytest.fixture(autouse=True)
def recorder():
    heard.clear()
    listener = events.listen("*")(heard.append)
    yield heard
    events._listeners["*"].remove(listener)


def names() -> list[str]:
    return [event.name for event in heard]


def test_a_published_reply_announces_created_replied_and_published(story, reader, second_reader):
    parent, _ = actions.do_post_comment(story=story, author=reader, text="First thoughts here.")
    heard.clear()
    reply, _ = actions.do_post_comment(
        story=story, author=second_reader, text="A measured reply.", parent=parent
    )
    assert names() == ["comment.created", "comment.replied", "comment.published"]
    assert {e.comment_id for e in heard} == {reply.pk}
    assert {e.site_id for e in heard} == {story.site_id}


def test_nothing_is_heard_when_the_transaction_rolls_back(story, reader):
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.do_post_comment(story=story, author=reader, text="Never committed.")
        raise RuntimeError("roll back")
    assert heard == []


def test_reports_and_bans_are_announced(story, reader, second_reader, moderator):
    comment, _ = actions.do_post_comment(story=story, author=reader, text="Something to report.")
    heard.clear()
    actions.do_report(comment=comment, user=second_reader, reason="spam")
    actions.do_report(comment=comment, user=second_reader, reason="spam")  # an update: not new
    do_ban(moderator=moderator, user=reader, site=story.site, reason="abuse")
    assert names() == ["report.created", "user.banned"]
    assert heard[1].user_id == reader.pk and heard[1].actor_id == moderator.pk


def test_a_failing_listener_does_not_stop_the_others(story, reader):
    def broken(event):
        raise ValueError("boom")

    events.listen("comment.created")(broken)
    try:
        actions.do_post_comment(story=story, author=reader, text="Still heard by everyone.")
    finally:
        events._listeners["comment.created"].remove(broken)
    assert "comment.created" in names()


def test_unknown_events_are_refused():
    with pytest.raises(ValueError, match="unknown event"):
        events.emit("comment.exploded", site_id=1)


ran: list[int] = []


@shared_task
def remember(value: int) -> None:
    ran.append(value)


def test_deferred_tasks_run_inline_after_commit(settings):
    settings.CELERY_BROKER_URL = ""
    ran.clear()
    with transaction.atomic():
        tasks.defer(remember, 7)
        assert ran == []
    assert ran == [7]
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.defer(remember, 8)
        raise RuntimeError("roll back")
    assert ran == [7]
