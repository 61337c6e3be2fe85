"""Bulk approve and reject act on each selected comment the moderator may act on, and no other."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

from civility.discussion.models import CommentStatus
from civility.moderation.models import ModerationEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(story, reader):
    return [make_comment(story, reader, f"Waiting {n}.") for n in range(3)]


def _statuses(comments):
    for c in comments:
        c.refresh_from_db()
    return [c.status for c in comments]


def test_it_approves_the_selection(client, gazette_mod, three):
    client.force_login(gazette_mod)
    client.post(
        reverse("moderation:bulk"), {"action": "approve", "ids": [three[0].pk, three[2].pk]}
    )
    assert _statuses(three) == ["published", "held", "published"]
    assert ModerationEvent.objects.filter(actor=gazette_mod, to_status="published").count() == 2


def test_it_rejects_the_selection_with_one_reason(
    client, gazette_mod, three, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gazette_mod)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("moderation:bulk"),
            {"action": "reject", "reason_code": "spam", "ids": [c.pk for c in three]},
        )
    assert _statuses(three) == ["rejected"] * 3
    events = ModerationEvent.objects.filter(actor=gazette_mod)
    assert [e.reason_codes for e in events] == [["spam"]] * 3
    assert len(mailoutbox) == 3


def test_rejecting_in_bulk_needs_a_reason(client, gazette_mod, three):
    client.force_login(gazette_mod)
    client.post(reverse("moderation:bulk"), {"action": "reject", "ids": [three[0].pk]})
    assert _statuses(three) == ["held"] * 3


def test_it_skips_comments_on_other_sites(client, gazette_mod, three, herald_story, reader):
    there = make_comment(herald_story, reader)
    client.force_login(gazette_mod)
    response = client.post(
        reverse("moderation:bulk"),
        {"action": "approve", "ids": [three[0].pk, there.pk]},
        follow=True,
    )
    assert _statuses([three[0], there]) == ["published", "held"]
    assert "1 comment(s) approved. 1 could not be" in response.content.decode()


def test_with_htmx_it_deletes_the_cards_out_of_band(client, gazette_mod, three):
    client.force_login(gazette_mod)
    response = client.post(
        reverse("moderation:bulk"),
        {
            "action": "approve",
            "ids": [three[0].pk, three[1].pk],
            "next": reverse("moderation:queue") + "?tab=pending",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert f'<div id="card-{three[0].pk}" hx-swap-oob="delete">' in html
    assert f'<div id="card-{three[1].pk}" hx-swap-oob="delete">' in html
    assert f"card-{three[2].pk}" not in html
    assert 'data-count="pending">1<' in html


def test_readers_cannot_bulk(client, reader, three):
    client.force_login(reader)
    response = client.post(reverse("moderation:bulk"), {"action": "approve", "ids": [three[0].pk]})
    assert response.status_code == 403
    assert _statuses(three) == [CommentStatus.HELD] * 3


def test_an_empty_or_malformed_selection_changes_nothing(client, gazette_mod, three):
    client.force_login(gazette_mod)
    response = client.post(reverse("moderation:bulk"), {"action": "approve"}, follow=True)
    assert "Select comments" in response.content.decode()
    client.post(reverse("moderation:bulk"), {"action": "approve", "ids": ["1; DROP", "x"]})
    assert _statuses(three) == [CommentStatus.HELD] * 3
