"""Signing in a publisher's reader from their SSO token."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from civility.accounts.models import Profile
from civility.embed.actions import embed_settings_for
from civility.moderation.models import Role, SiteRole
from civility.sso.jwt_tokens import SsoClaims, SsoError, read_token
from civility.sso.models import SpentToken, SsoIdentity
from civility.stories.models import Site

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MODERATOR_ROLE = "moderator"
_DISPLAY_NAME_MAX = 80


def do_sso_sign_in(*, site: Site, token: str) -> User:
    """Verify the token, spend its jti, and create or update the reader it names.

    The account is matched by site and "sub" only, never by e-mail: a publisher vouches for its
    own users, not for an address that may belong to someone's account here.
    """
    conf = embed_settings_for(site)
    claims = read_token(token, conf.sso_secret)
    now = timezone.now()
    with transaction.atomic():
        _spend(site, claims)
        identity = _locked_identity(site, claims.subject)
        if identity is None:
            # A reader's first visit may open two pages at once: one creator per site at a time,
            # and the second finds what the first made.
            Site.objects.select_for_update().filter(pk=site.pk).first()
            identity = _locked_identity(site, claims.subject)
        if identity is None:
            identity = SsoIdentity(
                site=site, subject=claims.subject, user=_new_user(site, claims), last_sign_in_at=now
            )
        user = identity.user
        if not user.is_active:
            raise SsoError("This account is disabled.")
        identity.email = _valid_email(claims.email)
        identity.name = claims.name
        identity.picture_url = _valid_url(claims.picture)
        identity.last_sign_in_at = now
        _update_user(user, claims, identity.email, _picture(identity.picture_url))
        if conf.sso_roles_allowed:
            identity.granted_moderator = _apply_moderator_role(
                user,
                site,
                wanted=MODERATOR_ROLE in claims.roles,
                granted=identity.granted_moderator,
            )
        identity.save()
    return user


def _locked_identity(site: Site, subject: str) -> SsoIdentity | None:
    return (
        SsoIdentity.objects.select_for_update()
        .select_related("user")
        .filter(site=site, subject=subject)
        .first()
    )


def _spend(site: Site, claims: SsoClaims) -> None:
    """Record the token's jti, refusing one seen before; forget jtis whose tokens have expired."""
    SpentToken.objects.filter(expires_at__lt=timezone.now()).delete()
    try:
        with transaction.atomic():
            SpentToken.objects.create(site=site, jti=claims.jti, expires_at=claims.expires_at)
    except IntegrityError as error:
        raise SsoError(
            "This sign-in token was already used; sign a fresh one (with a new jti) for each page view."
        ) from error


def _username(site: Site, subject: str) -> str:
    # Stable and free of the characters usernames may not hold, whatever the publisher's ids are.
    digest = hashlib.sha256(f"{site.pk}:{subject}".encode()).hexdigest()[:24]
    return f"sso-{site.pk}-{digest}"


def _display_name(claims: SsoClaims) -> str:
    name = claims.name or claims.email.partition("@")[0] or "Reader"
    return name[:_DISPLAY_NAME_MAX]


def _new_user(site: Site, claims: SsoClaims) -> User:
    user = get_user_model().objects.create_user(username=_username(site, claims.subject))
    user.set_unusable_password()  # signs in only through the publisher
    user.save(update_fields=["password"])
    Profile.objects.create(user=user, display_name=_display_name(claims))
    return user


def _picture(url: str) -> str:
    """The SSO picture to show as the avatar: HTTPS only (no mixed content on HTTPS pages)."""
    return url if url.startswith("https://") else ""


def _update_user(user: User, claims: SsoClaims, email: str, picture_url: str) -> None:
    user_model = get_user_model()
    # Another account may already hold the address; then it stays on the identity only, so the
    # owner of that account keeps it to themselves.
    taken = bool(email) and (
        user_model.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
    )
    new_email = "" if taken else email
    if user.email != new_email:
        user.email = new_email
        user.save(update_fields=["email"])
    display_name = _display_name(claims)
    Profile.objects.update_or_create(
        user=user, defaults={"display_name": display_name, "picture_url": picture_url}
    )


def _apply_moderator_role(user: User, site: Site, *, wanted: bool, granted: bool) -> bool:
    """Give or take back the moderator role per the token; return whether SSO now grants it."""
    role = SiteRole.objects.filter(user=user, site=site).first()
    if wanted:
        if role is None:
            SiteRole.objects.create(user=user, site=site, role=Role.MODERATOR)
            return True
        return granted  # a role given by hand (or site admin) stays as it is
    if granted and role is not None and role.role == Role.MODERATOR:
        role.delete()
    return False


def _valid_email(value: str) -> str:
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return get_user_model().objects.normalize_email(value)


def _valid_url(value: str) -> str:
    if not value:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        return ""
    return value
