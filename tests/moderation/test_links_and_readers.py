"""Links from readers with few published comments, first comments, and mostly-rejected histories."""

from __future__ import annotations

import pytest
from tests.moderation.evidence import codes, reason

from civility.discussion.models import CommentStatus
from civility.moderation.actions import do_reject
from civility.moderation.gate import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(make_user):
    return make_user("boss", is_superuser=True)


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("See https://example.com/a?b=c for more", "https://example.com/a?b=c"),
        ("Go to www.cheap-pills.biz now", "www.cheap-pills.biz"),
        ("Visit cheap-pills.xyz/offer today", "cheap-pills.xyz/offer"),
        ("[my site](http://example.org)", "http://example.org"),
    ],
)
def test_it_holds_links_from_a_new_reader(review, text, link):
    verdict = review(text, "links")
    assert verdict.decision == Decision.HOLD
    found = reason(verdict, "link_from_new_reader")
    assert link in [text[s:e] for s, e in found.spans]


def test_it_lets_links_through_from_an_established_reader(review, post):
    for n in range(3):
        post(f"Thoughtful comment number {n} about the budget vote.")
    assert codes(review("See https://example.com", "links")) == []


def test_text_without_links_passes(review):
    assert codes(review("It costs 3.5 million. E.g. the roads, i.e. the bridges.", "links")) == []


def test_new_commenter_holds_the_first_n_comments_when_set(post, site_settings):
    site_settings.new_commenter_hold_first = 2
    site_settings.save()
    statuses = [post(f"Comment {n} on the budget.").status for n in range(3)]
    assert statuses == [CommentStatus.HELD, CommentStatus.HELD, CommentStatus.PUBLISHED]


def test_new_commenter_is_off_by_default(review):
    assert "new_commenter" not in codes(review("My very first comment."))


def test_history_holds_a_reader_whose_recent_comments_were_mostly_rejected(post, review, boss):
    post("A fine comment.")
    for n in range(3):
        do_reject(post(f"Bad comment {n}."), boss, "harassment")
    verdict = review("Another comment.", "history")
    found = reason(verdict, "history_rejected")
    assert "3 of this reader's last 4" in found.detail
    assert verdict.decision == Decision.HOLD


def test_history_passes_a_reader_with_few_rejections(post, review, boss):
    do_reject(post("Bad comment."), boss, "spam")
    for n in range(3):
        post(f"Fine comment {n}.")
    assert codes(review("Another comment.", "history")) == []


def test_history_needs_enough_decided_comments(post, review, boss):
    do_reject(post("Bad comment."), boss, "spam")
    assert codes(review("Another comment.", "history")) == []
