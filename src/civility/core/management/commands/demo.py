"""`civility demo`: load a demo publication with a busy comment thread, once."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civility.core.demo import loader
from civility.core.demo.people import DEMO_LOGIN, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Load The Riverside Gazette: stories, a dozen readers and a thread of a few hundred "
        "comments. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo site and demo accounts first, then load them afresh.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["reset"]:
            loader.remove_demo()
        try:
            result = loader.load_demo()
        except loader.DemoConflict as error:
            raise CommandError(str(error)) from error
        counts = result.counts
        if result.created:
            self.stdout.write(
                f"Loaded {result.site.name}: {counts['stories']} stories, "
                f"{counts['comments']} comments ({counts['held']} held for review), "
                f"{counts['reactions']} reactions, {counts['reports']} reports "
                f"in {time.monotonic() - started:.1f} s."
            )
        else:
            self.stdout.write(f"{result.site.name} is already loaded; nothing changed.")
        self.stdout.write("Stories:")
        for story, url in loader.story_urls(result):
            self.stdout.write(f"  {url}  {story.title}")
        self.stdout.write(f"Sign in to post as {DEMO_LOGIN.username} / {DEMO_PASSWORD}")
        self.stdout.write(
            f"Admin: {loader.admin_url()} (create an account with `civility createsuperuser`)"
        )
        self.stdout.write(self.style.SUCCESS(f"Demo story: {result.url(result.main_story)}"))
