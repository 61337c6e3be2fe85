"""Helpers for the story page tests: comment threads built quickly and a fixed moderation verdict."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from civility.core.markdown import render_comment
from civility.discussion import thread_path
from civility.discussion.models import Comment
from civility.stories.models import Story


@pytest.fixture(autouse=True)
def _pipeline_switch(verdict):
    """Every test here publishes unless it sets `verdict` (tests/conftest.py)."""
    return verdict


@pytest.fixture
def build_thread():
    """Return the thread builder below, for tests that need many comments quickly."""
    return _build_thread


def _build_thread(story: Story, authors: list, count: int, *, start=None) -> list[Comment]:
    """Bulk-create count published comments with valid paths: every fourth starts a thread, the
    rest reply to the comment before (or to its thread's root when that one is three deep).

    Returned in creation order; created_at rises by one second per comment."""
    start = start or timezone.now() - timedelta(days=2)
    nodes: list[dict] = []
    child_seq: dict[int, int] = {}
    top_seq = story.top_seq
    for i in range(count):
        if i % 4 == 0 or not nodes:
            top_seq += 1
            node = {
                "parent": None,
                "path": thread_path.child_path("", top_seq),
                "depth": 0,
                "root_seq": top_seq,
            }
        else:
            parent_index = i - 1 if nodes[i - 1]["depth"] < 3 else nodes[i - 1]["root_index"]
            parent = nodes[parent_index]
            seq = child_seq.get(parent_index, 0)
            child_seq[parent_index] = seq + 1
            node = {
                "parent": parent_index,
                "path": thread_path.child_path(parent["path"], seq),
                "depth": parent["depth"] + 1,
                "root_seq": parent["root_seq"],
            }
        node["root_index"] = i if node["parent"] is None else nodes[node["parent"]]["root_index"]
        nodes.append(node)
    comments: list[Comment | None] = [None] * count
    for depth in range(max(n["depth"] for n in nodes) + 1 if nodes else 0):
        batch = []
        for i, node in enumerate(nodes):
            if node["depth"] != depth:
                continue
            author = authors[i % len(authors)]
            text = f"Comment number {i} says something."
            comment = Comment(
                story=story,
                author=author,
                author_name=author.get_username(),
                parent=comments[node["parent"]] if node["parent"] is not None else None,
                path=node["path"],
                depth=node["depth"],
                root_seq=node["root_seq"],
                child_seq=child_seq.get(i, 0),
                reply_count=child_seq.get(i, 0),
                source=text,
                html=render_comment(text),
                created_at=start + timedelta(seconds=i),
            )
            comments[i] = comment
            batch.append(comment)
        Comment.objects.bulk_create(batch, batch_size=500)
    Story.objects.filter(pk=story.pk).update(
        top_seq=top_seq, comment_count=F("comment_count") + count
    )
    story.refresh_from_db()
    return comments  # type: ignore[return-value]
