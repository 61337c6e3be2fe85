"""Sessions and log-in: a fresh session key at log-in, throttled password guessing and reset
requests, and reset links that work once."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOGIN = "/accounts/login/"


def SessionStore():  # noqa: N802  (stands in for the configured engine's class)
    return import_module(django_settings.SESSION_ENGINE).SessionStore()


def log_in(client: Client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_session_key_changes_at_log_in(client, reader, story):
    # An anonymous visitor gets a session (viewing options are kept in it) ...
    client.post(
        reverse("discussion:viewing_options", args=[story.site.slug, story.slug]),
        {"mode": "flat_expanded", "order": "oldest", "per_page": 30},
    )
    planted = client.session.session_key
    assert planted
    # ... and an attacker who planted that key learns nothing from it after log-in.
    assert log_in(client, "reader", PASSWORD).status_code == 302
    assert client.session.session_key != planted
    assert not SessionStore().exists(planted)
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_log_out_ends_the_session_for_good(client, reader):
    log_in(client, "reader", PASSWORD)
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not SessionStore().exists(key)
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get(reverse("accounts:profile")).status_code == 302  # to the log-in page


def test_a_password_change_ends_other_sessions(client, reader):
    log_in(client, "reader", PASSWORD)
    reader.set_password("a brand new passphrase")
    reader.save()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_log_in_is_locked_after_repeated_failures_for_a_username(client, reader, settings):
    settings.LOGIN_FAILURES_PER_USERNAME = 5
    for _ in range(5):
        assert log_in(client, "reader", "wrong guess").status_code == 200
    # Even the right password is refused now, with a clear reason.
    response = log_in(client, "READER ", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From another address too: the lock is on the account name.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(other, "reader", PASSWORD).status_code == 429


def test_a_guesser_cannot_dodge_the_address_lock_with_a_forwarded_header(
    client, reader, second_reader, settings
):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        log_in(client, f"someone{number}", "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = log_in(client, "second", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429
    # Behind a trusted proxy the forwarded address is the client's, so others are not locked.
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    response = log_in(client, "second", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 302


def test_a_successful_log_in_clears_the_username_count(client, reader, settings):
    settings.LOGIN_FAILURES_PER_USERNAME = 3
    log_in(client, "reader", "wrong")
    log_in(client, "reader", "wrong")
    assert log_in(client, "reader", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    log_in(client, "reader", "wrong")
    log_in(client, "reader", "wrong")
    assert log_in(client, "reader", PASSWORD).status_code == 302


def test_reset_requests_are_throttled_per_address_and_email(client, reader, settings):
    settings.PASSWORD_RESETS_PER_EMAIL = 3
    url = reverse("accounts:password_reset")
    for _ in range(3):
        assert client.post(url, {"email": "reader@example.org"}).status_code == 302
    response = client.post(url, {"email": "Reader@Example.org"})
    assert response.status_code == 429
    assert "Too many reset requests" in response.content.decode()
    assert len(mail.outbox) == 3
    # The refusal is the same for an address that has no account: nothing is revealed.
    settings.PASSWORD_RESETS_PER_ADDRESS = 4
    assert client.post(url, {"email": "nobody@example.org"}).status_code == 429


def _reset_link(client: Client) -> str:
    client.post(reverse("accounts:password_reset"), {"email": "reader@example.org"})
    return re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)


def test_a_reset_link_cannot_be_used_twice(client, reader):
    link = _reset_link(client)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "first new phrase", "new_password2": "first new phrase"}
    )
    # The same link, from a fresh browser, posting straight to the form.
    attacker = Client()
    response = attacker.get(link, follow=True)
    assert "That link does not work" in response.content.decode()
    attacker.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"new_password1": "attackers phrase", "new_password2": "attackers phrase"},
    )
    reader.refresh_from_db()
    assert reader.check_password("first new phrase")


def test_a_reset_link_dies_once_the_password_changes_another_way(client, reader):
    link = _reset_link(client)
    reader.set_password("changed meanwhile")
    reader.save()
    assert "That link does not work" in client.get(link, follow=True).content.decode()


def test_the_reset_form_url_works_only_in_the_session_that_opened_the_link(client, reader):
    link = _reset_link(client)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    # Someone who sees only the tokenless form URL (in a log or a Referer) cannot use it.
    bystander = Client()
    bystander.post(form_url, {"new_password1": "stolen phrase", "new_password2": "stolen phrase"})
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_the_admin_log_in_shares_the_throttle(client, reader, settings):
    settings.LOGIN_FAILURES_PER_USERNAME = 2
    for _ in range(2):
        client.post("/admin/login/", {"username": "reader", "password": "guess"})
    # Locked on the site's own form too, and the admin form refuses even the right password.
    assert log_in(client, "reader", PASSWORD).status_code == 429
    response = client.post("/admin/login/", {"username": "reader", "password": PASSWORD})
    assert "Too many failed log-ins" in response.content.decode()
