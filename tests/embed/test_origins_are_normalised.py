"""Allowed origins compare as browsers send them: scheme, host and port, nothing else."""

from __future__ import annotations

import pytest

from civility.embed.origins import is_allowed, normalize_origin


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://WWW.Example.org", "https://www.example.org"),
        ("https://www.example.org/", "https://www.example.org"),
        ("https://www.example.org:443", "https://www.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://www.example.org/news/", None),
        ("https://www.example.org?x=1", None),
        ("https://user@www.example.org", None),
        ("javascript:alert(1)", None),
        ("www.example.org", None),
        ("null", None),
        ("https://www.example.org:99999", None),
    ],
)
def test_it_keeps_only_bare_origins(given, expected):
    assert normalize_origin(given) == expected


def test_a_lookalike_host_is_not_allowed():
    allowed = ["https://example.org"]
    assert is_allowed("https://example.org", allowed)
    assert not is_allowed("https://example.org.evil.example", allowed)
    assert not is_allowed("http://example.org", allowed)
    assert not is_allowed(None, allowed)
