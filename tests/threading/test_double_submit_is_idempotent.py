"""Submitting the same form twice (same idempotency key) writes one comment."""

from __future__ import annotations

from civility.discussion import actions
from civility.discussion.models import Comment


def test_it_returns_the_first_comment_for_the_same_key(story, reader):
    first, verdict = actions.do_post_comment(
        story=story, author=reader, text="Once only.", idempotency_key="form-123"
    )
    again, second_verdict = actions.do_post_comment(
        story=story, author=reader, text="Once only.", idempotency_key="form-123"
    )
    assert again.pk == first.pk
    assert verdict is not None
    assert second_verdict is None
    assert Comment.objects.filter(story=story).count() == 1
    story.refresh_from_db()
    assert (story.comment_count, story.top_seq) == (1, 1)


def test_it_keys_the_check_to_the_author(story, reader, second_reader):
    mine, _ = actions.do_post_comment(story=story, author=reader, text="Hi.", idempotency_key="k")
    theirs, _ = actions.do_post_comment(
        story=story, author=second_reader, text="Hi.", idempotency_key="k"
    )
    assert mine.pk != theirs.pk


def test_it_writes_a_new_comment_for_each_post_without_a_key(story, reader):
    a, _ = actions.do_post_comment(story=story, author=reader, text="Same words.")
    b, _ = actions.do_post_comment(story=story, author=reader, text="Same words.")
    assert a.pk != b.pk
    assert a.path != b.path


def test_it_compares_only_the_first_64_characters_of_a_key(story, reader):
    long_key = "x" * 64
    first, _ = actions.do_post_comment(
        story=story, author=reader, text="Hi.", idempotency_key=long_key + "a"
    )
    again, verdict = actions.do_post_comment(
        story=story, author=reader, text="Hi.", idempotency_key=long_key + "b"
    )
    assert (again.pk, verdict) == (first.pk, None)
