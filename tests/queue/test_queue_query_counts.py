"""A queue page costs the same queries for 5 cards as for 25, whatever the cards hold."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment, reason

pytestmark = pytest.mark.django_db

# session, user, the moderator's sites, the page count, the page, its events, its open reports,
# the authors' history, their recent comments, their sanctions, the tab counts, the site list,
# the header's profile.
QUEUE_QUERIES = 13


def _fill(story, authors, count, report_of, reporter):
    from civility.sanctions.actions import do_warn

    for n in range(count):
        author = authors[n % len(authors)]
        parent = make_comment(story, author, f"Parent {n}.", status="published")
        comment = make_comment(
            story,
            author,
            f"Reply {n} with a word.",
            parent=parent,
            reasons=[reason("suspect_word", spans=[(8, 12)])],
        )
        report_of(comment, reporter)
    for author in authors:
        do_warn(moderator=reporter, user=author, site=story.site)


@pytest.mark.parametrize("tab", ["pending", "all"])
def test_five_and_twenty_five_cards_cost_the_same(
    client, gazette_mod, story, make_user, report_of, tab, django_assert_num_queries
):
    authors = [make_user(f"author{n}") for n in range(6)]
    _fill(story, authors[:3], 5, report_of, gazette_mod)
    client.force_login(gazette_mod)
    url = reverse("moderation:queue")
    client.get(url)  # warm the session
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(url, {"tab": tab})
    assert response.content.decode().count("data-card=") == (5 if tab == "pending" else 10)

    _fill(story, authors, 20, report_of, gazette_mod)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(url, {"tab": tab})
    assert response.content.decode().count("data-card=") == 25
