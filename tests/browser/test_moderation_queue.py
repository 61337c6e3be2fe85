"""A moderator works the queue with the keyboard in a real (headless) Chromium: j to the first
held comment, a to approve it, r to open the reject form on the next and r again to reject it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def waiting(transactional_db, story, reader, make_user):
    """Three held comments, oldest first, and a moderator of their site."""
    from django.utils import timezone

    from civility.discussion.actions import do_post_comment
    from civility.discussion.models import Comment
    from civility.moderation.models import SiteRole, WordKind, WordRule

    WordRule.objects.create(site=story.site, phrase="scoundrel", kind=WordKind.SUSPECT)
    start = timezone.now() - timedelta(hours=3)
    comments = []
    for number, text in enumerate(
        [
            "The first one calls the mayor a scoundrel.",
            "The second one says the treasurer is a scoundrel.",
            "The third one thinks the whole council are scoundrel material, scoundrel!",
        ]
    ):
        comment, _ = do_post_comment(story=story, author=reader, text=text)
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(hours=number))
        comments.append(comment)
    assert [c.status for c in comments] == ["held"] * 3
    moderator = make_user("desk")
    SiteRole.objects.create(user=moderator, site=story.site)
    return comments


def test_a_moderator_approves_and_rejects_with_the_keyboard(live_server, browser_page, waiting):
    from playwright.sync_api import expect

    from civility.discussion.models import Comment
    from civility.moderation.models import ModerationEvent

    first, second, third = waiting
    page = browser_page
    page.goto(live_server.url + "/accounts/login/?next=/moderate/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/moderate/$"))
    pending = page.locator('[data-count="pending"]')
    expect(pending).to_have_text("3")
    expect(page.locator(f"#card-{first.pk} mark").first).to_have_text("scoundrel")
    # The deferred script may run after the cards show; keys pressed before it are lost.
    expect(page.locator("html[data-queue-keys=ready]")).to_have_count(1)

    # ? opens the help; Escape closes it.
    page.keyboard.press("?")
    expect(page.locator("#queue-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#queue-help")).to_be_hidden()

    # A marker that a page load would wipe: the actions below must not reload the page.
    page.evaluate("window.stillTheSamePage = true")
    page.keyboard.press("j")
    expect(page.locator(f"#card-{first.pk}")).to_be_focused()
    page.keyboard.press("a")
    expect(page.locator(f"#card-{first.pk}")).to_have_count(0)
    expect(pending).to_have_text("2")
    # The next card takes the first one's place and the focus.
    expect(page.locator(f"#card-{second.pk}")).to_have_class(re.compile(r"\bis-current\b"))

    page.keyboard.press("r")
    expect(page.locator(f"#card-{second.pk} form[data-action=reject] button")).to_be_focused()
    page.keyboard.press("r")
    expect(page.locator(f"#card-{second.pk}")).to_have_count(0)
    expect(pending).to_have_text("1")
    expect(page.locator(f"#card-{third.pk}")).to_be_visible()
    expect(page.locator("#queue-status")).to_contain_text("rejected")

    statuses = dict(
        Comment.objects.filter(pk__in=[c.pk for c in waiting]).values_list("pk", "status")
    )
    assert statuses == {first.pk: "published", second.pk: "rejected", third.pk: "held"}
    rejection = ModerationEvent.objects.get(comment=second, to_status="rejected")
    assert rejection.actor.get_username() == "desk"
    assert rejection.reason_codes == ["other"]  # nothing in a suspect word suggests a reason

    assert page.evaluate("window.stillTheSamePage") is True

    # Loaded afresh, the page lists only what is still pending.
    page.reload()
    expect(pending).to_have_text("1")
    assert page.locator("[data-card]").count() == 1
