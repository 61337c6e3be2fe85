from __future__ import annotations

from django.core.management.base import CommandError

from civility.stories.models import Site


def site_for_command(slug: str | None) -> Site:
    """Return the site named by --site, or the only site there is; else a CommandError."""
    if slug:
        site = Site.objects.filter(slug=slug).first()
        if site is None:
            raise CommandError(f"No site with slug {slug!r}.")
        return site
    sites = list(Site.objects.all()[:2])
    if len(sites) != 1:
        raise CommandError("Pass --site SLUG: there is not exactly one site.")
    return sites[0]
