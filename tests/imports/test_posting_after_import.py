from __future__ import annotations

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment
from civility.stories.models import Story

from .helpers import FIXTURES, assert_counters_consistent, run_import


def test_a_reader_can_comment_and_reply_after_an_import(site, reader):
    run_import(FIXTURES / "wxr-1.2-https.xml", site)
    story = Story.objects.get(title="Council passes the budget")
    parent = Comment.objects.get(source__startswith="First line")
    top, _ = do_post_comment(story=story, author=reader, text="New top-level comment")
    reply, _ = do_post_comment(story=story, author=reader, text="New reply", parent=parent)
    assert top.parent_id is None and top.depth == 0
    assert reply.path.startswith(parent.path)
    assert_counters_consistent(site)
