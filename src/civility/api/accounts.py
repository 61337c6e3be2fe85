"""Who the reader is, for the embed to show the right controls."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from civility.accounts.avatars import avatar_url
from civility.api.auth import READERS
from civility.api.schemas import MeOut

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, auth=READERS)
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The signed-in reader (or a token's account), or `authenticated: false` for nobody."""
    user = request.user
    if not user.is_authenticated:
        return {"authenticated": False}
    profile = getattr(user, "profile", None)
    name = profile.name if profile else user.get_username()
    return {
        "authenticated": True,
        "id": user.pk,
        "username": user.get_username(),
        "name": name,
        "avatar_url": avatar_url(user, name),
    }
