from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import


@pytest.fixture
def imported(site):
    with pytest.raises(CommandError, match="1 record"):
        run_import(FIXTURES / "disqus.xml", site)
    return {c.source: c for c in Comment.objects.all()}


def by_text(imported, fragment):
    return next(c for source, c in imported.items() if fragment in source)


def test_it_imports_every_thread_and_falls_back_to_the_link_without_an_id(site, imported):
    stories = {s.url: s for s in Story.objects.filter(site=site)}
    assert set(stories) == {
        "https://gazette.example/budget",
        "https://gazette.example/floods",
        "https://gazette.example/closed",
    }
    assert stories["https://gazette.example/budget"].external_id == "budget-2024"
    assert stories["https://gazette.example/floods"].external_id == ""
    assert stories["https://gazette.example/closed"].is_open is False


def test_it_maps_deleted_spam_and_unapproved_posts_to_statuses(imported):
    assert by_text(imported, "First!").status == "published"
    assert by_text(imported, "I was deleted").status == "deleted"
    assert by_text(imported, "cheap pills").status == "rejected"
    assert by_text(imported, "Waiting for approval").status == "held"


def test_it_keeps_replies_under_their_parent_in_time_order(imported):
    first = by_text(imported, "First!")
    earlier = by_text(imported, "Earlier reply")
    later = by_text(imported, "Reply to Bob")
    assert earlier.parent_id == first.pk and later.parent_id == first.pk
    assert first.path < earlier.path < later.path
    assert first.reply_count == 2


def test_it_attaches_a_reply_to_a_deleted_parent_and_keeps_an_orphan_top_level(imported):
    deleted = by_text(imported, "I was deleted")
    assert by_text(imported, "Reply to a deleted").parent_id == deleted.pk
    orphan = by_text(imported, "My parent is gone")
    assert orphan.parent_id is None and orphan.depth == 0


def test_it_skips_a_post_whose_thread_is_not_in_the_file(imported):
    assert not any("no such thread" in source for source in imported)


def test_it_keeps_the_counters_consistent(site, imported):
    assert_counters_consistent(site)
    budget = Story.objects.get(url="https://gazette.example/budget")
    assert budget.comment_count == 4


def test_it_converts_times_to_utc(imported):
    assert by_text(imported, "Waiting for approval").created_at == datetime(
        2024, 3, 1, 12, 0, tzinfo=UTC
    )


def test_it_cleans_the_html_of_scripts_and_javascript_links(imported):
    html = by_text(imported, "First!").html
    assert "<script" not in html and "javascript:" not in html
    assert html.startswith("<p>First!")


def test_it_matches_users_by_email_and_keeps_anonymous_authors_as_names(imported):
    users = get_user_model().objects.all()
    assert sorted(u.email.lower() for u in users) == [
        "bob@example.org",
        "dan@example.org",
        "spam@example.net",
    ]
    assert all(not u.has_usable_password() for u in users)
    guest = by_text(imported, "Reply to Bob")
    assert guest.author_id is None and guest.display_author == "Guest Carol"
    bob_comments = Comment.objects.filter(author__email="bob@example.org")
    assert bob_comments.count() == 3  # p4 wrote the address in capitals


def test_it_reports_the_skip_and_exits_non_zero(site):
    with pytest.raises(CommandError, match="skipped for errors"):
        run_import(FIXTURES / "disqus.xml", site)
    assert Comment.objects.count() == 8
