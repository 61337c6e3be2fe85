"""Signed one-click unsubscribe links: no sign-in needed, tampering refused."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from civility.notifications.models import Follow, NotificationSettings
from civility.notifications.unsubscribe import make_token

pytestmark = pytest.mark.django_db


def links(message) -> list[str]:
    return [
        u.replace("https://comments.example", "") for u in re.findall(r"https://\S+", message.body)
    ]


@pytest.fixture
def reply_mail(story, reader, second_reader, post):
    parent = post(story, reader, "Parent.")
    post(story, second_reader, "Reply.", parent=parent)
    (message,) = mail.outbox
    return message


def test_get_shows_a_confirm_button_and_changes_nothing(client, reply_mail, reader):
    url = (
        reply_mail.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .replace("https://comments.example", "")
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop all notification e-mails" in page.content.decode()
    assert '<form method="post"' in page.content.decode()
    assert not NotificationSettings.objects.filter(user=reader, email_mode="off").exists()


def test_one_click_post_without_sign_in_stops_all_mail(
    client, reply_mail, reader, story, second_reader, post
):
    url = (
        reply_mail.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .replace("https://comments.example", "")
    )
    # What a mail client sends for RFC 8058: no cookie, no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationSettings.objects.get(user=reader).email_mode == "off"
    mail.outbox.clear()
    parent = Follow.objects.filter(user=reader).exclude(comment=None).first().comment
    post(story, second_reader, "Another reply.", parent=parent)
    assert mail.outbox == []


def test_the_link_in_the_body_stops_following_that_comment(client, reply_mail, reader):
    stop = [u for u in links(reply_mail) if "/unsubscribe/" in u]
    assert len(stop) == 2  # this comment, and everything
    assert Follow.objects.filter(user=reader).exclude(comment=None).exists()
    client.post(stop[0])
    assert not Follow.objects.filter(user=reader).exclude(comment=None).exists()
    assert not NotificationSettings.objects.filter(user=reader, email_mode="off").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "x" + t,
        lambda t: "not-a-token",
    ],
)
def test_a_tampered_link_is_refused(client, reader, tamper):
    token = tamper(make_token(reader.pk, "all"))
    response = client.post(f"/accounts/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    assert not NotificationSettings.objects.filter(user=reader).exists()


def test_a_link_cannot_be_switched_to_another_reader(client, reader, second_reader):
    from django.core import signing

    token = make_token(reader.pk, "all")
    payload, _, signature = token.rpartition(":")
    forged_payload = signing.dumps({"u": second_reader.pk, "s": "all"}, salt="other").split(":")[0]
    response = client.post(f"/accounts/notifications/unsubscribe/{forged_payload}:{signature}/")
    assert response.status_code == 400
    assert not NotificationSettings.objects.exists()
    assert payload


def test_the_moderation_digest_link_stops_only_that_digest(client, moderator):
    from civility.notifications.actions import do_save_settings

    do_save_settings(
        user=moderator, email_mode="digest", follow_own_comments=True, moderation_digest=True
    )
    client.post(f"/accounts/notifications/unsubscribe/{make_token(moderator.pk, 'moderation')}/")
    row = NotificationSettings.objects.get(user=moderator)
    assert row.moderation_digest is False and row.email_mode == "digest"


def test_stopping_all_mail_stops_the_moderation_digest_too(client, moderator):
    from civility.notifications.actions import do_save_settings

    do_save_settings(
        user=moderator, email_mode="immediate", follow_own_comments=True, moderation_digest=True
    )
    client.post(f"/accounts/notifications/unsubscribe/{make_token(moderator.pk, 'all')}/")
    row = NotificationSettings.objects.get(user=moderator)
    assert row.moderation_digest is False and row.email_mode == "off"
