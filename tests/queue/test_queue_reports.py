"""A reported comment sits in Reported until a moderator decides; a new report reopens it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.queue.builders import make_comment

from civility.discussion.models import Report

pytestmark = pytest.mark.django_db


def _reported(client) -> list[int]:
    html = client.get(reverse("moderation:queue"), {"tab": "reported"}).content.decode()
    return [int(pk) for pk in re.findall(r'data-card="(\d+)"', html)]


@pytest.fixture
def reported(story, reader, second_reader, report_of):
    comment = make_comment(story, reader, "Something sharp.", status="published")
    report_of(comment, second_reader, "abusive", "This insults me.")
    return comment


def test_the_card_shows_the_reports_with_their_notes(client, gazette_mod, reported):
    client.force_login(gazette_mod)
    html = client.get(reverse("moderation:queue"), {"tab": "reported"}).content.decode()
    assert "Abusive or harassing" in html
    assert "This insults me." in html


def test_approving_resolves_the_reports_and_leaves_the_tab(client, gazette_mod, reported):
    client.force_login(gazette_mod)
    assert _reported(client) == [reported.pk]
    client.post(reverse("moderation:approve", args=[reported.pk]))
    assert not Report.objects.filter(comment=reported, resolved_at__isnull=True).exists()
    assert _reported(client) == []
    reported.refresh_from_db()
    assert reported.status == "published"


def test_a_later_report_reopens_it_by_default(client, gazette_mod, reported, make_user, report_of):
    client.force_login(gazette_mod)
    client.post(reverse("moderation:approve", args=[reported.pk]))
    report_of(reported, make_user("third"), "spam")
    assert _reported(client) == [reported.pk]


def test_held_comments_with_reports_stay_in_pending(client, gazette_mod, story, reader):
    held = make_comment(story, reader)
    Report.objects.create(comment=held, reporter=gazette_mod, reason="spam")
    client.force_login(gazette_mod)
    assert _reported(client) == []


def test_a_later_report_stays_quiet_where_the_site_says_so(
    client, gazette_mod, reported, make_user, report_of
):
    from civility.moderation.site_settings import ensure_settings

    settings = ensure_settings(reported.story.site)
    settings.reports_reopen = False
    settings.save()
    client.force_login(gazette_mod)
    client.post(reverse("moderation:approve", args=[reported.pk]))
    report_of(reported, make_user("third"), "spam")
    assert _reported(client) == []
    # A comment no moderator has approved still enters Reported on its first report.
    fresh = make_comment(reported.story, reported.author, "Another one.", status="published")
    report_of(fresh, make_user("fourth"), "spam")
    assert _reported(client) == [fresh.pk]
