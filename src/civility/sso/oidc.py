"""OpenID Connect login through mozilla-django-oidc; added to the backends only when configured."""

from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from civility.accounts.models import Profile

_DISPLAY_NAME_MAX = 80


def _name(claims: dict) -> str:
    name = claims.get("name") or claims.get("preferred_username") or ""
    return str(name).strip()[:_DISPLAY_NAME_MAX]


class CivilityOIDCBackend(OIDCAuthenticationBackend):
    """The library's backend (accounts matched by e-mail), plus a profile with the reader's name."""

    def verify_claims(self, claims: dict) -> bool:
        # An address the provider has not verified must not open the account that holds it.
        return bool(super().verify_claims(claims)) and claims.get("email_verified") is not False

    def create_user(self, claims: dict):  # type: ignore[no-untyped-def]
        user = super().create_user(claims)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Profile.objects.create(user=user, display_name=_name(claims))
        return user

    def update_user(self, user, claims: dict):  # type: ignore[no-untyped-def]
        profile, _ = Profile.objects.get_or_create(user=user)
        name = _name(claims)
        if name and not profile.display_name:
            profile.display_name = name
            profile.save(update_fields=["display_name"])
        return user
