from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from civility.discussion.actions import do_post_comment

pytestmark = pytest.mark.django_db

MODES = ["flat_collapsed", "flat_expanded", "threaded_collapsed", "threaded_expanded"]
ORDERS = ["newest", "oldest", "replies", "reactions"]


@pytest.fixture
def thread(story, reader, second_reader):
    """A (t0), B (t1), A1 reply to A (t2), A1a reply to A1 (t3), C (t4)."""
    start = timezone.now() - timedelta(hours=1)
    made = {}

    def post(name, author, minutes, parent=None):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            made[name], _ = do_post_comment(
                story=story, author=author, text=f"This is {name}.\nSecond line.", parent=parent
            )

    post("A", reader, 0)
    post("B", second_reader, 1)
    post("A1", second_reader, 2, made["A"])
    post("A1a", reader, 3, made["A1"])
    post("C", second_reader, 4)
    return made


def order_on_page(html: str, thread: dict) -> list[str]:
    positions = {name: html.index(f'id="comment-{c.pk}"') for name, c in thread.items()}
    return sorted(positions, key=positions.get)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order", ORDERS)
def test_it_renders_each_comment_once_in_every_mode_and_order(client, story, thread, mode, order):
    html = client.get(f"{story.get_absolute_url()}?mode={mode}&order={order}").content.decode()
    for comment in thread.values():
        assert html.count(f'id="comment-{comment.pk}"') == 1
        assert html.count(f'<div class="comment-body">{comment.html}</div>') == 1


@pytest.mark.parametrize(
    ("mode", "order", "expected"),
    [
        ("threaded_expanded", "oldest", ["A", "A1", "A1a", "B", "C"]),
        ("threaded_collapsed", "newest", ["C", "B", "A", "A1", "A1a"]),
        ("flat_expanded", "oldest", ["A", "B", "A1", "A1a", "C"]),
        ("flat_collapsed", "newest", ["C", "A1a", "A1", "B", "A"]),
        ("threaded_expanded", "replies", ["A", "A1", "A1a", "C", "B"]),
    ],
)
def test_it_orders_comments_and_keeps_replies_under_their_parent(
    client, story, thread, mode, order, expected
):
    html = client.get(f"{story.get_absolute_url()}?mode={mode}&order={order}").content.decode()
    assert order_on_page(html, thread) == expected


def test_it_indents_threaded_replies_by_depth(client, story, thread):
    html = client.get(f"{story.get_absolute_url()}?mode=threaded_expanded").content.decode()
    assert f'id="comment-{thread["A"].pk}" class="comment status-published"' in html
    assert f'id="comment-{thread["A1"].pk}" class="comment indent-1 ' in html
    assert f'id="comment-{thread["A1a"].pk}" class="comment indent-2 ' in html


def test_it_caps_the_indentation(client, story, thread, settings):
    settings.THREAD_MAX_INDENT = 1
    html = client.get(f"{story.get_absolute_url()}?mode=threaded_expanded").content.decode()
    assert f'id="comment-{thread["A1a"].pk}" class="comment indent-1 ' in html
    assert "indent-2" not in html


def test_it_does_not_indent_flat_lists_but_links_to_the_parent(client, story, thread):
    html = client.get(f"{story.get_absolute_url()}?mode=flat_expanded").content.decode()
    assert "indent-" not in html
    assert f'href="/comments/{thread["A"].pk}/">In reply to</a>' in html


def test_collapsed_modes_show_a_summary_with_the_first_line_that_opens_on_click(
    client, story, thread
):
    html = client.get(f"{story.get_absolute_url()}?mode=flat_collapsed").content.decode()
    assert html.count('<details class="comment-fold">') == 5
    article = html[html.index(f'id="comment-{thread["B"].pk}"') :]
    summary = article[article.index("<summary>") : article.index("</summary>")]
    assert "second" in summary  # the author's name
    assert 'alt="second&#x27;s picture"' in summary
    assert "<time datetime=" in summary
    assert '<span class="comment-first-line">This is B.</span>' in summary
    assert "Second line." not in summary


def test_expanded_modes_show_comments_open(client, story, thread):
    html = client.get(f"{story.get_absolute_url()}?mode=threaded_expanded").content.decode()
    assert "<details" not in html.split('id="comment-list"')[1]
    assert "<p>This is B.<br>\nSecond line.</p>" in html
