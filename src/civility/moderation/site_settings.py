"""Per-site moderation settings: the row when there is one, the model's defaults otherwise."""

from __future__ import annotations

from django.conf import settings as django_settings

from civility.core.query_templates import QueryTemplates, value_of
from civility.moderation.models import ModerationSettings
from civility.stories.models import Site

# Read on every post: compiled once (core.query_templates).
_SETTINGS = QueryTemplates(ModerationSettings, size=2)


def settings_for(site: Site | None) -> ModerationSettings:
    """Return the site's settings; an unsaved default row when it has none (reads never write)."""
    if site is not None and site.pk is not None:
        found = _SETTINGS.first(
            ("of-site",),
            lambda values: ModerationSettings.objects.filter(site_id=values["site"]).order_by("pk")[
                :1
            ],
            {"site": value_of(ModerationSettings, "site", site.pk)},
        )
        if found is not None:
            return found
    return ModerationSettings(site=site) if site is not None else ModerationSettings()


def ensure_settings(site: Site) -> ModerationSettings:
    """Return the site's settings row, creating it with the defaults when missing."""
    row, _ = ModerationSettings.objects.get_or_create(site=site)
    return row


def max_length(settings: ModerationSettings) -> int:
    return settings.max_length or django_settings.COMMENT_MAX_LENGTH
