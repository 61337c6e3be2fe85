"""The same author posting the same text again within the window is held as a duplicate."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from tests.moderation.evidence import codes, reason

from civility.discussion.models import CommentStatus

pytestmark = pytest.mark.django_db


def test_it_holds_a_repeat_and_names_the_first(post):
    first = post("The budget cuts the library hours again.")
    second = post("the budget cuts   the LIBRARY hours again!!")
    assert second.status == CommentStatus.HELD
    from civility.moderation.models import ModerationEvent

    event = ModerationEvent.objects.get(comment=second)
    assert event.reason_codes == ["repeat_post"]
    detail = next(r for r in event.evidence["reasons"] if r["code"] == "repeat_post")["detail"]
    assert f"comment {first.pk}" in detail


def test_it_names_the_first_of_several_repeats(post, review):
    first = post("Vote them out.")
    post("Vote them out!")
    found = reason(review("vote, them, out", "repeat"), "repeat_post")
    assert f"comment {first.pk}" in found.detail
    assert "3 times" in found.detail


def test_it_lets_a_different_text_through(post, review):
    post("The budget cuts the library hours again.")
    assert codes(review("The budget cuts the pool hours again.", "repeat")) == []


def test_another_reader_saying_the_same_is_not_a_repeat(post, review, second_reader):
    post("Agreed.")
    assert codes(review("Agreed.", "repeat", author=second_reader)) == []


def test_it_forgets_after_the_window(post, review):
    post("Same words as before.")
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert codes(review("Same words as before.", "repeat")) == []


def test_the_window_is_a_site_setting(post, review, site_settings):
    site_settings.repeat_window_seconds = 3 * 3600
    site_settings.save()
    post("Same words as before.")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert codes(review("Same words as before.", "repeat")) == ["repeat_post"]


def test_editing_a_comment_is_not_a_repeat_of_itself(post, review):
    comment = post("Same words as before.")
    assert codes(review("Same words as before!", "repeat", editing=comment)) == []


def test_the_same_text_on_another_site_is_not_a_repeat(post, review, other_site_story):
    post("Vote them out.", on=other_site_story)
    assert codes(review("Vote them out.", "repeat")) == []
    post("Vote them out.")
    assert codes(review("Vote them out.", "repeat", on=other_site_story)) == ["repeat_post"]


@pytest.fixture
def other_site_story(db):
    from civility.stories.models import Site, Story

    site = Site.objects.create(slug="courier", name="The Courier")
    return Story.objects.create(
        site=site, slug="harbour", title="Harbour reopens", published_at=timezone.now()
    )
