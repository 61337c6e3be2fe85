"""Account details that only Civility's own export carries, applied to users an import creates.

Users the import matched (same e-mail) are left as they are: an import never changes an account
someone already has on this install. Staff and superuser flags are never exported nor set.
"""

from __future__ import annotations

from django.contrib.auth.hashers import identify_hasher

from civility.accounts.models import Profile
from civility.imports.records import UserRecord


def _usable_hash(value: str) -> bool:
    """Whether value is a password hash one of this install's hashers understands."""
    try:
        identify_hasher(value)
    except ValueError:
        return False
    return True


def apply_account_details(user, rec: UserRecord) -> None:  # type: ignore[no-untyped-def]
    """Give a user the import just created the details its record carries."""
    fields = []
    if rec.date_joined is not None:
        user.date_joined = rec.date_joined
        fields.append("date_joined")
    if not rec.is_active:
        user.is_active = False
        fields.append("is_active")
    if rec.password and _usable_hash(rec.password):
        # Stored as exported: the hash, never a plain password, so the reader signs in as before.
        user.password = rec.password
        fields.append("password")
    if fields:
        user.save(update_fields=fields)
    if rec.bio:
        Profile.objects.filter(user=user).update(bio=rec.bio[:300])
