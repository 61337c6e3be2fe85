from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from civility.accounts.actions import AccountError, do_sign_up
from civility.accounts.models import Profile

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def form(**overrides) -> dict:
    data = {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "display_name": "New Comer",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_it_creates_the_user_and_profile_and_logs_in(client):
    response = client.post(reverse("accounts:signup"), form())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = get_user_model().objects.get(username="newcomer")
    assert user.email == "newcomer@example.org"
    assert user.check_password(PASSWORD)
    assert Profile.objects.get(user=user).display_name == "New Comer"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_display_name_is_optional(client):
    client.post(reverse("accounts:signup"), form(display_name=""))
    profile = Profile.objects.get(user__username="newcomer")
    assert profile.name == "newcomer"


def test_it_refuses_a_taken_username_whatever_its_case(client, reader):
    response = client.post(reverse("accounts:signup"), form(username="READER"))
    assert response.status_code == 400
    assert "That username is taken." in response.content.decode()
    assert not get_user_model().objects.filter(username="READER").exists()


def test_it_refuses_a_taken_email_whatever_its_case(client, reader):
    response = client.post(reverse("accounts:signup"), form(email="Reader@Example.org"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "An account with that e-mail address already exists." in page
    assert 'id="id_email_error"' in page
    assert get_user_model().objects.filter(email__iexact="reader@example.org").count() == 1


def test_it_refuses_passwords_that_differ_or_are_weak(client):
    response = client.post(reverse("accounts:signup"), form(password2="something else"))
    assert "The two passwords differ." in response.content.decode()
    response = client.post(
        reverse("accounts:signup"), form(password1="12345678", password2="12345678")
    )
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_action_rechecks_the_username_and_email(reader):
    with pytest.raises(AccountError) as taken:
        do_sign_up(username="Reader", email="other@example.org", password=PASSWORD)
    assert taken.value.field == "username"
    with pytest.raises(AccountError) as used:
        do_sign_up(username="other", email="READER@example.org", password=PASSWORD)
    assert used.value.field == "email"
    assert get_user_model().objects.count() == 1


def test_it_follows_a_safe_next_and_ignores_an_unsafe_one(client):
    response = client.post(reverse("accounts:signup") + "?next=/gazette/", form())
    assert response["Location"] == "/gazette/"
    client.logout()
    response = client.post(
        reverse("accounts:signup"),
        form(username="second", email="second@example.org", next="https://evil.example/"),
    )
    assert response["Location"] == reverse("accounts:profile")


def test_the_form_page_renders_with_labels(client):
    page = client.get(reverse("accounts:signup")).content.decode()
    for field in ("username", "email", "display_name", "password1", "password2"):
        assert f'<label for="id_{field}"' in page
    assert 'aria-describedby="id_username_helptext"' in page
