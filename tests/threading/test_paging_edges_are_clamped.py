"""Page numbers out of range or not numbers land on a real page; page sizes split exactly."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from thread_builders import post

from civility.discussion.thread_page import clamp_page, thread_page
from civility.discussion.viewing import ViewingOptions

OPTIONS = ViewingOptions(per_page=3)


def test_it_shows_one_empty_page_for_a_story_without_comments(story):
    page = thread_page(AnonymousUser(), story, OPTIONS, 1)
    assert (page.comments, page.number, page.num_pages, page.total) == ([], 1, 1, 0)
    assert not page.has_previous
    assert not page.has_next
    assert list(page.page_range) == [1]


def test_it_fits_exactly_per_page_comments_on_one_page(story, reader):
    for _ in range(3):
        post(story, reader)
    page = thread_page(AnonymousUser(), story, OPTIONS, 1)
    assert (len(page.comments), page.num_pages, page.total, page.has_next) == (3, 1, 3, False)


def test_it_starts_a_second_page_for_one_comment_more(story, reader):
    posted = [post(story, reader) for _ in range(4)]
    first = thread_page(AnonymousUser(), story, OPTIONS, 1)
    second = thread_page(AnonymousUser(), story, OPTIONS, 2)
    assert (first.num_pages, first.has_next, second.has_previous, second.has_next) == (
        2,
        True,
        True,
        False,
    )
    assert [c.pk for c in first.comments + second.comments] == [c.pk for c in posted]


@pytest.mark.parametrize(
    ("requested", "shown"),
    [
        (0, 1),
        (-1, 1),
        ("-7", 1),
        ("0", 1),
        ("2", 2),
        (2, 2),
        ("3", 2),
        (999999999999, 2),
        ("9" * 5000, 1),
        ("abc", 1),
        ("", 1),
        ("1.5", 1),
        (None, 1),
        ([], 1),
    ],
)
def test_it_clamps_the_page_number_into_range(story, reader, requested, shown):
    for _ in range(4):
        post(story, reader)
    page = thread_page(AnonymousUser(), story, OPTIONS, requested)
    assert page.number == shown
    assert len(page.comments) == (3 if shown == 1 else 1)


def test_it_clamps_to_the_only_page_when_there_are_none():
    assert clamp_page("5", 0) == 1
    assert clamp_page(float("inf"), 3) == 1
    assert clamp_page(float("nan"), 3) == 1
