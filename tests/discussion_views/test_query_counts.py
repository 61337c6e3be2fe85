"""The story page costs the same number of queries whatever the page, mode, order and size."""

from __future__ import annotations

import pytest

from civility.discussion.actions import do_react

pytestmark = pytest.mark.django_db

MODES = ["flat_collapsed", "flat_expanded", "threaded_collapsed", "threaded_expanded"]
ORDERS = ["newest", "oldest", "replies", "reactions"]

# story; count; page; reaction tallies.
ANONYMOUS_QUERIES = 4
# session; user; story; profile (viewing options and header); visit read + write; count; page;
# tallies; the reader's own reactions; the reader's own rejected comments (statements of
# reasons); what the reader follows on the story (follow buttons). Moderator rights are part of
# the count and page queries.
SIGNED_IN_QUERIES = 12


@pytest.fixture
def big_story(story, reader, second_reader, make_user, build_thread):
    others = [make_user(f"reader{n}") for n in range(5)]
    comments = build_thread(story, [reader, second_reader, *others], 320)
    for comment in comments[:40:3]:
        for user in others[:3]:
            if comment.author_id != user.pk:
                do_react(comment=comment, user=user, kind="like")
    return story


def assert_fixed_cost(client, story, mode, expected, django_assert_num_queries) -> None:
    base = story.get_absolute_url()
    for order in ORDERS:
        # 320 comments at 50 a page: two full pages and the last, shorter one.
        for page, shown in ((1, 50), (2, 50), (7, 20)):
            url = f"{base}?mode={mode}&order={order}&per_page=50&page={page}"
            with django_assert_num_queries(expected):
                response = client.get(url)
            assert response.status_code == 200
            assert response.content.decode().count('<article id="comment-') == shown


@pytest.mark.parametrize("mode", MODES)
def test_anonymous_readers_cost_a_fixed_number_of_queries(
    client, big_story, mode, django_assert_num_queries
):
    assert_fixed_cost(client, big_story, mode, ANONYMOUS_QUERIES, django_assert_num_queries)


@pytest.mark.parametrize("mode", MODES)
def test_signed_in_readers_cost_a_fixed_number_of_queries(
    client, big_story, reader, mode, django_assert_num_queries
):
    client.force_login(reader)
    assert_fixed_cost(client, big_story, mode, SIGNED_IN_QUERIES, django_assert_num_queries)


def test_a_first_visit_costs_the_same_as_a_later_one(
    client, big_story, second_reader, django_assert_num_queries
):
    client.force_login(second_reader)
    url = big_story.get_absolute_url()
    for _ in range(2):
        with django_assert_num_queries(SIGNED_IN_QUERIES):
            client.get(url)


def test_ten_thousand_comments_cost_the_same_on_the_first_and_last_page(
    client, story, reader, second_reader, build_thread, django_assert_num_queries
):
    build_thread(story, [reader, second_reader], 10_000)
    client.force_login(reader)
    for mode in ("threaded_expanded", "flat_collapsed"):
        for page in (1, 200):
            url = f"{story.get_absolute_url()}?mode={mode}&order=newest&per_page=50&page={page}"
            with django_assert_num_queries(SIGNED_IN_QUERIES):
                response = client.get(url)
            assert response.status_code == 200
            assert response.content.decode().count('<article id="comment-') == 50
