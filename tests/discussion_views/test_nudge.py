"""A comment the checks would hold for how it speaks to people is shown back to its author first:
the parts that look hostile are marked, and the author may rephrase or post anyway."""

from __future__ import annotations

import pytest
from tests.moderation.fake_scorer import FakeScorer

from civility.discussion.actions import do_post_comment
from civility.discussion.models import Comment, CommentStatus
from civility.moderation import scoring
from civility.moderation.models import ModerationEvent
from civility.moderation.site_settings import ensure_settings

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
NOTICE = "Parts of your comment may come across as hostile."
HOSTILE = "Fair point on the budget. You idiot."
FLAGGED = "You idiot."
POST_ANYWAY = 'name="post_anyway" value="1"'


@pytest.fixture(autouse=True)
def verdict():
    """Overrides the package's fixed verdict: these tests go through the real pipeline."""


@pytest.fixture(autouse=True)
def scorer():
    """A classifier that holds exactly the sentences naming an idiot, whatever the real model
    would say (the same stand-in the pipeline's own tests use)."""
    scoring.set_scorer(FakeScorer({"idiot": {"toxicity": 0.93, "insult": 0.91}}))
    yield
    scoring.reset()


def post_url(story) -> str:
    return story.get_absolute_url() + "comment/"


def automatic_codes(comment) -> list[str]:
    event = ModerationEvent.objects.filter(comment=comment, actor=None).latest("created_at")
    return [reason["code"] for reason in event.evidence["reasons"]]


def test_a_hostile_comment_is_shown_back_with_the_flagged_part_marked(client, story, reader):
    client.force_login(reader)
    response = client.post(post_url(story), {"text": HOSTILE, "idempotency_key": "k1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert NOTICE in html
    assert "post it anyway" in html and "reviewed by a moderator before it appears" in html
    assert f"Fair point on the budget. <mark>{FLAGGED}</mark>" in html
    assert f">{HOSTILE}</textarea>" in html
    assert POST_ANYWAY in html


def test_posting_anyway_creates_a_held_comment_with_the_choice_on_record(client, story, reader):
    client.force_login(reader)
    client.post(post_url(story), {"text": HOSTILE, "idempotency_key": "k1"})
    response = client.post(
        post_url(story), {"text": HOSTILE, "idempotency_key": "k1", "post_anyway": "1"}
    )
    comment = Comment.objects.get()
    assert response["Location"] == f"/comments/{comment.pk}/"
    assert comment.status == CommentStatus.HELD
    assert "nudge_ignored" in automatic_codes(comment)
    landing = client.get(response["Location"], follow=True).content.decode()
    assert "Your comment is awaiting review." in landing


def test_rephrasing_publishes_the_comment(client, story, reader):
    client.force_login(reader)
    client.post(post_url(story), {"text": HOSTILE, "idempotency_key": "k1"})
    client.post(
        post_url(story),
        {"text": "Fair point on the budget. I see it differently.", "idempotency_key": "k1"},
    )
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED
    assert "nudge_ignored" not in automatic_codes(comment)


def test_with_the_site_s_nudge_off_the_comment_is_simply_held(client, story, reader, site):
    settings = ensure_settings(site)
    settings.nudge_enabled = False
    settings.save()
    client.force_login(reader)
    response = client.post(post_url(story), {"text": HOSTILE, "idempotency_key": "k1"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.status == CommentStatus.HELD
    assert "nudge_ignored" not in automatic_codes(comment)


def test_the_htmx_form_comes_back_as_the_nudge_partial(client, story, reader):
    client.force_login(reader)
    response = client.post(
        post_url(story), {"text": HOSTILE, "idempotency_key": "k1"}, headers=HTMX
    )
    html = response.content.decode()
    assert not Comment.objects.exists()
    assert html.startswith('<form id="new-comment"')
    assert "<html" not in html
    assert NOTICE in html and f"<mark>{FLAGGED}</mark>" in html and POST_ANYWAY in html
    response = client.post(
        post_url(story),
        {"text": HOSTILE, "idempotency_key": "k1", "post_anyway": "1"},
        headers=HTMX,
    )
    assert Comment.objects.get().status == CommentStatus.HELD
    assert "Your comment is awaiting review." in response.content.decode()


def test_the_marked_text_is_escaped(client, story, reader):
    client.force_login(reader)
    text = '<script>alert("x")</script> is fine. You <b>idiot</b>.'
    html = client.post(post_url(story), {"text": text, "idempotency_key": "k1"}).content.decode()
    assert NOTICE in html
    assert "<script>alert" not in html and "<b>idiot</b>" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; is fine. "
        "<mark>You &lt;b&gt;idiot&lt;/b&gt;.</mark>" in html
    )


def test_a_reply_is_nudged_and_can_be_posted_anyway(client, story, reader, second_reader):
    parent, _ = do_post_comment(story=story, author=second_reader, text="The budget is fine.")
    client.force_login(reader)
    url = f"/comments/{parent.pk}/reply/"
    html = client.post(url, {"text": HOSTILE, "idempotency_key": "r1"}).content.decode()
    assert Comment.objects.filter(parent=parent).count() == 0
    assert NOTICE in html and f"<mark>{FLAGGED}</mark>" in html and POST_ANYWAY in html
    html = client.post(
        url, {"text": HOSTILE, "idempotency_key": "r1"}, headers=HTMX
    ).content.decode()
    assert html.startswith(f'<form id="reply-{parent.pk}"') and NOTICE in html
    client.post(url, {"text": HOSTILE, "idempotency_key": "r1", "post_anyway": "1"})
    reply = Comment.objects.get(parent=parent)
    assert reply.status == CommentStatus.HELD
    assert "nudge_ignored" in automatic_codes(reply)


def test_an_edit_is_nudged_before_anything_changes(client, story, reader):
    comment, _ = do_post_comment(story=story, author=reader, text="Fair point on the budget.")
    client.force_login(reader)
    url = f"/comments/{comment.pk}/edit/"
    html = client.post(url, {"text": HOSTILE}).content.decode()
    comment.refresh_from_db()
    assert (comment.source, comment.status) == ("Fair point on the budget.", "published")
    assert not comment.revisions.exists()
    assert NOTICE in html and f"<mark>{FLAGGED}</mark>" in html and POST_ANYWAY in html
    response = client.post(url, {"text": HOSTILE}, headers=HTMX)
    assert response["HX-Retarget"] == f"#slot-{comment.pk}"
    assert NOTICE in response.content.decode()
    client.post(url, {"text": HOSTILE, "post_anyway": "1"})
    comment.refresh_from_db()
    assert (comment.source, comment.status) == (HOSTILE, CommentStatus.HELD)
    assert "nudge_ignored" in automatic_codes(comment)


def test_a_rephrased_edit_is_saved_published(client, story, reader):
    comment, _ = do_post_comment(story=story, author=reader, text="Fair point on the budget.")
    client.force_login(reader)
    url = f"/comments/{comment.pk}/edit/"
    client.post(url, {"text": HOSTILE})
    client.post(url, {"text": "Fair point on the budget, though I disagree."})
    comment.refresh_from_db()
    assert comment.source == "Fair point on the budget, though I disagree."
    assert comment.status == CommentStatus.PUBLISHED
