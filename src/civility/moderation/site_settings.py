"""Per-site moderation settings: the row when there is one, the model's defaults otherwise."""

from __future__ import annotations

from django.conf import settings as django_settings

from civility.moderation.models import ModerationSettings
from civility.stories.models import Site


def settings_for(site: Site | None) -> ModerationSettings:
    """Return the site's settings; an unsaved default row when it has none (reads never write)."""
    if site is not None and site.pk is not None:
        found = ModerationSettings.objects.filter(site=site).first()
        if found is not None:
            return found
    return ModerationSettings(site=site) if site is not None else ModerationSettings()


def ensure_settings(site: Site) -> ModerationSettings:
    """Return the site's settings row, creating it with the defaults when missing."""
    row, _ = ModerationSettings.objects.get_or_create(site=site)
    return row


def max_length(settings: ModerationSettings) -> int:
    return settings.max_length or django_settings.COMMENT_MAX_LENGTH
