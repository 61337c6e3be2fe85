from __future__ import annotations

import io

import pytest

from civility.imports.formats import detect_format

from .helpers import FIXTURES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("disqus.xml", "disqus"),
        ("wxr-1.0-http.xml", "wxr"),
        ("wxr-1.1-http.xml", "wxr"),
        ("wxr-1.2-https.xml", "wxr"),
        ("snapshot.txt", "snapshot"),
        ("commento.json", "commento"),
        ("remark42.jsonl", "remark42"),
    ],
)
def test_it_detects_each_format_from_the_first_bytes(name, expected):
    stream = io.BytesIO((FIXTURES / name).read_bytes())
    assert detect_format(stream) == expected
    assert stream.tell() == 0
