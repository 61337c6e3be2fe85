"""Near-copies of other readers' recent comments are held (MinHash over shingles, stored in the DB)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from tests.moderation.evidence import codes, reason

from civility.moderation import signatures
from civility.moderation.models import CommentSignature

pytestmark = pytest.mark.django_db

CAMPAIGN = (
    "Everyone must call the mayor's office today and demand the budget vote is cancelled, "
    "this council has betrayed every taxpayer in the city and must resign at once."
)


def test_it_holds_a_near_copy_from_another_account(post, review, second_reader):
    original = post(CAMPAIGN)
    altered = CAMPAIGN.replace("today", "right now").replace("at once", "immediately")
    found = reason(review(altered, "copypasta", author=second_reader), "copypasta")
    assert f"comment {original.pk}" in found.detail
    assert found.score >= 0.8


def test_it_leaves_a_different_comment_on_the_same_subject_alone(post, review, second_reader):
    post(CAMPAIGN)
    own_words = (
        "I think the mayor handled the budget vote badly, but cancelling it now would cost the "
        "city more than it saves; better to amend it next spring."
    )
    assert codes(review(own_words, "copypasta", author=second_reader)) == []


def test_short_common_comments_are_never_copies(post, review, second_reader):
    post("Well said, thank you.")
    assert codes(review("Well said, thank you.", "copypasta", author=second_reader)) == []


def test_the_same_author_repeating_is_the_repeat_phase_not_this_one(post, review):
    post(CAMPAIGN)
    assert codes(review(CAMPAIGN, "copypasta")) == []


def test_it_counts_the_accounts_behind_a_campaign(post, review, second_reader, make_user):
    post(CAMPAIGN)
    post(CAMPAIGN + " Now!", author=second_reader)
    found = reason(review(CAMPAIGN, "copypasta", author=make_user("third")), "copypasta")
    assert "2 such comments from 2 accounts" in found.detail


def test_it_forgets_copies_older_than_the_window(post, review, second_reader):
    post(CAMPAIGN)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert codes(review(CAMPAIGN, "copypasta", author=second_reader)) == []


def test_signatures_are_stored_so_other_processes_see_them(post):
    comment = post(CAMPAIGN)
    stored = CommentSignature.objects.get(comment=comment)
    assert signatures.unpack(stored.minhash) == signatures.minhash(CAMPAIGN)
    assert stored.text_hash == signatures.text_hash(CAMPAIGN.upper())


def test_similarity_estimates_are_near_the_truth():
    a = signatures.minhash(CAMPAIGN)
    assert signatures.similarity(a, a) == 1.0
    assert (
        signatures.similarity(a, signatures.minhash("Something else entirely, about parks.")) < 0.2
    )
    assert signatures.similarity(a, ()) == 0.0
