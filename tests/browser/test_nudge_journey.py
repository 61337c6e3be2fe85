"""A reader whose comment reads as hostile sees the part marked and posts it anyway, with htmx
in a real (headless) Chromium: the "Post anyway" button's value must travel with the form."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def hostile_word_scorer():
    """Hold exactly the sentences naming an idiot, whatever the real model would say."""
    from tests.moderation.fake_scorer import FakeScorer

    from civility.moderation import scoring

    scoring.set_scorer(FakeScorer({"idiot": {"toxicity": 0.93, "insult": 0.91}}))
    yield
    scoring.reset()


def test_a_reader_is_nudged_and_posts_anyway(
    live_server, browser_page, transactional_db, story, reader, hostile_word_scorer
):
    from playwright.sync_api import expect

    from civility.discussion.models import Comment
    from civility.moderation.models import ModerationEvent

    page = browser_page
    page.goto(live_server.url + "/accounts/login/?next=" + story.get_absolute_url())
    page.get_by_label("Username").fill("reader")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(story.get_absolute_url())))

    form = page.locator("#new-comment")
    form.get_by_label("Your comment").fill("Fair point on the budget. You idiot.")
    form.get_by_role("button", name="Post comment").click()
    form = page.locator("#new-comment")
    expect(form.locator(".nudge mark")).to_have_text("You idiot.")
    expect(form.get_by_text("Parts of your comment may come across as hostile.")).to_be_visible()
    assert not Comment.objects.exists()

    form.get_by_role("button", name="Post anyway").click()
    expect(page.get_by_text("Your comment is awaiting review.")).to_be_visible()
    comment = Comment.objects.get()
    assert comment.status == "held"
    event = ModerationEvent.objects.get(comment=comment)
    assert "nudge_ignored" in [r["code"] for r in event.evidence["reasons"]]
