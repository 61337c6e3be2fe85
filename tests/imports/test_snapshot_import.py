from __future__ import annotations

from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import


def test_it_reads_the_title_author_and_body_without_page_chrome(site):
    run_import(FIXTURES / "snapshot.txt", site)
    story = Story.objects.get(site=site)
    assert story.title == "Bridge closes after floods"
    assert story.author_name == "Ann Writer"
    assert story.body_markdown == (
        "The river rose two metres overnight.\n\nThe council closed the bridge at dawn."
    )
    for chrome in ("Save settings", "Comment viewing options", "Text size", "Share"):
        assert chrome not in story.body_markdown


def test_it_imports_the_comments_in_page_order_as_top_level_by_their_authors(site):
    run_import(FIXTURES / "snapshot.txt", site)
    comments = list(Comment.objects.order_by("path"))
    assert [(c.author_name, c.source) for c in comments] == [
        ("Bob", "About time they closed it.\n\nI drive it every day."),
        ("Carol Smith", "Stay safe, everyone."),
        ("Bob", "Update: the detour is slow."),
    ]
    assert all(c.parent_id is None and c.status == "published" for c in comments)
    assert comments[0].author_id == comments[2].author_id is not None
    assert comments[0].created_at < comments[1].created_at < comments[2].created_at
    assert_counters_consistent(site)


def test_it_is_detected_without_naming_the_format(site):
    output = run_import(FIXTURES / "snapshot.txt", site)
    assert "comments: 3 created" in output
