"""Fuzz the Markdown renderer and the evasion normalizer: no crash, output always sanitized, and
adversarial inputs finish (in a subprocess with a generous timeout, so a blow-up fails the test
instead of hanging the suite)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civility.core.markdown import clean_comment_html, render_comment
from civility.text.evasion import find_terms, normalize, normalize_with_offsets

from .hostile_corpus import CORPUS
from .markup import fragment_problems

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces that mean something to Markdown or HTML, glued together at random.
PIECES = [
    "<",
    ">",
    "</",
    "/>",
    "<script>",
    "</script>",
    "<img src=x ",
    "onerror=",
    "onload=",
    "=",
    '"',
    "'",
    "`",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "*",
    "**",
    "_",
    "~",
    "\\",
    "&",
    "&#",
    ";",
    "#x6A;",
    "javascript:",
    "JAVASCRIPT:",
    "data:",
    "vbscript:",
    "java\tscript:",
    "\x00",
    "\u202e",
    "\u200b",
    "\ufeff",
    "http://",
    "https://",
    "mailto:",
    "//",
    "> ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    " ",
    "a",
    "x",
    "<a href=",
    "<svg",
    "<style>",
    "style=",
    "<iframe",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "{{",
    "}}",
    "hx-get=",
    "<p",
    "<b>",
    "</b>",
] + [text for _name, text in CORPUS if len(text) < 200]
markup_soup = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(max_size=300)


@FUZZ
@given(st.one_of(markup_soup, any_text))
def test_rendered_comments_are_always_sanitized(source):
    html = render_comment(source)
    assert not fragment_problems(html), (source, html, fragment_problems(html))


@FUZZ
@given(st.one_of(markup_soup, any_text))
def test_imported_html_is_always_cut_to_what_comments_may_carry(raw_html):
    html = clean_comment_html(raw_html)
    assert not fragment_problems(html), (raw_html, html, fragment_problems(html))


@FUZZ
@given(st.one_of(markup_soup, any_text))
def test_cleaning_twice_changes_nothing(source):
    html = render_comment(source)
    assert clean_comment_html(html) == html


@FUZZ
@given(st.one_of(markup_soup, any_text))
def test_the_normalizer_maps_every_character_back_into_the_text(text):
    normalized, offsets = normalize_with_offsets(text)
    assert normalized == normalize(text)
    assert len(offsets) == len(normalized)
    assert all(0 <= index < len(text) for index in offsets)


@FUZZ
@given(st.one_of(markup_soup, any_text), st.lists(st.text(min_size=1, max_size=12), max_size=5))
def test_term_matches_are_spans_of_the_original_text(text, terms):
    for match in find_terms(text, terms):
        assert 0 <= match.start < match.end <= len(text)
        assert match.term in terms


ADVERSARIAL = textwrap.dedent(
    """
    from civility.core.markdown import clean_comment_html, render_comment, render_story
    from civility.text.evasion import find_terms, normalize_with_offsets

    N = 5000
    sources = [
        "[" * N, "](" * N, "[a](" * (N // 4), "![" * N, "<" * N, ">" * N, "> " * N, "*" * N,
        "_" * N, "*a" * N, "**_" * N, "`" * N, "\\\\" * N, "&#" * N, "- " * N, '"' * N, "'" * N,
        "<a " * N, "(" * N, ")" * N, "[]" * N, "[" * N + "x" + "]" * N, "*" * N + "x" + "*" * N,
        "".join("  " * i + "- x\\n" for i in range(N // 10)), "1. " * N, "http://" + "a." * N,
        "<b>" * N, "<div>" * N, "<!--" * N, "<![CDATA[" * N, "\\u202e" * N,
    ]
    for source in sources:
        render_comment(source)
        render_story(source)
        clean_comment_html(source * 2)
    texts = [
        "a" * N, "a " * N, "a." * N, "a\\u200b" * N, "0" * N, "a\\u0301" * N, "\\u0430" * N,
        "a.s.s " * (N // 6), "s h i t " * (N // 8), "$" * N, "!" * N,
    ]
    terms = ["a a a", "aa", "ass", "shit", "a" * 40, "go back"]
    for text in texts:
        normalize_with_offsets(text)
        find_terms(text, terms)
    print("finished")
    """
)


def test_adversarial_inputs_finish():
    # Generous: the point is to catch a catastrophic blow-up, not to time anything.
    result = subprocess.run(
        [sys.executable, "-c", ADVERSARIAL],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "finished"
