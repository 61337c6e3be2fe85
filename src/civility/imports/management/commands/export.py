"""civility export: write a site's stories, commenters and comments as JSON lines."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from civility.imports.exporting import export_lines
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.sites import site_for_command


class Command(BaseCommand):
    help = "Export a site's stories, commenters and comments as JSON lines (schema version 1)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--site", help="Slug of the site to export.")
        parser.add_argument("--since", help="Only comments created at or after this ISO date.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        site = site_for_command(options["site"])
        since = None
        if options["since"]:
            since = parse_iso_utc(options["since"])
            if since is None:
                raise CommandError(f"--since {options['since']!r} is not an ISO date.")
        for line in export_lines(site, since=since):
            self.stdout.write(line)
