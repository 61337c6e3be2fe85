"""Run the import command on a fixture; check the thread bookkeeping."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"


def run_import(path: Path | str, site, **options) -> str:  # type: ignore[no-untyped-def]
    """Run `civility import` and return what it printed to stdout."""
    out = StringIO()
    call_command("import", str(path), site=site.slug, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def assert_counters_consistent(site) -> None:  # type: ignore[no-untyped-def]
    """Every stored counter equals what the comments themselves say."""
    from civility.discussion import thread_path
    from civility.discussion.models import Comment, CommentStatus
    from civility.stories.models import Story

    for story in Story.objects.filter(site=site):
        comments = list(Comment.objects.filter(story=story))
        published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
        assert story.comment_count == len(published), story
        tops = [c for c in comments if c.parent_id is None]
        assert story.top_seq == max((c.root_seq for c in tops), default=0), story
        for comment in comments:
            replies = [c for c in comments if c.parent_id == comment.pk]
            assert comment.child_seq == len(replies), comment
            assert comment.reply_count == sum(
                1 for c in replies if c.status == CommentStatus.PUBLISHED
            )
            assert comment.depth == thread_path.depth_of(comment.path)
            if comment.parent_id is not None:
                parent = next(c for c in comments if c.pk == comment.parent_id)
                assert comment.path.startswith(parent.path)
                assert comment.root_seq == parent.root_seq
