"""Reviewing a comment costs a fixed number of queries, however busy the site is."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TEXT = (
    "The council should publish the budget line by line before the vote, as the city of "
    "Springfield does at https://example.org/budget every year."
)

# Settings; same-author signatures (repeat); others' signatures (copypasta); word rules; author
# counts (links); recent statuses (history); plus what phases added since (sanctions) may ask.
MOST_QUERIES = 8


def test_it_costs_the_same_on_a_quiet_and_a_busy_story(review, post, make_user):
    with CaptureQueriesContext(connection) as quiet:
        review(TEXT)
    others = [make_user(f"busy{n}") for n in range(5)]
    for n in range(30):
        post(
            f"Comment {n} on the budget, with its own words about item {n * 7}.",
            author=others[n % 5],
        )
    with CaptureQueriesContext(connection) as busy:
        review(TEXT)
    # Others' signatures come in one query however many there are (in a transaction, as
    # here, the window is read whole; outside one, only what changed: see
    # tests/api/test_posting_costs_fixed_queries.py).
    assert len(busy) == len(quiet) <= MOST_QUERIES
    with CaptureQueriesContext(connection) as again:
        review(TEXT)
    assert len(again) == len(quiet) <= MOST_QUERIES
