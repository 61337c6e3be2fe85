"""URL converters that keep site slugs from swallowing the app's own top-level paths."""

from __future__ import annotations

from django.urls import register_converter

# Top-level paths the app serves itself; a site may never be called one of these.
RESERVED_SLUGS = frozenset(
    {"admin", "accounts", "static", "media", "comments", "embed", "sso", "oidc"}
)


class SiteSlugConverter:
    """A slug that is not one of RESERVED_SLUGS."""

    regex = "(?!(?:{})(?![-a-zA-Z0-9_]))[-a-zA-Z0-9_]+".format("|".join(sorted(RESERVED_SLUGS)))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered here, on import, so every urls module that uses it shares one registration.
register_converter(SiteSlugConverter, "site_slug")
