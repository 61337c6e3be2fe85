"""A token's key is shown once when it is made; the database keeps only a hash of its secret."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.messages import get_messages

from civility.api.models import ApiToken
from civility.api.tokens import do_create_token, do_revoke_token, find_token


def test_it_stores_only_a_hash_of_the_secret(site, moderator):
    token, key = do_create_token(
        site=site, name="CMS", scopes=["moderate", "read"], created_by=moderator
    )
    _, prefix, secret = key.split("_", 2)
    assert key.startswith("civ_")
    assert token.prefix == prefix
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert not any(secret in str(value) for value in stored.values())
    assert token.scopes == ["read", "moderate"]


def test_it_finds_a_live_token_by_its_key_only(site, moderator):
    token, key = do_create_token(site=site, name="CMS", scopes=["read"], created_by=moderator)
    assert find_token(key) == token
    assert find_token(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    do_revoke_token(token)
    assert find_token(key) is None


def test_it_refuses_unknown_scopes(site, moderator):
    with pytest.raises(ValueError, match="Unknown scopes"):
        do_create_token(site=site, name="CMS", scopes=["root"], created_by=moderator)


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("boss", is_staff=True, is_superuser=True))
    return client


def test_the_admin_shows_the_key_once_in_a_message(admin_client, site, moderator):
    response = admin_client.post(
        "/admin/api/apitoken/add/",
        {"site": site.pk, "name": "CMS", "scopes": ["moderate"], "created_by": moderator.pk},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    keys = [word for text in shown for word in text.split() if word.startswith("civ_")]
    assert len(keys) == 1
    assert find_token(keys[0]) == token
    assert token.created_by == moderator and token.scopes == ["moderate"]
    again = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/")
    assert keys[0] not in again.content.decode()
    assert keys[0] not in response.content.decode().split("civ_", 1)[0]


def test_the_admin_revokes_tokens(admin_client, site, moderator):
    token, key = do_create_token(site=site, name="CMS", scopes=["read"], created_by=moderator)
    admin_client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert find_token(key) is None


def test_a_staff_user_can_only_make_tokens_that_act_as_themselves(
    client, site, moderator, make_user
):
    from django.contrib.auth.models import Permission

    staff = make_user("clerk", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="_apitoken"))
    boss = make_user("boss", is_superuser=True, is_staff=True)
    client.force_login(staff)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"site": site.pk, "name": "CMS", "scopes": ["admin"], "created_by": boss.pk},
    )
    assert response.status_code == 302
    assert ApiToken.objects.get().created_by == staff
