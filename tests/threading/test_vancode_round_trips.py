"""Vancodes: numbers written so that plain string order is numeric order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civility.discussion.thread_path import (
    child_path,
    depth_of,
    int_to_vancode,
    segments,
    vancode_to_int,
)

numbers = st.integers(min_value=0, max_value=36**36 - 1)


@given(numbers)
def test_it_reads_back_every_number_it_writes(number):
    assert vancode_to_int(int_to_vancode(number)) == number


@given(numbers, numbers)
def test_its_string_order_is_numeric_order(a, b):
    assert (int_to_vancode(a) < int_to_vancode(b)) == (a < b)
    assert (int_to_vancode(a) == int_to_vancode(b)) == (a == b)


@pytest.mark.parametrize(
    ("number", "code"),
    [(0, "00"), (1, "01"), (35, "0z"), (36, "110"), (1295, "1zz"), (1296, "2100")],
)
def test_it_prefixes_the_length_across_the_boundaries(number, code):
    assert int_to_vancode(number) == code
    assert vancode_to_int(code) == number


def test_it_refuses_negative_and_oversized_numbers():
    with pytest.raises(ValueError):
        int_to_vancode(-1)
    with pytest.raises(ValueError):
        int_to_vancode(36**36)


@pytest.mark.parametrize("code", ["", "0", "1z", "00z", "!0", "0/"])
def test_it_refuses_strings_that_are_not_vancodes(code):
    with pytest.raises(ValueError):
        vancode_to_int(code)


def test_it_builds_child_paths_and_reads_their_depth():
    top = child_path("", 1)
    reply = child_path(top, 0)
    nested = child_path(reply, 36)
    assert (top, reply, nested) == ("01/", "01/00/", "01/00/110/")
    assert [depth_of(p) for p in (top, reply, nested)] == [0, 1, 2]
    assert segments(nested) == [1, 0, 36]


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_it_reads_back_the_segments_of_any_path(numbers_on_path):
    path = ""
    for number in numbers_on_path:
        path = child_path(path, number)
    assert segments(path) == numbers_on_path
    assert depth_of(path) == len(numbers_on_path) - 1
