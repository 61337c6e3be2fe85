"""An SSO reader takes part through the embed token header, with no cookie at all."""

from __future__ import annotations

import json
import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.embed.tokens import sign

from civility.discussion.models import Comment, Reaction, ReactionKind, Report, ReportReason
from civility.embed.tokens import make_token, user_for_token

TOKEN_HEADER = "HTTP_X_CIVILITY_EMBED"


def _exchange(client: Client, site, token: str, **extra):
    return client.post(
        reverse("sso:exchange", kwargs={"site_slug": site.slug}),
        data=json.dumps({"token": token}),
        content_type="application/json",
        **extra,
    )


@pytest.fixture
def cookieless():
    """A browser whose cookies are blocked (a third-party frame): CSRF checks are real."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def embed_token(cookieless, embed_site):
    response = _exchange(cookieless, embed_site, sign())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Ada Reader"
    return body["token"]


def test_the_exchange_returns_a_clear_error_for_a_bad_token(cookieless, embed_site):
    response = _exchange(cookieless, embed_site, sign(secret="wrong-secret-0123456789abcdefghijkl"))

    assert response.status_code == 401
    assert "signature does not match" in response.json()["error"]


def test_the_exchange_refuses_other_origins_and_form_posts(cookieless, embed_site):
    cross = _exchange(cookieless, embed_site, sign(), HTTP_ORIGIN="https://evil.example")
    form = cookieless.post(
        reverse("sso:exchange", kwargs={"site_slug": embed_site.slug}), {"token": sign()}
    )

    assert cross.status_code == 403
    assert form.status_code == 415


def test_the_exchange_does_not_set_a_session(cookieless, embed_site):
    response = _exchange(cookieless, embed_site, sign())
    assert "sessionid" not in response.cookies


def test_a_reader_posts_and_replies_with_the_token_header(cookieless, embed_token, story):
    post_url = reverse(
        "discussion:post", kwargs={"site_slug": story.site.slug, "story_slug": story.slug}
    )
    response = cookieless.post(
        post_url,
        {"text": "Framed, and still heard.", "idempotency_key": "k1"},
        HTTP_HX_REQUEST="true",
        **{TOKEN_HEADER: embed_token},
    )

    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.author.profile.display_name == "Ada Reader"
    assert b"Framed, and still heard." in response.content

    reply = cookieless.post(
        reverse("discussion:reply", kwargs={"comment_id": comment.pk}),
        {"text": "Replying from the frame.", "idempotency_key": "k2"},
        HTTP_HX_REQUEST="true",
        **{TOKEN_HEADER: embed_token},
    )
    assert reply.status_code == 200
    assert Comment.objects.filter(parent=comment).count() == 1


def test_a_reader_reacts_and_reports_with_the_token_header(
    cookieless, embed_token, story, second_reader
):
    from civility.discussion.actions import do_post_comment

    theirs, _ = do_post_comment(story=story, author=second_reader, text="Something to discuss.")
    react = cookieless.post(
        reverse("discussion:react", kwargs={"comment_id": theirs.pk}),
        {"kind": ReactionKind.values[0]},
        HTTP_HX_REQUEST="true",
        **{TOKEN_HEADER: embed_token},
    )
    report = cookieless.post(
        reverse("discussion:report", kwargs={"comment_id": theirs.pk}),
        {"reason": ReportReason.values[0], "note": ""},
        HTTP_HX_REQUEST="true",
        **{TOKEN_HEADER: embed_token},
    )

    assert react.status_code == 200
    assert Reaction.objects.filter(comment=theirs).count() == 1
    assert report.status_code == 200
    assert Report.objects.filter(comment=theirs).count() == 1


def test_without_a_valid_token_the_csrf_check_still_applies(cookieless, embed_site, story):
    post_url = reverse(
        "discussion:post", kwargs={"site_slug": story.site.slug, "story_slug": story.slug}
    )
    response = cookieless.post(
        post_url, {"text": "Sneaky.", "idempotency_key": "k"}, **{TOKEN_HEADER: "forged.value"}
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_token_does_not_open_moderation_or_the_admin(cookieless, embed_token, embed_site):
    from civility.moderation.models import SiteRole

    user = user_for_token(embed_token)
    SiteRole.objects.create(user=user, site=embed_site)
    for url in ("/moderate/", "/admin/"):
        response = cookieless.get(url, **{TOKEN_HEADER: embed_token})
        assert response.status_code == 302, url  # sent to log in: the header counts for nothing


def test_changing_the_password_ends_the_token(embed_token):
    user = user_for_token(embed_token)
    user.set_password("a new password entirely")
    user.save()
    assert user_for_token(embed_token) is None


def test_an_expired_embed_token_is_ignored(settings, reader):
    token = make_token(reader, site_id=1).value
    assert user_for_token(token) == reader
    with time_machine.travel(time.time() + settings.EMBED_TOKEN_SECONDS + 60, tick=False):
        assert user_for_token(token) is None


def test_the_signed_in_reader_sees_the_form_in_the_frame(cookieless, embed_token, story):
    url = reverse("embed:thread", kwargs={"site_slug": story.site.slug, "story_slug": story.slug})
    response = cookieless.get(url, HTTP_HX_REQUEST="true", **{TOKEN_HEADER: embed_token})

    assert b"Commenting as <strong>Ada Reader</strong>" in response.content
    assert b'id="new-comment"' in response.content
