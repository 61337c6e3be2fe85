"""Reader A has the story open; reader B replies. Without a reload A's page offers "Show 1 new
comment", and a click puts the reply in its place in the thread (under its parent, before the
next thread), not at the top."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def conversation(transactional_db, settings, monkeypatch, story, reader, second_reader):
    from django.utils import timezone

    from civility.discussion.actions import do_post_comment
    from civility.discussion.models import Comment
    from civility.moderation import gate

    settings.LIVE_POLL_SECONDS = 1
    monkeypatch.setattr(gate, "review", lambda candidate: gate.Verdict(gate.Decision.PUBLISH))
    first, _ = do_post_comment(story=story, author=reader, text="The first thread.")
    second, _ = do_post_comment(story=story, author=second_reader, text="The second thread.")
    earlier = timezone.now() - timedelta(hours=1)
    Comment.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=earlier)
    return first, second


def log_in(page, live_server, username, next_url):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def test_a_reader_sees_a_new_reply_appear_in_its_place(
    live_server, browser_page, conversation, story, second_reader, make_user
):
    from playwright.sync_api import expect

    from civility.discussion.actions import do_post_comment

    first, second = conversation
    make_user("ann")
    page = browser_page
    log_in(page, live_server, "ann", story.get_absolute_url())
    expect(page.locator("#new-comment textarea")).to_be_visible()
    articles = page.locator("#comment-list > article")
    expect(articles).to_have_count(2)
    page.evaluate("window.__notReloaded = true")
    button = page.locator("#live-updates .live-show")
    expect(button).to_be_hidden()

    reply, _ = do_post_comment(
        story=story,
        author=second_reader,
        text="A reply that belongs under the first.",
        parent=first,
    )

    expect(button).to_have_text("Show 1 new comment")
    button.click()
    expect(articles).to_have_count(3)
    ids = articles.evaluate_all("(nodes) => nodes.map((node) => node.id)")
    assert ids == [f"comment-{first.pk}", f"comment-{reply.pk}", f"comment-{second.pk}"]
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("belongs under the first")
    expect(page.locator(f"#comment-{reply.pk}")).to_have_class(re.compile(r"\bindent-1\b"))
    expect(button).to_be_hidden()
    expect(page.locator("#live-updates .live-status")).to_have_text("1 new comment shown.")
    assert page.evaluate("window.__notReloaded") is True
    # The inserted comment works like the others: its Reply link opens the form in place.
    page.locator(f"#comment-{reply.pk} .comment-actions a", has_text="Reply").click()
    expect(page.locator(f"#slot-{reply.pk} textarea")).to_be_visible()


def test_a_held_reply_is_never_announced_to_another_reader(
    live_server, browser_page, conversation, story, second_reader
):
    from playwright.sync_api import expect

    from civility.discussion.actions import do_post_comment, set_status
    from civility.discussion.models import CommentStatus

    first, _ = conversation
    page = browser_page
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    expect(page.locator("#comment-list > article")).to_have_count(2)
    waiting, _ = do_post_comment(story=story, author=second_reader, text="Held back.", parent=first)
    set_status(waiting, CommentStatus.HELD)
    published, _ = do_post_comment(story=story, author=second_reader, text="Out in the open.")
    button = page.locator("#live-updates .live-show")
    expect(button).to_have_text("Show 1 new comment")
    button.click()
    expect(page.locator(f"#comment-{published.pk}")).to_be_visible()
    expect(page.locator(f"#comment-{waiting.pk}")).to_have_count(0)


def test_a_comment_posted_from_the_form_lands_in_thread_order(
    live_server, browser_page, conversation, story, make_user
):
    from playwright.sync_api import expect

    from civility.discussion.models import Comment

    first, second = conversation
    make_user("ann")
    page = browser_page
    log_in(page, live_server, "ann", story.get_absolute_url())
    page.locator("#new-comment textarea").fill("The newest thread, so last in oldest-first order.")
    page.locator("#new-comment").get_by_role("button", name="Post comment").click()
    expect(page.locator("#new-comment .notice-ok")).to_be_visible()
    mine = Comment.objects.get(author__username="ann")
    articles = page.locator("#comment-list > article")
    expect(articles).to_have_count(3)
    expect(articles.last).to_have_id(f"comment-{mine.pk}")
    ids = articles.evaluate_all("(nodes) => nodes.map((node) => node.id)")
    assert ids == [f"comment-{first.pk}", f"comment-{second.pk}", f"comment-{mine.pk}"]
