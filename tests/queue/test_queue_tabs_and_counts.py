"""The queue's tabs hold the right comments and their counts follow every decision."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

pytestmark = pytest.mark.django_db


def _counts(html: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r'data-count="(\w+)">(\d+)<', html)}


def _card_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-card="(\d+)"', html)]


@pytest.fixture
def one_of_each(story, reader, second_reader, report_of, gazette_mod):
    from civility.moderation.actions import do_approve

    held = make_comment(story, reader, "Held for review.")
    rejected = make_comment(story, reader, "Rejected outright.", status="rejected")
    reported = make_comment(story, reader, "Published, then reported.", status="published")
    report_of(reported, second_reader)
    approved = make_comment(story, reader, "Held, then approved.")
    do_approve(approved, gazette_mod)
    quiet = make_comment(story, reader, "Published and never reported.", status="published")
    return {
        "held": held,
        "rejected": rejected,
        "reported": reported,
        "approved": approved,
        "quiet": quiet,
    }


def test_it_counts_each_tab(client, gazette_mod, one_of_each):
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert _counts(html) == {"pending": 1, "reported": 1, "approved": 1, "rejected": 1, "all": 5}


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("pending", ["held"]),
        ("reported", ["reported"]),
        ("approved", ["approved"]),
        ("rejected", ["rejected"]),
        ("all", ["held", "rejected", "reported", "approved", "quiet"]),
    ],
)
def test_it_lists_each_tab(client, gazette_mod, one_of_each, tab, expected):
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue"), {"tab": tab}).content.decode()
    assert sorted(_card_ids(html)) == sorted(one_of_each[name].pk for name in expected)


def test_pending_is_the_default_tab_and_oldest_first(client, gazette_mod, story, reader):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    newer = make_comment(story, reader, "Newer.", created_at=now - timedelta(minutes=1))
    older = make_comment(story, reader, "Older.", created_at=now - timedelta(hours=1))
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert _card_ids(html) == [older.pk, newer.pk]


def test_deleted_comments_are_in_no_tab(client, gazette_mod, story, reader):
    make_comment(story, reader, "Gone.", status="deleted")
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue"), {"tab": "all"}).content.decode()
    assert _counts(html)["all"] == 0


def test_counts_update_after_an_approval(client, gazette_mod, one_of_each):
    client.force_login(gazette_mod)
    client.post(reverse("moderation:approve", args=[one_of_each["held"].pk]))
    html = client.get(reverse("moderation:queue")).content.decode()
    assert _counts(html) == {"pending": 0, "reported": 1, "approved": 2, "rejected": 1, "all": 5}


def test_it_pages_through_a_long_queue(client, gazette_mod, story, reader):
    from civility.moderation.queue.views import PER_PAGE

    made = [make_comment(story, reader, f"Comment {n}.") for n in range(PER_PAGE + 3)]
    client.force_login(gazette_mod)
    first = _card_ids(client.get(reverse("moderation:queue")).content.decode())
    second = _card_ids(client.get(reverse("moderation:queue"), {"page": 2}).content.decode())
    assert len(first) == PER_PAGE
    assert len(second) == 3
    assert sorted(first + second) == sorted(c.pk for c in made)


def test_featuring_alone_does_not_make_a_comment_approved(client, gazette_mod, story, reader):
    from civility.moderation.queue_actions import do_feature

    picked = make_comment(story, reader, "Well argued.", status="published")
    do_feature(picked, gazette_mod)
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue"), {"tab": "approved"}).content.decode()
    assert _card_ids(html) == []
    assert _counts(html)["approved"] == 0
