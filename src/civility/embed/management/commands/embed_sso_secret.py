"""Print a new SSO secret for a site (the old one stops working); it is shown only this once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civility.embed.actions import do_rotate_sso_secret
from civility.stories.models import Site


class Command(BaseCommand):
    help = "Generate a new SSO secret for a site and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("site", help="The site's slug.")

    def handle(self, *args: object, **options: object) -> None:
        site = Site.objects.filter(slug=str(options["site"])).first()
        if site is None:
            raise CommandError(f"There is no site {options['site']!r}.")
        self.stdout.write(do_rotate_sso_secret(site))
