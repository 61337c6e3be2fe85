"""In a real Chromium, a page full of hostile comments opens no dialog and logs no script error,
for a reader and in the moderation queue."""

from __future__ import annotations

import pytest

from .hostile_corpus import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("publish_everything")]


@pytest.fixture
def hostile_thread(transactional_db, story, make_user):
    from civility.discussion.actions import do_post_comment

    author = make_user("mallory")
    return [do_post_comment(story=story, author=author, text=text)[0] for _name, text in CORPUS]


def watch(page):  # type: ignore[no-untyped-def]
    """Collect dialogs, uncaught script errors and console errors (a CSP refusal is one)."""
    seen: list[str] = []

    def on_dialog(dialog):  # type: ignore[no-untyped-def]
        seen.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            seen.append(f"console: {message.text}")
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    return seen


def test_a_reader_sees_the_hostile_thread_without_any_script_running(
    browser_page, live_server, story, hostile_thread
):
    seen = watch(browser_page)
    for mode in ("threaded_expanded", "flat_collapsed"):
        browser_page.goto(f"{live_server.url}{story.get_absolute_url()}?mode={mode}&per_page=150")
        browser_page.wait_for_load_state("load")
        count = browser_page.locator("article.comment .comment-body").count()
        assert count == len(CORPUS)
        # Fire the events that injected handlers would listen for, on everything in the bodies.
        browser_page.evaluate(
            """() => document.querySelectorAll('.comment-body *').forEach(element => {
                for (const kind of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load']) {
                    element.dispatchEvent(new Event(kind));
                }
            })"""
        )
        assert (
            browser_page.evaluate("document.querySelectorAll('.comment-body script').length") == 0
        )
    assert seen == []


def test_a_moderator_sees_the_held_hostile_comments_without_any_script_running(
    browser_page, live_server, story, hostile_thread, moderator, client
):
    from civility.discussion import actions
    from civility.discussion.models import CommentStatus

    for comment in hostile_thread:
        actions.set_status(comment, CommentStatus.HELD)
    client.force_login(moderator)
    cookie = client.cookies["sessionid"].value
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": cookie, "url": live_server.url}]
    )
    seen = watch(browser_page)
    browser_page.goto(f"{live_server.url}/moderate/")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator(".qcard-body").count() >= 1
    assert seen == []


def test_the_watch_does_see_a_script_that_runs(browser_page):
    # The control: the same watch on a page that does run script reports it.
    seen = watch(browser_page)
    browser_page.set_content("<script>alert('ran'); undefinedFunction()</script>")
    assert "dialog: ran" in seen
    assert any(item.startswith("page error") for item in seen)
