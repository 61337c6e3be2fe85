"""Warn, suspend, ban and always hold: recorded with who and why, enforced when posting."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from tests.queue.builders import make_comment

from civility.discussion.errors import NotAllowed
from civility.sanctions import actions
from civility.sanctions.models import SanctionKind, UserSanction

pytestmark = pytest.mark.django_db


def _post(story, author, text="My view on the budget is that it is fine."):
    from civility.discussion.actions import do_post_comment

    comment, _ = do_post_comment(story=story, author=author, text=text)
    return comment


@pytest.fixture
def their_comment(story, reader):
    return make_comment(story, reader, "Something rude.")


@pytest.mark.parametrize(
    ("choice", "kind", "lasts"),
    [
        ("warn", "warn", None),
        ("suspend_1h", "suspend", timedelta(hours=1)),
        ("suspend_1d", "suspend", timedelta(days=1)),
        ("suspend_7d", "suspend", timedelta(days=7)),
        ("ban", "ban", None),
        ("always_hold", "always_hold", None),
    ],
)
def test_the_queue_records_each_sanction_with_who_why_and_where(
    client, gazette_mod, their_comment, reader, site, choice, kind, lasts
):
    client.force_login(gazette_mod)
    with time_machine.travel(timezone.now(), tick=False):
        client.post(
            reverse("moderation:sanction", args=[their_comment.pk]),
            {"sanction": choice, "reason": "Repeated insults."},
        )
        now = timezone.now()
    sanction = UserSanction.objects.get()
    assert (sanction.user, sanction.site, sanction.kind) == (reader, site, kind)
    assert (sanction.created_by, sanction.reason, sanction.comment) == (
        gazette_mod,
        "Repeated insults.",
        their_comment,
    )
    assert sanction.until == (now + lasts if lasts else None)


def test_a_banned_reader_cannot_post_and_is_told_why(story, reader, gazette_mod, site):
    actions.do_ban(moderator=gazette_mod, user=reader, site=site, reason="Threats.")
    with pytest.raises(NotAllowed, match="banned.*Threats"):
        _post(story, reader)


def test_a_ban_shows_on_the_form_when_posting_through_the_page(client, story, reader, gazette_mod):
    actions.do_ban(moderator=gazette_mod, user=reader, site=story.site)
    client.force_login(reader)
    url = reverse("discussion:post", kwargs={"site_slug": "gazette", "story_slug": story.slug})
    response = client.post(url, {"text": "Let me in."})
    assert "You are banned from commenting here" in response.content.decode()
    assert not story.comments.exists()


def test_a_suspension_stops_posting_until_it_expires(story, reader, gazette_mod, site):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        actions.do_suspend(moderator=gazette_mod, user=reader, site=site, duration="1h")
        with pytest.raises(NotAllowed, match="suspended until"):
            _post(story, reader)
    with time_machine.travel(start + timedelta(minutes=59), tick=False), pytest.raises(NotAllowed):
        _post(story, reader)
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        assert _post(story, reader).pk


def test_a_sanction_on_one_site_does_not_reach_another(reader, gazette_mod, site, herald_story):
    actions.do_ban(moderator=gazette_mod, user=reader, site=site)
    assert _post(herald_story, reader).pk


def test_a_ban_on_every_site_reaches_every_site(reader, make_user, herald_story):
    root = make_user("root", is_superuser=True)
    actions.do_ban(moderator=root, user=reader, site=None)
    with pytest.raises(NotAllowed):
        _post(herald_story, reader)


def test_a_revoked_ban_no_longer_applies(story, reader, gazette_mod, site):
    ban = actions.do_ban(moderator=gazette_mod, user=reader, site=site)
    actions.do_revoke(moderator=gazette_mod, sanction=ban)
    ban.refresh_from_db()
    assert ban.revoked_by == gazette_mod and ban.revoked_at is not None
    assert _post(story, reader).pk


def test_revoking_from_the_queue(client, gazette_mod, their_comment, reader, site):
    ban = actions.do_ban(moderator=gazette_mod, user=reader, site=site, comment=their_comment)
    client.force_login(gazette_mod)
    client.post(reverse("moderation:revoke_sanction", args=[ban.pk]))
    ban.refresh_from_db()
    assert ban.revoked_at is not None


def test_a_warning_does_not_stop_posting(story, reader, gazette_mod, site):
    actions.do_warn(moderator=gazette_mod, user=reader, site=site, reason="Keep it civil.")
    comment = _post(story, reader)
    assert comment.status == "published"


def test_always_hold_holds_every_new_comment_with_a_reason(story, reader, gazette_mod, site):
    from civility.moderation.models import ModerationEvent

    actions.do_always_hold(moderator=gazette_mod, user=reader, site=site)
    comment = _post(story, reader)
    assert comment.status == "held"
    event = ModerationEvent.objects.get(comment=comment)
    assert "always_hold" in event.reason_codes


def test_always_hold_holds_an_edit_of_an_earlier_comment_too(story, reader, gazette_mod, site):
    from civility.discussion.actions import do_edit_comment

    comment = _post(story, reader)
    assert comment.status == "published"
    actions.do_always_hold(moderator=gazette_mod, user=reader, site=site)
    # An edit reads the sanction itself: no post read it beforehand.
    do_edit_comment(comment=comment, user=reader, text="My view on the budget has changed a lot.")
    comment.refresh_from_db()
    assert comment.status == "held"


def test_without_a_sanction_the_same_comment_is_published(story, reader):
    assert _post(story, reader).status == "published"


def test_moderators_cannot_sanction_themselves_or_a_missing_account(gazette_mod, site):
    from civility.discussion.errors import DiscussionError

    with pytest.raises(DiscussionError):
        actions.do_ban(moderator=gazette_mod, user=gazette_mod, site=site)
    with pytest.raises(DiscussionError):
        actions.do_ban(moderator=gazette_mod, user=None, site=site)


def test_the_card_shows_sanctions_in_force(client, gazette_mod, their_comment, reader, site):
    actions.do_always_hold(moderator=gazette_mod, user=reader, site=site, reason="Watch them.")
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "Always hold for review" in html and "Watch them." in html
    assert SanctionKind.ALWAYS_HOLD == "always_hold"
