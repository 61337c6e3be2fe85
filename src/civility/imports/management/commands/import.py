"""civility import FILE: convert a foreign export and load it into a site."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from civility.imports.errors import ImportFailed
from civility.imports.formats import FORMATS, detect_format, get_converter
from civility.imports.loader import load
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

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        site = site_for_command(options["site"])
        try:
            with open(options["file"], "rb") as stream:
                name = options["format"]
                if name == "auto":
                    name = detect_format(stream)
                converter = get_converter(name)
                self.stderr.write(f"Importing {options['file']} as {name} into {site.slug}")
                summary = load(
                    converter.convert(stream),
                    site=site,
                    source_format=name,
                    dry_run=options["dry_run"],
                    progress=self._progress,
                )
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}") from None
        except ImportFailed as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.has_errors:
            raise CommandError(f"{len(summary.errors)} record(s) skipped for errors.")

    def _progress(self, stage: str, count: int) -> None:
        self.stderr.write(f"{stage}: {count:,}")
