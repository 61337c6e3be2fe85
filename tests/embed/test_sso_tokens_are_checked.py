"""A publisher's SSO token signs its reader in only when it is valid, fresh and unused."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from tests.embed.tokens import SECRET, claims, sign

from civility.moderation.models import Role, SiteRole
from civility.moderation.roles import can_moderate
from civility.sso.actions import do_sso_sign_in
from civility.sso.jwt_tokens import SsoError
from civility.sso.models import SpentToken, SsoIdentity


def _refusal(site, token: str) -> str:
    with pytest.raises(SsoError) as caught:
        do_sso_sign_in(site=site, token=token)
    return caught.value.message


def test_it_creates_the_reader_from_a_valid_token(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign())

    identity = SsoIdentity.objects.get(site=embed_site, subject="user-42")
    assert identity.user == user
    assert identity.picture_url == "https://news.example.org/pictures/ada.png"
    assert user.profile.display_name == "Ada Reader"
    assert user.email == "ada@example.net"
    assert not user.has_usable_password()


def test_it_updates_the_same_reader_on_the_next_sign_in(embed_site):
    first = do_sso_sign_in(site=embed_site, token=sign())
    again = do_sso_sign_in(site=embed_site, token=sign(name="Ada L.", email="ada@new.example"))

    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.profile.display_name == "Ada L."
    assert again.email == "ada@new.example"
    assert SsoIdentity.objects.count() == 1


def test_it_never_takes_over_a_local_account_with_the_same_email(embed_site, reader):
    user = do_sso_sign_in(site=embed_site, token=sign(email=reader.email))

    assert user.pk != reader.pk
    assert user.email == ""  # the address stays with its owner's account
    assert SsoIdentity.objects.get(user=user).email == reader.email


def test_the_same_subject_on_another_site_is_another_reader(embed_site, make_user):
    from civility.embed.models import EmbedSettings
    from civility.stories.models import Site

    other = Site.objects.create(slug="herald", name="The Herald")
    EmbedSettings.objects.create(site=other, sso_secret="another-secret-for-the-herald-0123456789")

    here = do_sso_sign_in(site=embed_site, token=sign())
    there = do_sso_sign_in(
        site=other, token=sign(secret="another-secret-for-the-herald-0123456789")
    )

    assert here.pk != there.pk


def test_it_refuses_an_expired_token(embed_site):
    past = int(time.time()) - 3600
    message = _refusal(embed_site, sign(iat=past - 60, exp=past))
    assert "expired" in message
    assert not get_user_model().objects.filter(sso_identities__isnull=False).exists()


def test_it_refuses_a_token_not_valid_yet(embed_site):
    future = int(time.time()) + 3600
    assert "not valid yet" in _refusal(embed_site, sign(iat=future, exp=future + 60))
    assert "not valid yet" in _refusal(embed_site, sign(nbf=future))


def test_it_refuses_a_token_signed_with_another_secret(embed_site):
    message = _refusal(embed_site, sign(secret="someone-elses-secret-0123456789abcdefghij"))
    assert "signature does not match" in message


def test_it_refuses_a_replayed_token(embed_site):
    token = sign()
    do_sso_sign_in(site=embed_site, token=token)

    assert "already used" in _refusal(embed_site, token)
    assert SpentToken.objects.filter(site=embed_site).count() == 1


def test_it_forgets_spent_tokens_once_they_expire(embed_site):
    import datetime as dt

    from django.utils import timezone

    SpentToken.objects.create(
        site=embed_site, jti="old", expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    do_sso_sign_in(site=embed_site, token=sign())

    assert not SpentToken.objects.filter(jti="old").exists()


def _unsigned(payload: dict) -> str:
    def part(value: dict) -> str:
        raw = json.dumps(value).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."


def test_it_refuses_an_unsigned_token(embed_site):
    message = _refusal(embed_site, _unsigned(claims()))
    assert "must be signed with HS256" in message
    assert "'none'" in message


def test_it_refuses_a_token_signed_with_rs256(embed_site):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(), key, algorithm="RS256")
    assert "must be signed with HS256" in _refusal(embed_site, token)


def test_it_refuses_a_token_without_a_jti(embed_site):
    assert '"jti"' in _refusal(embed_site, sign(jti=None))


def test_it_refuses_a_token_that_lives_too_long(embed_site):
    now = int(time.time())
    assert "lives too long" in _refusal(embed_site, sign(iat=now, exp=now + 7 * 24 * 3600))


def test_it_refuses_garbage(embed_site):
    assert "not a well-formed JWT" in _refusal(embed_site, "not-a-token")


def test_it_refuses_every_token_when_the_site_has_no_secret(site):
    assert "not set up" in _refusal(site, sign())


def test_the_roles_claim_grants_moderator_only_when_the_site_allows_it(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign(roles=["moderator"]))
    assert not can_moderate(user, embed_site)

    embed_site.embed_settings.sso_roles_allowed = True
    embed_site.embed_settings.save()
    do_sso_sign_in(site=embed_site, token=sign(roles=["moderator", "admin"]))
    assert can_moderate(user, embed_site)
    # Only "moderator" is honoured: no token makes anyone a site admin.
    assert SiteRole.objects.get(user=user, site=embed_site).role == Role.MODERATOR


def test_a_token_without_the_role_takes_back_only_what_sso_gave(embed_site, make_user):
    embed_site.embed_settings.sso_roles_allowed = True
    embed_site.embed_settings.save()
    user = do_sso_sign_in(site=embed_site, token=sign(roles=["moderator"]))
    do_sso_sign_in(site=embed_site, token=sign(roles=[]))
    assert not can_moderate(user, embed_site)

    # A role given by hand survives tokens without it.
    SiteRole.objects.create(user=user, site=embed_site, role=Role.MODERATOR)
    do_sso_sign_in(site=embed_site, token=sign(roles=[]))
    assert can_moderate(user, embed_site)


def test_a_disabled_account_is_not_signed_in(embed_site):
    user = do_sso_sign_in(site=embed_site, token=sign())
    user.is_active = False
    user.save()
    assert "disabled" in _refusal(embed_site, sign())


def test_the_secret_is_checked_byte_for_byte(embed_site):
    assert "signature does not match" in _refusal(embed_site, sign(secret=SECRET + "x"))
