"""civility import FILE: convert a foreign export and load it into a site."""

from __future__ import annotations

from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from civility.core.database_ready import require_migrated
from civility.core.tasks import runs_inline
from civility.imports.errors import ImportFailed
from civility.imports.formats import FORMATS, detect_format, get_converter
from civility.imports.loader import load
from civility.imports.progress import ImportProgress
from civility.imports.sites import site_for_command


class Command(BaseCommand):
    help = "Import comments (and their stories and authors) from an export file."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--site", help="Slug of the site to import into.")
        parser.add_argument("--format", default="auto", choices=["auto", *sorted(FORMATS)])
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--moderate",
            action="store_true",
            help="Run the imported comments through the moderation pipeline in the background "
            "and fill the moderators' queue with what it would hold. Published comments stay "
            "published unless the site's moderation settings say otherwise.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        require_migrated()
        site = site_for_command(options["site"])
        try:
            with open(options["file"], "rb") as stream:
                name = options["format"]
                if name == "auto":
                    name = detect_format(stream)
                converter = get_converter(name)
                self.stderr.write(f"Importing {options['file']} as {name} into {site.slug}")
                # The stream under Django's wrapper: the bar writes partial lines.
                with ImportProgress(cast(TextIO, self.stderr._out)) as progress:
                    summary = load(
                        converter.convert(stream),
                        site=site,
                        source_format=name,
                        dry_run=options["dry_run"],
                        progress=progress,
                        moderate=options["moderate"],
                    )
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}") from None
        except ImportFailed as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.review_scheduled:
            self.stdout.write(
                "moderation: imported comments reviewed "
                + ("inline." if runs_inline() else "by the background workers.")
            )
        if summary.has_errors:
            raise CommandError(f"{len(summary.errors)} record(s) skipped for errors.")
