from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import

FILE = FIXTURES / "remark42.jsonl"


@pytest.fixture
def imported(site):
    # The last line is not JSON: reported as an error, the rest still imports.
    with pytest.raises(CommandError):
        run_import(FILE, site)
    return {c.source: c for c in Comment.objects.filter(story__site=site)}


def test_it_imports_a_remark42_backup_line_by_line(site, imported):
    story = Story.objects.get(site=site)
    assert story.url == "https://gazette.example/news/one"
    assert story.title == "News one"
    assert len(imported) == 3


def test_it_threads_replies_keeps_utc_and_marks_deleted(site, imported):
    first, reply = imported["<p>First <b>comment</b></p>"], imported["<p>A reply</p>"]
    # The reply is dated before its parent (another clock); it still hangs under it.
    assert reply.parent_id == first.pk
    assert first.created_at == datetime(2019, 6, 1, 8, 0, tzinfo=UTC)
    assert reply.edited_at == datetime(2019, 6, 2, tzinfo=UTC)
    assert imported[""].status == "deleted"
    assert first.status == reply.status == "published"
    assert_counters_consistent(site)


def test_it_matches_remark42_users_by_their_id(site, imported):
    assert imported[""].author_id == imported["<p>First <b>comment</b></p>"].author_id
    assert get_user_model().objects.filter(comments__story__site=site).distinct().count() == 2
