"""The demo thread is planned from a seed: the same every time, varied, and well formed."""

from __future__ import annotations

from civility.core.demo.thread import plan_thread

SPAN = 3 * 24 * 60


def _plan(seed: int = 11):
    return plan_thread(seed=seed, total=300, top_level=40, span_minutes=SPAN)


def test_it_plans_the_same_thread_from_the_same_seed():
    first, second = _plan(), _plan()
    assert [(c.key, c.parent, c.author.username, c.text, c.minute) for c in first] == [
        (c.key, c.parent, c.author.username, c.text, c.minute) for c in second
    ]
    assert [c.text for c in _plan(12)] != [c.text for c in first]


def test_it_never_repeats_a_comment_word_for_word():
    texts = [c.text for c in _plan()]
    assert len(texts) == len(set(texts))


def test_it_puts_every_reply_after_its_parent_and_within_the_story_lifetime():
    plan = _plan()
    position = {c.key: i for i, c in enumerate(plan)}
    minutes = {c.key: c.minute for c in plan}
    for comment in plan:
        assert 0 < comment.minute < SPAN
        if comment.parent is not None:
            assert position[comment.parent] < position[comment.key]
            assert minutes[comment.parent] <= comment.minute


def test_it_never_has_a_reader_answer_themselves():
    plan = _plan()
    authors = {c.key: c.author for c in plan}
    assert all(authors[c.parent] is not c.author for c in plan if c.parent is not None)


def test_it_goes_at_least_four_levels_deep():
    assert max(c.depth for c in _plan()) >= 4
