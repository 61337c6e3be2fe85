"""Moderators approve and reject comments on their own sites only, each with an audit row."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from civility.discussion.actions import do_report
from civility.discussion.errors import DiscussionError, NotAllowed
from civility.discussion.models import CommentStatus, Report
from civility.moderation.actions import do_approve, do_reject
from civility.moderation.models import ModerationEvent, Role, SiteRole
from civility.stories.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazette_moderator(site, make_user):
    user = make_user("gazette_mod")
    SiteRole.objects.create(user=user, site=site, role=Role.MODERATOR)
    return user


@pytest.fixture
def herald_moderator(make_user):
    herald = Site.objects.create(slug="herald", name="The Herald")
    user = make_user("herald_mod")
    SiteRole.objects.create(user=user, site=herald, role=Role.SITE_ADMIN)
    return user


@pytest.fixture
def held(post):
    return post("Buy at http://pills.example.com")


def test_a_moderator_approves_a_held_comment_and_the_counts_follow(held, gazette_moderator, story):
    assert held.status == CommentStatus.HELD
    event = do_approve(held, gazette_moderator)
    held.refresh_from_db()
    story.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    assert story.comment_count == 1
    assert (event.actor, event.from_status, event.to_status) == (
        gazette_moderator,
        "held",
        "published",
    )
    assert event.reason_codes == ["approved"]


def test_a_moderator_rejects_with_a_reason_and_a_note(post, gazette_moderator, story):
    comment = post("A published comment.")
    event = do_reject(comment, gazette_moderator, "harassment", "  Targets another reader.  ")
    comment.refresh_from_db()
    story.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert story.comment_count == 0
    assert event.reason_codes == ["harassment"]
    assert event.note == "Targets another reader."
    assert (event.from_status, event.to_status) == ("published", "rejected")


def test_rejecting_needs_a_known_reason(held, gazette_moderator):
    with pytest.raises(DiscussionError):
        do_reject(held, gazette_moderator, "because")
    assert held.moderation_events.count() == 1  # only the automatic one


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_moderator_of_another_site_cannot_act(held, herald_moderator, action):
    with pytest.raises(NotAllowed):
        if action == "approve":
            do_approve(held, herald_moderator)
        else:
            do_reject(held, herald_moderator, "spam")
    held.refresh_from_db()
    assert held.status == CommentStatus.HELD
    assert not ModerationEvent.objects.filter(actor=herald_moderator).exists()


@pytest.mark.parametrize("persona", ["reader", "staff", "anonymous"])
def test_readers_staff_without_a_role_and_visitors_cannot_act(held, make_user, persona):
    user = {
        "reader": lambda: make_user("plain"),
        "staff": lambda: make_user("staffer", is_staff=True),
        "anonymous": AnonymousUser,
    }[persona]()
    with pytest.raises(NotAllowed):
        do_approve(held, user)


def test_a_superuser_moderates_every_site(held, make_user):
    do_approve(held, make_user("root", is_superuser=True))
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED


def test_a_deleted_comment_cannot_be_approved(post, reader, gazette_moderator):
    from civility.discussion.actions import do_delete_comment

    comment = post("Soon gone.")
    do_delete_comment(comment=comment, user=reader)
    with pytest.raises(DiscussionError):
        do_approve(comment, gazette_moderator)


def test_a_decision_resolves_open_reports(post, second_reader, gazette_moderator):
    comment = post("A published comment.")
    do_report(comment=comment, user=second_reader, reason="spam")
    do_approve(comment, gazette_moderator)
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
