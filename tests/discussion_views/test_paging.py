from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(story, reader, second_reader, build_thread):
    # 25 comments: at 10 per page, pages 1-2 are full and page 3 holds 5.
    return build_thread(story, [reader, second_reader], 25)


def shown(html: str, comments) -> list[int]:
    ids = [int(i) for i in re.findall(r'<article id="comment-(\d+)"', html)]
    index = {c.pk: n for n, c in enumerate(comments)}
    return [index[i] for i in ids]


@pytest.mark.parametrize(
    ("page", "expected_first"),
    [("0", 0), ("-3", 0), ("abc", 0), ("", 0), ("2", 10), ("3", 20), ("999999", 20), ("1e9", 0)],
)
def test_it_clamps_the_page_number_into_range(client, story, comments, page, expected_first):
    response = client.get(
        f"{story.get_absolute_url()}?mode=flat_expanded&order=oldest&per_page=10&page={page}"
    )
    assert response.status_code == 200
    numbers = shown(response.content.decode(), comments)
    assert numbers[0] == expected_first
    assert len(numbers) == (5 if expected_first == 20 else 10)


def test_it_offers_first_previous_numbers_next_and_last(client, story, comments):
    html = client.get(
        f"{story.get_absolute_url()}?mode=flat_expanded&order=oldest&per_page=10&page=2"
    ).content.decode()
    pager = html[
        html.index('<nav class="pager"') : html.index("</nav>", html.index('<nav class="pager"'))
    ]
    labels = re.findall(r">([^<>]+)</(?:a|span)>", pager)
    assert labels == ["First", "Previous", "1", "2", "3", "Next", "Last"]
    assert '<span aria-current="page"' in pager
    query = "mode=flat_expanded&amp;order=oldest&amp;per_page=10"
    assert f'href="?{query}#comments" rel="first"' in pager
    assert f'href="?{query}&amp;page=3#comments" rel="next"' in pager


def test_page_links_carry_only_the_options_given_in_the_url(client, story, reader, comments):
    client.force_login(reader)
    client.post(
        story.get_absolute_url() + "viewing-options/",
        {"mode": "flat_expanded", "order": "oldest", "per_page": "10"},
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'href="?page=2#comments"' in html
    html = client.get(story.get_absolute_url() + "?order=newest").content.decode()
    assert 'href="?order=newest&amp;page=2#comments"' in html
    assert "mode=" not in html.split('class="pager"')[1].split("</nav>")[0]


def test_it_shows_no_pager_for_a_single_page(client, story, comments):
    html = client.get(story.get_absolute_url() + "?per_page=50").content.decode()
    assert 'class="pager"' not in html


def test_a_long_pager_collapses_far_pages_into_gaps(client, story, reader, build_thread):
    build_thread(story, [reader], 200)
    html = client.get(story.get_absolute_url() + "?per_page=10&page=10").content.decode()
    pager = html[
        html.index('<nav class="pager"') : html.index("</nav>", html.index('<nav class="pager"'))
    ]
    labels = re.findall(r">([^<>]+)</(?:a|span)>", pager)
    assert labels == [
        "First",
        "Previous",
        "1",
        "…",
        "8",
        "9",
        "10",
        "11",
        "12",
        "…",
        "20",
        "Next",
        "Last",
    ]
