from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import

VERSIONS = ["wxr-1.0-http.xml", "wxr-1.1-http.xml", "wxr-1.2-https.xml"]


@pytest.fixture(params=VERSIONS)
def imported(request, site):
    output = run_import(FIXTURES / request.param, site)
    return output, {c.source.split("\n")[0]: c for c in Comment.objects.all()}


def test_it_imports_every_post_type_that_carries_comments(site, imported):
    titles = set(Story.objects.filter(site=site).values_list("title", flat=True))
    assert titles == {"Council passes the budget", "About us"}  # the attachment has none
    assert Story.objects.get(title="About us").is_open is False


def test_it_maps_comment_approved_to_statuses(imported):
    _, comments = imported
    assert comments["First line"].status == "published"
    assert comments["Reply with local time only"].status == "held"
    assert comments["Cheap pills"].status == "rejected"
    assert comments["Trashed"].status == "deleted"


def test_it_skips_and_counts_pingbacks_and_trackbacks(imported):
    output, comments = imported
    assert "Pingback" not in comments and "Trackback" not in comments
    assert "skipped (pingback): 1" in output
    assert "skipped (trackback): 1" in output


def test_it_prefers_the_gmt_date_and_falls_back_to_local_time(imported):
    _, comments = imported
    assert comments["First line"].created_at == datetime(2024, 3, 1, 11, 0, tzinfo=UTC)
    assert comments["Reply with local time only"].created_at == datetime(
        2024, 3, 1, 14, 0, tzinfo=UTC
    )


def test_it_tolerates_a_comment_with_hardly_any_fields(imported):
    _, comments = imported
    sparse = comments["Hardly any fields"]
    assert sparse.status == "held" and sparse.author_id is None
    assert sparse.created_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)  # the post's date


def test_it_threads_replies_and_keeps_counters(site, imported):
    _, comments = imported
    assert comments["Reply with local time only"].parent_id == comments["First line"].pk
    assert_counters_consistent(site)


def test_it_turns_plain_lines_into_paragraphs_and_drops_unsafe_markup(imported):
    _, comments = imported
    html = comments["First line"].html
    assert html.startswith("<p>First line<br>second line</p><p>New paragraph")
    assert "<strong>bold</strong>" in html
    assert "<img" not in html and "onerror" not in html


def test_it_matches_the_same_author_across_stories_by_email(imported):
    _, comments = imported
    assert comments["Nice page"].author_id == comments["First line"].author_id
    assert comments["Nice page"].author_id is not None
