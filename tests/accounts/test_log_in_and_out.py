from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from civility.accounts.models import Profile

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def test_it_logs_in_and_goes_to_a_safe_next(client, reader):
    response = client.post(
        reverse("accounts:login"), {"username": "reader", "password": PASSWORD, "next": "/gazette/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/gazette/"
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_it_ignores_a_next_on_another_host(client, reader):
    response = client.post(
        reverse("accounts:login"),
        {"username": "reader", "password": PASSWORD, "next": "//evil.example/steal"},
    )
    assert response["Location"] == "/"


def test_it_says_when_the_password_is_wrong(client, reader):
    response = client.post(reverse("accounts:login"), {"username": "reader", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_gives_a_profile_to_an_account_made_without_one(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client.post(reverse("accounts:login"), {"username": "boss", "password": PASSWORD})
    assert Profile.objects.filter(user=admin).exists()


def test_log_out_refuses_get(client, reader):
    client.force_login(reader)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_log_out_by_post(client, reader):
    client.force_login(reader)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_links_to_the_profile_and_log_out(client, reader):
    reader.profile.display_name = "Rita Reader"
    reader.profile.save()
    client.force_login(reader)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Rita Reader" in page
    assert f'action="{reverse("accounts:logout")}"' in page
