"""Tasks retry transient failures, and `once` keeps a redelivered task from acting twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError, transaction
from django.utils import timezone

from civility.core import tasks
from civility.core.models import RateCounter, TaskRun
from civility.discussion.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

calls: list[int] = []


@tasks.once(key=lambda comment_id, **_: f"test-thank:{comment_id}")
def thank_author(comment_id: int, *, fail: bool = False) -> str:
    calls.append(comment_id)
    Comment.objects.filter(pk=comment_id).update(reply_count=99)
    if fail:
        raise RuntimeError("the mail server hung up")
    return "sent"


@pytest.fixture(autouse=True)
def _clear():
    calls.clear()


@pytest.fixture
def comment(story, reader):
    from civility.discussion.actions import do_post_comment

    return do_post_comment(story=story, author=reader, text="Worth a thank-you note.")[0]


def test_a_second_delivery_of_the_same_task_does_nothing(comment):
    assert thank_author(comment.pk) == "sent"
    assert thank_author(comment.pk) is None
    assert calls == [comment.pk]
    assert TaskRun.objects.filter(key=f"test-thank:{comment.pk}").exists()


def test_a_failed_run_records_nothing_so_the_retry_runs_again(comment):
    with pytest.raises(RuntimeError):
        thank_author(comment.pk, fail=True)
    comment.refresh_from_db()
    assert comment.reply_count == 0  # its writes rolled back with the key
    assert not tasks.already_done(f"test-thank:{comment.pk}")
    assert thank_author(comment.pk) == "sent"
    assert calls == [comment.pk, comment.pk]


def test_once_inside_a_transaction_that_rolls_back_forgets_the_run(comment):
    with pytest.raises(RuntimeError), transaction.atomic():
        thank_author(comment.pk)
        raise RuntimeError("the caller failed after")
    assert thank_author(comment.pk) == "sent"


def test_different_keys_run_independently(comment, story, reader):
    from civility.discussion.actions import do_post_comment

    other = do_post_comment(story=story, author=reader, text="Another one.")[0]
    thank_author(comment.pk)
    thank_author(other.pk)
    assert calls == [comment.pk, other.pk]


def test_background_tasks_retry_transient_errors_with_backoff():
    @tasks.background_task(name="tests.flaky")
    def flaky() -> None:
        raise OperationalError("server closed the connection")

    assert OperationalError in flaky.autoretry_for
    assert flaky.max_retries == 5
    assert flaky.retry_backoff and flaky.retry_jitter


def test_a_once_task_deferred_twice_runs_once_inline(settings, comment):
    settings.CELERY_BROKER_URL = ""

    @tasks.background_task(name="tests.thank")
    def thank(comment_id: int) -> None:
        thank_author(comment_id)

    with transaction.atomic():
        tasks.defer(thank, comment.pk)
        tasks.defer(thank, comment.pk)  # e.g. a retried request
    assert calls == [comment.pk]


def test_prune_forgets_old_runs_and_expired_counters(settings):
    settings.TASK_RUN_KEEP_DAYS = 7
    old = TaskRun.objects.create(key="old")
    TaskRun.objects.filter(pk=old.pk).update(done_at=timezone.now() - timedelta(days=8))
    TaskRun.objects.create(key="recent")
    RateCounter.objects.create(
        key="gone", count=3, expires_at=timezone.now() - timedelta(seconds=1)
    )
    RateCounter.objects.create(
        key="live", count=3, expires_at=timezone.now() + timedelta(minutes=1)
    )
    assert tasks.prune() == {"task_runs": 1, "rate_counters": 1}
    assert set(TaskRun.objects.values_list("key", flat=True)) == {"recent"}
    assert set(RateCounter.objects.values_list("key", flat=True)) == {"live"}
