from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_mails_a_link_that_sets_a_new_password(client, reader):
    response = client.post(reverse("accounts:password_reset"), {"email": "READER@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "reader" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    # The link redirects once to a URL without the token, which then shows the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    new_password = "another fine passphrase"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    reader.refresh_from_db()
    assert reader.check_password(new_password)
    # Used once, the link is dead.
    assert "That link does not work" in client.get(link, follow=True).content.decode()


def test_it_shows_the_same_page_for_an_unknown_address(client, reader):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_forged_link_does_not_work(client, reader):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "set-password"])
    assert "That link does not work" in client.get(url).content.decode()
