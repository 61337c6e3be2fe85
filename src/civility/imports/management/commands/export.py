"""civility export: write a site's data as JSON lines (schema: docs/export-format.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from civility.core.database_ready import require_migrated
from civility.imports.exporting import VERSION, export_lines
from civility.imports.formats.timestamps import parse_iso_utc
from civility.imports.sites import site_for_command


class Command(BaseCommand):
    help = (
        "Export a site's stories, the people involved, comments with their revisions, reactions, "
        f"reports and moderation history as JSON lines (schema version {VERSION})."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--site", help="Slug of the site to export.")
        parser.add_argument(
            "--since",
            help="Only comments, revisions, reactions, reports and moderation events created at "
            "or after this ISO date or time (UTC unless it names an offset).",
        )
        parser.add_argument(
            "--with-secrets",
            action="store_true",
            help="Include password hashes, so readers can sign in on the install that imports "
            "the file. Keep such a file as safe as the database.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        require_migrated()
        site = site_for_command(options["site"])
        since = None
        if options["since"]:
            since = parse_iso_utc(options["since"])
            if since is None:
                raise CommandError(f"--since {options['since']!r} is not an ISO date.")
        for line in export_lines(site, since=since, with_secrets=options["with_secrets"]):
            self.stdout.write(line)
