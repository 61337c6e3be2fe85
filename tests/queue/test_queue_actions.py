"""Approve, reject, feature and unfeature from the queue: each changes the comment, writes its
audit row, and answers htmx with a swap and the counts, or a plain POST with a redirect back."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

from civility.discussion.models import CommentStatus
from civility.moderation.models import ModerationEvent

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def held(story, reader):
    return make_comment(story, reader, "Please look at this.")


@pytest.fixture
def mod_client(client, gazette_mod):
    client.force_login(gazette_mod)
    return client


def _latest_event(comment):
    return ModerationEvent.objects.filter(comment=comment).order_by("-created_at", "-pk").first()


def test_approving_publishes_and_records_who(mod_client, held, gazette_mod):
    response = mod_client.post(reverse("moderation:approve", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    event = _latest_event(held)
    assert (event.actor, event.from_status, event.to_status) == (gazette_mod, "held", "published")


def test_rejecting_needs_a_reason_and_records_it_with_the_note(mod_client, held, gazette_mod):
    url = reverse("moderation:reject", args=[held.pk])
    mod_client.post(url, {"reason_code": "made_up"})
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD
    mod_client.post(url, {"reason_code": "harassment", "note": "Targets another reader."})
    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    event = _latest_event(held)
    assert event.actor == gazette_mod
    assert event.reason_codes == ["harassment"]
    assert event.note == "Targets another reader."


def test_featuring_and_unfeaturing_are_recorded(mod_client, story, reader, gazette_mod):
    comment = make_comment(story, reader, status="published")
    url = reverse("moderation:feature", args=[comment.pk])
    mod_client.post(url)
    comment.refresh_from_db()
    assert comment.featured_at is not None
    assert _latest_event(comment).reason_codes == ["featured"]
    mod_client.post(url)
    comment.refresh_from_db()
    assert comment.featured_at is None
    assert _latest_event(comment).reason_codes == ["unfeatured"]
    assert _latest_event(comment).actor == gazette_mod


def test_a_held_comment_cannot_be_featured(mod_client, held):
    mod_client.post(reverse("moderation:feature", args=[held.pk]))
    held.refresh_from_db()
    assert held.featured_at is None
    assert not ModerationEvent.objects.filter(comment=held, reason_codes=["featured"]).exists()


def test_a_plain_post_redirects_back_with_the_filters(mod_client, held):
    back = reverse("moderation:queue") + "?tab=pending&q=look&author=reader"
    response = mod_client.post(reverse("moderation:approve", args=[held.pk]), {"next": back})
    assert response["Location"] == back


def test_it_never_redirects_off_the_queue(mod_client, held):
    for evil in ("https://evil.example/moderate/", "//evil.example/", "/admin/"):
        response = mod_client.post(reverse("moderation:approve", args=[held.pk]), {"next": evil})
        assert response["Location"] == reverse("moderation:queue")


def test_with_htmx_the_card_leaves_and_the_counts_change_out_of_band(
    mod_client, held, story, reader
):
    make_comment(story, reader, "Another one waiting.")
    response = mod_client.post(
        reverse("moderation:approve", args=[held.pk]),
        {"next": reverse("moderation:queue") + "?tab=pending"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{held.pk}"' not in html  # the swap target is replaced by nothing
    assert 'id="queue-tabs"' in html and 'hx-swap-oob="true"' in html
    assert 'data-count="pending">1<' in html
    assert "approved" in html


def test_with_htmx_a_card_still_in_its_tab_is_redrawn(mod_client, held):
    response = mod_client.post(
        reverse("moderation:reject", args=[held.pk]),
        {"reason_code": "spam", "next": reverse("moderation:queue") + "?tab=all"},
        **HTMX,
    )
    html = response.content.decode()
    assert f'id="card-{held.pk}"' in html
    assert 'data-status="rejected"' in html


def test_actions_are_post_only(mod_client, held):
    assert mod_client.get(reverse("moderation:approve", args=[held.pk])).status_code == 405


def test_actions_need_the_csrf_token(held, gazette_mod):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(gazette_mod)
    response = client.post(reverse("moderation:approve", args=[held.pk]))
    assert response.status_code == 403
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_a_deleted_comment_is_refused_with_a_message(mod_client, story, reader):
    gone = make_comment(story, reader, status="deleted")
    response = mod_client.post(reverse("moderation:approve", args=[gone.pk]), follow=True)
    gone.refresh_from_db()
    assert gone.status == CommentStatus.DELETED
    assert "deleted" in response.content.decode()
