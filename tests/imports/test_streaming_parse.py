from __future__ import annotations

import tracemalloc

from civility.imports.formats import disqus
from civility.imports.records import CommentRecord

POSTS = 20_000
# A parser that kept the tree would need about 40 MB here; streaming holds one post at a time.
CEILING_BYTES = 2 * 1024 * 1024


def write_big_disqus_file(path) -> None:  # type: ignore[no-untyped-def]
    with path.open("w") as handle:
        handle.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
            '<thread dsq:id="t1"><link>https://gazette.example/big</link><title>Big</title>'
            "</thread>\n"
        )
        for n in range(POSTS):
            handle.write(
                f'<post dsq:id="p{n}"><message><![CDATA[<p>Comment number {n} '
                f"{'with some padding text ' * 8}</p>]]></message>"
                "<createdAt>2024-03-01T09:00:00Z</createdAt>"
                "<isDeleted>false</isDeleted><isSpam>false</isSpam>"
                f"<author><email>user{n % 500}@example.org</email><name>User {n % 500}</name>"
                '</author><thread dsq:id="t1"/></post>\n'
            )
        handle.write("</disqus>\n")


def test_the_disqus_parser_streams_a_large_file_in_bounded_memory(tmp_path):
    path = tmp_path / "big.xml"
    write_big_disqus_file(path)
    assert path.stat().st_size > 4 * CEILING_BYTES
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            count = sum(1 for rec in disqus.convert(stream) if isinstance(rec, CommentRecord))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == POSTS
    assert peak < CEILING_BYTES, peak
