"""The "Comment viewing options": how a reader likes a thread shown.

Resolution order: ?mode=&order=&per_page= in the URL (this view only), then the signed-in
reader's profile, then the anonymous reader's session, then the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import TextChoices
from django.http import HttpRequest


class DisplayMode(TextChoices):
    FLAT_COLLAPSED = "flat_collapsed", "Flat list - collapsed"
    FLAT_EXPANDED = "flat_expanded", "Flat list - expanded"
    THREADED_COLLAPSED = "threaded_collapsed", "Threaded list - collapsed"
    THREADED_EXPANDED = "threaded_expanded", "Threaded list - expanded"


class SortOrder(TextChoices):
    NEWEST = "newest", "Date - newest first"
    OLDEST = "oldest", "Date - oldest first"
    REPLIES = "replies", "Most replies"
    REACTIONS = "reactions", "Most reactions"


PER_PAGE_CHOICES = (10, 30, 50, 70, 90, 150, 200, 250, 300)
SESSION_KEY = "viewing_options"


@dataclass(frozen=True)
class ViewingOptions:
    mode: str = DisplayMode.THREADED_EXPANDED
    order: str = SortOrder.OLDEST
    per_page: int = 50

    @property
    def threaded(self) -> bool:
        return self.mode in (DisplayMode.THREADED_COLLAPSED, DisplayMode.THREADED_EXPANDED)

    @property
    def collapsed(self) -> bool:
        return self.mode in (DisplayMode.FLAT_COLLAPSED, DisplayMode.THREADED_COLLAPSED)

    def as_query(self) -> dict[str, str]:
        return {"mode": self.mode, "order": self.order, "per_page": str(self.per_page)}


DEFAULT_OPTIONS = ViewingOptions()


def _valid_mode(value: object) -> str | None:
    return value if isinstance(value, str) and value in DisplayMode.values else None


def _valid_order(value: object) -> str | None:
    return value if isinstance(value, str) and value in SortOrder.values else None


def _valid_per_page(value: object) -> int | None:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if number in PER_PAGE_CHOICES else None


def clean_options(
    mode: object, order: object, per_page: object, base: ViewingOptions
) -> ViewingOptions:
    """Return base with each valid value applied; invalid values are ignored, never errors."""
    return replace(
        base,
        mode=_valid_mode(mode) or base.mode,
        order=_valid_order(order) or base.order,
        per_page=_valid_per_page(per_page) or base.per_page,
    )


def saved_options(request: HttpRequest) -> ViewingOptions:
    """The reader's saved choice: from the profile when signed in, else from the session."""
    user = request.user
    if user.is_authenticated:
        profile = getattr(user, "profile", None)
        if profile is not None:
            return clean_options(
                profile.display_mode, profile.sort_order, profile.per_page, DEFAULT_OPTIONS
            )
        return DEFAULT_OPTIONS
    stored = request.session.get(SESSION_KEY) or {}
    if not isinstance(stored, dict):
        return DEFAULT_OPTIONS
    return clean_options(
        stored.get("mode"), stored.get("order"), stored.get("per_page"), DEFAULT_OPTIONS
    )


def options_for_request(request: HttpRequest) -> ViewingOptions:
    """The options for this view: URL parameters override the saved choice."""
    params = request.GET
    return clean_options(
        params.get("mode"), params.get("order"), params.get("per_page"), saved_options(request)
    )
