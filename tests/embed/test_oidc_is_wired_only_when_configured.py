"""OpenID Connect login exists only when its provider is configured in the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.urls import NoReverseMatch, reverse
try:
    login = reverse("oidc_authentication_init")
except NoReverseMatch:
    login = None
from django.template.loader import render_to_string
page = render_to_string("accounts/login.html", {"form": []})
print(json.dumps({
    "button": "Log in with your organisation" in page,
    "backends": settings.AUTHENTICATION_BACKENDS,
    "installed": "mozilla_django_oidc" in settings.INSTALLED_APPS,
    "login": login,
}))
"""
PROVIDER = {
    "OIDC_RP_CLIENT_ID": "civility",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://id.example.org/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://id.example.org/token",
    "OIDC_OP_USER_ENDPOINT": "https://id.example.org/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://id.example.org/jwks",
}


def _probe(tmp_path, **env) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    clean.update(DJANGO_SETTINGS_MODULE="civility.settings", CIVILITY_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, timeout=120
    )


def test_it_is_absent_by_default(tmp_path):
    result = _probe(tmp_path)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {
        "backends": ["django.contrib.auth.backends.ModelBackend"],
        "installed": False,
        "login": None,
        "button": False,
    }


def test_it_is_wired_when_configured(tmp_path):
    result = _probe(tmp_path, **PROVIDER)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["backends"] == [
        "django.contrib.auth.backends.ModelBackend",
        "civility.sso.oidc.CivilityOIDCBackend",
    ]
    assert found["installed"] is True
    assert found["login"] == "/oidc/authenticate/"
    assert found["button"] is True


def test_a_half_configured_provider_is_a_clear_error(tmp_path):
    result = _probe(tmp_path, OIDC_RP_CLIENT_ID="civility")

    assert result.returncode != 0
    assert "OIDC_OP_TOKEN_ENDPOINT" in result.stderr


@pytest.mark.django_db
def test_the_backend_gives_new_users_a_profile_and_refuses_unverified_addresses(settings):
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    from civility.sso.oidc import CivilityOIDCBackend

    backend = CivilityOIDCBackend()
    claims = {"email": "grace@example.org", "name": "Grace H.", "sub": "g-1"}
    user = backend.create_user(claims)

    assert user.profile.display_name == "Grace H."
    assert not user.has_usable_password()
    assert backend.verify_claims({**claims, "email_verified": False}) is False
    assert backend.verify_claims({**claims, "email_verified": True}) is True
