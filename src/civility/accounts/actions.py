"""Every change to an account: sign up, profile edits, avatars."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from civility.accounts.avatar_image import normalise_avatar, output_format
from civility.accounts.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AccountError(Exception):
    """A rule the change breaks; field names the form field it belongs to (None: the form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def username_taken(username: str) -> bool:
    return get_user_model().objects.filter(username__iexact=username).exists()


def email_taken(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def do_sign_up(*, username: str, email: str, password: str, display_name: str = "") -> User:
    """Create a reader and their profile together; raise AccountError if the name or e-mail went."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email)
    try:
        with transaction.atomic():
            # Re-checked here: the form's check may be stale by the time we write.
            if username_taken(username):
                raise AccountError("That username is taken.", "username")
            if email_taken(email):
                raise AccountError("An account with that e-mail address already exists.", "email")
            user = user_model.objects.create_user(username=username, email=email, password=password)
            Profile.objects.create(user=user, display_name=display_name.strip())
    except IntegrityError as error:
        # Two sign-ups raced for the same username; the unique index decided.
        raise AccountError("That username is taken.", "username") from error
    return user


def get_profile(user) -> Profile:  # type: ignore[no-untyped-def]
    """Return user's profile, creating it for accounts made outside sign-up (createsuperuser,
    the admin)."""
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile
    profile, _ = Profile.objects.get_or_create(user=user)
    user.profile = profile
    return profile


def do_update_profile(user, *, display_name: str, bio: str) -> Profile:  # type: ignore[no-untyped-def]
    """Save what the reader shows others."""
    with transaction.atomic():
        profile = get_profile(user)
        profile.display_name = display_name.strip()
        profile.bio = bio.strip()
        profile.save(update_fields=["display_name", "bio"])
    return profile


def do_set_avatar(user, upload) -> Profile:  # type: ignore[no-untyped-def]
    """Replace the reader's picture with the upload, cleaned; raise AvatarRejected if unusable."""
    # Decode and re-encode before the transaction: it is slow and needs no lock.
    data = normalise_avatar(upload)
    extension = output_format().lower()
    get_profile(user)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        old_name = profile.avatar.name
        # A random name: not guessable from the account, never reused after a change.
        profile.avatar.save(
            f"{secrets.token_urlsafe(16)}.{extension}", ContentFile(data), save=False
        )
        profile.save(update_fields=["avatar"])
        _delete_file_on_commit(profile, old_name)
    user.profile = profile
    return profile


def do_remove_avatar(user) -> Profile:  # type: ignore[no-untyped-def]
    """Go back to the generated picture."""
    get_profile(user)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        old_name = profile.avatar.name
        profile.avatar = ""
        profile.save(update_fields=["avatar"])
        _delete_file_on_commit(profile, old_name)
    user.profile = profile
    return profile


def _delete_file_on_commit(profile: Profile, name: str | None) -> None:
    if not name:
        return
    storage = profile.avatar.storage
    transaction.on_commit(lambda: storage.delete(name))
