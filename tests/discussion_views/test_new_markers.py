from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from civility.discussion.actions import do_post_comment

pytestmark = pytest.mark.django_db


def marked_new(html: str, comment) -> bool:
    start = html.index(f'<article id="comment-{comment.pk}"')
    article = html[start : html.index("</article>", start)]
    opening_tag = article[: article.index(">")]
    return "is-new" in opening_tag and '<span class="badge badge-new">new</span>' in article


@pytest.fixture
def start():
    return timezone.now() - timedelta(hours=5)


def at(start, minutes):
    return time_machine.travel(start + timedelta(minutes=minutes), tick=False)


@pytest.mark.parametrize("mode", ["flat_expanded", "threaded_collapsed"])
def test_comments_since_the_last_visit_are_marked_new(
    client, story, reader, second_reader, mode, start
):
    with at(start, 0):
        old, _ = do_post_comment(story=story, author=second_reader, text="Before the visit.")
    client.force_login(reader)
    url = f"{story.get_absolute_url()}?mode={mode}"
    with at(start, 10):
        first = client.get(url).content.decode()
    with at(start, 20):
        new, _ = do_post_comment(story=story, author=second_reader, text="After the visit.")
        mine, _ = do_post_comment(story=story, author=reader, text="My own.")
    with at(start, 60):
        second = client.get(url).content.decode()
    with at(start, 120):
        third = client.get(url).content.decode()
    assert not marked_new(first, old)  # nothing is new on a first visit
    assert not marked_new(second, old)
    assert marked_new(second, new)
    assert not marked_new(second, mine)  # one's own comments are never news
    assert not marked_new(third, new)  # seen on the visit before


def test_markers_survive_paging_through_one_visit(client, story, reader, second_reader, start):
    client.force_login(reader)
    with at(start, 0):
        client.get(story.get_absolute_url())
    with at(start, 30):
        fresh = [
            do_post_comment(story=story, author=second_reader, text=f"New {n}.")[0]
            for n in range(12)
        ]
    url = f"{story.get_absolute_url()}?mode=flat_expanded&order=oldest&per_page=10"
    with at(start, 90):
        page_one = client.get(url).content.decode()
    with at(start, 95):
        page_two = client.get(url + "&page=2").content.decode()
    assert marked_new(page_one, fresh[0])
    assert marked_new(page_two, fresh[11])  # still new: page 1 was seen only minutes ago


def test_anonymous_readers_see_no_new_markers(client, story, second_reader):
    do_post_comment(story=story, author=second_reader, text="Hello.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "badge-new" not in html
