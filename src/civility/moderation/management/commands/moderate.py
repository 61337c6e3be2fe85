"""`civility moderate`: try the site's moderation settings on JSON Lines of comments."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from civility.moderation import batch
from civility.stories.models import Site


class Command(BaseCommand):
    help = (
        "Run the moderation pipeline over JSON Lines ({id, author, text}, optional story, "
        "parent, created) as if posted in order; print one JSON line of decision and reasons "
        "per comment. Writes nothing unless --apply."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
        parser.add_argument("--site", help="Use this site's settings, word lists and stories")
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Set each existing comment (id = comment id on --site) to its decision",
        )
        parser.add_argument(
            "--rate-limits", action="store_true", help="Apply rate limits (off by default)"
        )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        site = None
        if options["site"]:
            site = Site.objects.filter(slug=options["site"]).first()
            if site is None:
                raise CommandError(f"No site with slug {options['site']!r}.")
        if options["apply"] and site is None:
            raise CommandError("--apply needs --site: the ids are comment ids on that site.")
        path = options["file"]
        try:
            stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            errors = batch.run(
                stream,
                out=self.stdout,
                err=self.stderr,
                site=site,
                rate_limits=options["rate_limits"],
                apply=options["apply"],
            )
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        if errors:
            # Exit status 1, after every good line was written.
            raise CommandError(f"{errors} line{'s' if errors != 1 else ''} had errors.")
