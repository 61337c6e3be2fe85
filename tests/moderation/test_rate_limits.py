"""Rate limits per account and per client address, counted in Django's cache."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.moderation.gate import Decision
from civility.moderation.models import PhaseAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(site_settings):
    site_settings.rate_account_limit = 2
    site_settings.rate_address_limit = 3
    site_settings.save()
    return site_settings


def test_it_holds_the_comment_after_the_account_limit(review, tight):
    verdicts = [review(f"Comment {n}", "rate_limit") for n in range(3)]
    assert [v.decision for v in verdicts] == [Decision.PUBLISH, Decision.PUBLISH, Decision.HOLD]
    assert "the limit is 2" in reason(verdicts[-1], "rate_limit_account").detail


def test_each_account_has_its_own_count(review, tight, second_reader):
    review("One", "rate_limit")
    review("Two", "rate_limit")
    assert codes(review("Mine", "rate_limit", author=second_reader)) == []


def test_it_counts_accounts_sharing_an_address_together(review, tight, second_reader, make_user):
    third = make_user("third")
    review("One", "rate_limit", address="203.0.113.9")
    review("Two", "rate_limit", author=second_reader, address="203.0.113.9")
    review("Three", "rate_limit", author=third, address="203.0.113.9")
    verdict = review("Four", "rate_limit", author=make_user("fourth"), address="203.0.113.9")
    assert codes(verdict) == ["rate_limit_address"]
    assert "203.0.113.9" in verdict.reasons[0].detail
    assert (
        codes(review("Elsewhere", "rate_limit", author=make_user("fifth"), address="198.51.100.1"))
        == []
    )


def test_a_new_window_starts_a_new_count(review, tight):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now()
    for n in range(3):
        review(f"Comment {n}", "rate_limit", now=start)
    later = start + timedelta(seconds=tight.rate_account_window_seconds * 2)
    assert codes(review("Later", "rate_limit", now=later)) == []


def test_the_site_may_reject_instead_of_hold(review, tight):
    tight.rate_limit_action = PhaseAction.REJECT
    tight.save()
    for n in range(2):
        review(f"Comment {n}", "rate_limit")
    assert review("Third", "rate_limit").decision == Decision.REJECT


def test_edits_do_not_count_against_the_limit(review, tight, post, site_settings):
    site_settings.rate_limit_enabled = False
    site_settings.save()
    comment = post("Something to edit later.")
    site_settings.rate_limit_enabled = True
    site_settings.save()
    for n in range(5):
        assert codes(review(f"Edit {n}", "rate_limit", editing=comment)) == []
