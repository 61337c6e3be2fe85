"""An anonymous story page is sent without a CSRF token so that a CDN can serve it; its forms still
work in a real (headless) Chromium: the viewing options as a GET form, and a reaction button
that fetches its token when pressed and then sends the reader to log in."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def thread(transactional_db, settings, monkeypatch, story, reader, second_reader):
    from civility.discussion.actions import do_post_comment
    from civility.moderation import gate

    settings.PAGE_CACHE_SECONDS = 120
    monkeypatch.setattr(gate, "review", lambda candidate: gate.Verdict(gate.Decision.PUBLISH))
    first, _ = do_post_comment(story=story, author=reader, text="The first thread.")
    second, _ = do_post_comment(story=story, author=second_reader, text="The second thread.")
    return first, second


def test_an_anonymous_reader_changes_the_view_and_presses_a_reaction(
    live_server, browser_page, thread, story
):
    from playwright.sync_api import expect

    page = browser_page
    first, second = thread
    response = page.goto(live_server.url + story.get_absolute_url())
    assert "public" in response.headers["cache-control"]
    assert "set-cookie" not in response.headers
    assert page.context.cookies() == []

    page.get_by_label("Display").select_option(label="Flat list - expanded")
    page.get_by_label("Order").select_option(label="Date - newest first")
    page.get_by_role("button", name="Save settings").click()
    expect(page).to_have_url(re.compile(r"\?mode=flat_expanded&order=newest&per_page=50#comments$"))
    expect(page.locator("#comment-list")).to_have_class(re.compile(r"\bis-flat\b"))
    ids = page.locator("#comment-list article.comment").evaluate_all("els => els.map(e => e.id)")
    assert ids == [f"comment-{second.pk}", f"comment-{first.pk}"]
    assert page.context.cookies() == []

    # The page has no token; pressing a reaction fetches one, and htmx sends the reader to
    # log in (before, the same press without a token would have been refused with a 403).
    page.locator(f"#comment-{first.pk} .reactions button").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert "csrftoken" in {cookie["name"] for cookie in page.context.cookies()}
