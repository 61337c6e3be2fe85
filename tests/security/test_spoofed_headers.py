"""X-Forwarded-For counts only from a trusted proxy, so a client cannot dodge a rate limit (or
pose as someone else) by sending the header; an unknown Host header is refused."""

from __future__ import annotations

import pytest
from django.test import Client

from civility.discussion.models import Comment, CommentStatus, Reaction
from civility.moderation.models import ModerationEvent
from civility.moderation.site_settings import ensure_settings

from .conftest import send_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_the_rate_limit(site):
    """Every check off but the rate limit: three comments an address, many an account."""
    row = ensure_settings(site)
    for field in row._meta.get_fields():
        if field.name.endswith("_enabled"):
            setattr(row, field.name, field.name == "rate_limit_enabled")
    row.rate_address_limit = 2
    row.rate_account_limit = 100
    row.save()
    return row


def post_as(user, story, number: int, forwarded: str) -> Comment:
    client = Client()
    client.force_login(user)
    response = client.post(
        f"{story.get_absolute_url()}comment/",
        {"text": f"Comment number {number} on the budget", "idempotency_key": f"k{number}"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code in (200, 302)
    return Comment.objects.filter(author=user).latest("pk")


def test_the_comment_rate_limit_ignores_a_forged_forwarded_for(
    only_the_rate_limit, story, make_user
):
    comments = [
        post_as(make_user(f"sock{n}"), story, n, forwarded=f"203.0.113.{n}") for n in range(3)
    ]
    assert [c.status for c in comments[:2]] == [CommentStatus.PUBLISHED] * 2
    assert comments[2].status == CommentStatus.HELD
    event = ModerationEvent.objects.get(comment=comments[2])
    assert event.reason_codes == ["rate_limit_address"]
    assert "127.0.0.1" in str(event.evidence)  # the socket address, not the forged one
    assert "203.0.113" not in str(event.evidence)


def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    only_the_rate_limit, story, make_user, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    comments = [
        post_as(make_user(f"reader{n}"), story, n, forwarded=f"203.0.113.{n}") for n in range(3)
    ]
    assert {c.status for c in comments} == {CommentStatus.PUBLISHED}
    # And a client behind the proxy cannot forge further hops to the left of the proxy's own.
    spoofer = make_user("spoofer")
    for n in range(3):
        post_as(spoofer, story, 10 + n, forwarded=f"10.9.9.{n}, 198.51.100.1")
    assert Comment.objects.filter(author=spoofer).latest("pk").status == CommentStatus.HELD


def test_the_api_address_throttle_ignores_a_forged_forwarded_for(client, story, reader, settings):
    settings.API_ADDRESS_WRITE_RATE = "2/60"
    client.force_login(reader)
    url = f"/api/v1/sites/{story.site.slug}/stories/{story.slug}/comments"
    statuses = [
        send_json(
            client, "post", url, {"text": f"Hello number {n}"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert Comment.objects.count() == 2


def test_votes_belong_to_accounts_not_addresses(story, reader, second_reader):
    from civility.discussion.actions import do_post_comment

    comment, _ = do_post_comment(story=story, author=second_reader, text="Vote for me")
    client = Client()
    client.force_login(reader)
    for n in range(3):
        client.post(
            f"/comments/{comment.pk}/react/", {"kind": "funny"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )
        client.post(
            f"/comments/{comment.pk}/react/", {"kind": "like"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )
    assert Reaction.objects.filter(comment=comment).count() == 1


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "localhost:8000@evil.example", "a b"]
)
def test_an_unknown_host_header_is_refused(host, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    client = Client(HTTP_HOST=host)
    assert client.get("/").status_code == 400
    assert client.get("/api/v1/me").status_code == 400
    assert client.post("/accounts/password-reset/", {"email": "a@example.org"}).status_code == 400


def test_a_password_reset_link_never_uses_the_request_host(client, reader, settings):
    # Poisoning the link in the mail needs a Host the site accepts; an allowed alias is fine.
    from django.core import mail

    settings.ALLOWED_HOSTS = ["testserver"]
    Client(HTTP_HOST="evil.example").post(
        "/accounts/password-reset/", {"email": "reader@example.org"}
    )
    assert mail.outbox == []
