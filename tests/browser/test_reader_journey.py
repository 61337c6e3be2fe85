"""A reader signs in, sets how the thread is shown, and replies, in a real (headless) Chromium."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser

COMMENTS = 12


@pytest.fixture
def conversation(transactional_db, story, make_user):
    """Twelve comments by four readers, an hour apart, the newest last."""
    from django.utils import timezone

    from civility.accounts.actions import do_update_profile
    from civility.discussion.actions import do_post_comment
    from civility.discussion.models import Comment
    from civility.moderation.models import ModerationSettings

    # This journey is about reading and replying; what the classifier thinks is tested elsewhere.
    ModerationSettings.objects.update_or_create(site=story.site, defaults={"ml_enabled": False})
    voices = []
    for name in ("Ana Ruiz", "Ben Ode", "Cleo Park", "Dev Shah"):
        user = make_user(name.split()[0].lower())
        do_update_profile(user, display_name=name, bio="")
        voices.append(user)
    start = timezone.now() - timedelta(hours=COMMENTS + 1)
    comments = []
    for number in range(1, COMMENTS + 1):
        comment, _ = do_post_comment(
            story=story,
            author=voices[number % len(voices)],
            text=f"Point number {number}: the {['bridge', 'library', 'budget'][number % 3]} "
            f"matters for reason {number * 7}.",
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(hours=number))
        comments.append(comment)
    return comments


def _comment_ids(page) -> list[int]:
    ids = page.locator("#comment-list article.comment").evaluate_all("els => els.map(e => e.id)")
    return [int(i.removeprefix("comment-")) for i in ids]


def test_a_reader_signs_in_keeps_their_viewing_options_and_replies(
    live_server, browser_page, story, reader, conversation
):
    from playwright.sync_api import expect

    from civility.discussion.models import Comment

    page = browser_page
    story_url = live_server.url + story.get_absolute_url()

    # Sign in from the story page's prompt and come back to the story.
    page.goto(story_url)
    page.get_by_role("link", name="Log in to comment").click()
    page.get_by_label("Username").fill("reader")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(story.get_absolute_url())))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # The defaults: threaded, oldest first, so the first comment posted comes first.
    assert _comment_ids(page)[0] == conversation[0].pk

    page.get_by_label("Display").select_option(label="Flat list - expanded")
    page.get_by_label("Order").select_option(label="Date - newest first")
    page.get_by_label("Comments per page").select_option(label="10")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your comment viewing options were saved.")).to_be_visible()

    page.reload()
    expect(page.get_by_label("Display")).to_have_value("flat_expanded")
    expect(page.get_by_label("Order")).to_have_value("newest")
    expect(page.get_by_label("Comments per page")).to_have_value("10")
    newest_first = [c.pk for c in reversed(conversation)][:10]
    assert _comment_ids(page) == newest_first
    expect(page.locator("#comment-list")).to_have_class(re.compile(r"\bis-flat\b"))

    # Reply to the third newest comment; the reply appears under it without a page load.
    parent = conversation[-3]
    parent_article = page.locator(f"#comment-{parent.pk}")
    parent_article.get_by_role("link", name="Reply").click()
    reply_box = page.get_by_label(re.compile(r"^Your reply to "))
    reply_box.fill("Agreed, and the footbridge should be in the base contract.")
    page.get_by_role("button", name="Post reply").click()
    slot = page.locator(f"#slot-{parent.pk}")
    expect(slot.locator("article.comment")).to_contain_text("footbridge should be in the base")

    reply = Comment.objects.get(parent=parent)
    assert reply.author == reader
    assert reply.story == story

    # Threaded again, the saved reply sits right after its parent, one level in.
    page.get_by_label("Display").select_option(label="Threaded list - expanded")
    page.get_by_role("button", name="Save settings").click()
    # Reloading before the save's own page load lands would race it.
    expect(page.get_by_text("Your comment viewing options were saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Display")).to_have_value("threaded_expanded")
    ids = _comment_ids(page)
    assert ids[ids.index(parent.pk) + 1] == reply.pk
    reply_article = page.locator(f"#comment-{reply.pk}")
    expect(reply_article).to_have_class(re.compile(r"\bindent-1\b"))
    expect(reply_article).to_contain_text("Agreed, and the footbridge")
