"""The whole import path (parse, spool, write) holds a bounded amount in memory, not the file."""

from __future__ import annotations

import tracemalloc

from civility.discussion.models import Comment
from civility.imports.formats import disqus
from civility.imports.loader import load

COMMENTS = 5_000
# Kept small enough for the suite (about 20 s). Streamed through the on-disk spool the traced
# peak is about 7 MB here and does not grow with the file (bench/import_bench.py shows it at
# 200,000 comments); the ceiling is generous so only a loader that keeps records fails it.
CEILING_BYTES = 16 * 1024 * 1024
TEXT = "a reasonably ordinary sentence of reader opinion, padded out. " * 8


def write_export(path) -> None:  # type: ignore[no-untyped-def]
    with path.open("w") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
            '<thread dsq:id="t1"><link>https://gazette.example/big</link><title>Big</title>'
            "</thread>\n"
        )
        for n in range(COMMENTS):
            # Every other comment replies to the one before it, and is dated a second
            # earlier than it, so every reply has to wait in the spool for its parent.
            parent = f'<parent dsq:id="p{n - 1}"/>' if n % 2 else ""
            second = n + 1 if n % 2 == 0 else n - 1
            minute, sec = divmod(second, 60)
            hour, minute = divmod(minute, 60)
            out.write(
                f'<post dsq:id="p{n}"><message><![CDATA[<p>{n} {TEXT}</p>]]></message>'
                f"<createdAt>2024-03-01T{hour:02d}:{minute:02d}:{sec:02d}Z</createdAt>"
                f"<author><email>user{n % 50}@example.org</email><name>User {n % 50}</name>"
                f'</author><thread dsq:id="t1"/>{parent}</post>\n'
            )
        out.write("</disqus>\n")


def test_a_large_export_imports_with_bounded_memory_and_keeps_replies_under_parents(tmp_path, site):
    path = tmp_path / "big.xml"
    write_export(path)
    assert path.stat().st_size > COMMENTS * 500
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            summary = load(disqus.convert(stream), site=site, source_format="disqus")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.comments_created == COMMENTS
    assert not summary.errors
    assert peak < CEILING_BYTES, peak
    replies = Comment.objects.filter(story__site=site, depth=1)
    assert replies.count() == COMMENTS // 2
    assert Comment.objects.filter(story__site=site, depth=0, child_seq=1).count() == COMMENTS // 2
