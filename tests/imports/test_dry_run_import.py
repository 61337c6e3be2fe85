from __future__ import annotations

from django.contrib.auth import get_user_model

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, run_import


def test_a_dry_run_reports_the_counts_and_writes_nothing(site):
    output = run_import(FIXTURES / "wxr-1.1-http.xml", site, dry_run=True)
    assert "Dry run: nothing was written." in output
    assert "comments: 6 created" in output
    assert Story.objects.count() == 0
    assert Comment.objects.count() == 0
    assert get_user_model().objects.count() == 0
