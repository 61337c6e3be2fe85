"""Pages past the middle of a thread are read from its far end (a small OFFSET), and list
exactly the rows a plain OFFSET from the start would, for every mode, order and reader."""

from __future__ import annotations

import random
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from thread_builders import ALL_OPTIONS, STATUSES, Spec, build

from civility.discussion.thread_page import ordered_thread, thread_page
from civility.discussion.viewing import ViewingOptions


def _specs(n: int = 23) -> list[Spec]:
    rng = random.Random(7)
    specs: list[Spec] = []
    for i in range(n):
        parent = rng.choice([None, None, rng.randrange(i)]) if i else None
        author = rng.randrange(4)
        specs.append(
            Spec(
                parent=parent,
                author=author,
                status=rng.choice(STATUSES),
                minute=rng.randrange(3),  # ties in created_at
                reactors={u: "like" for u in range(rng.randrange(3)) if u != author},
            )
        )
    return specs


def _offsets(sql: list[str]) -> list[int]:
    return [int(m) for q in sql for m in re.findall(r"OFFSET (\d+)", q)]


def test_every_page_matches_a_plain_offset_from_the_start(story, authors, viewers):
    build(story, authors, _specs())
    for viewer in viewers:
        for mode, order in ALL_OPTIONS:
            for per_page in (2, 5):  # odd-sized last pages
                options = ViewingOptions(mode=mode, order=order, per_page=per_page)
                ordered, _ = ordered_thread(viewer, story, options)
                everything = [(c.pk, c.is_placeholder) for c in ordered]
                first = thread_page(viewer, story, options, 1)
                assert first.total == len(everything)
                for number in range(1, first.num_pages + 1):
                    start = (number - 1) * per_page
                    with CaptureQueriesContext(connection) as queries:
                        page = thread_page(viewer, story, options, number)
                    listed = [(c.pk, c.is_placeholder) for c in page.comments]
                    assert listed == everything[start : start + per_page], (mode, order, number)
                    # No page skips more than half the thread.
                    sql = [q["sql"] for q in queries.captured_queries]
                    assert all(o <= first.total // 2 for o in _offsets(sql)), (sql, number)
