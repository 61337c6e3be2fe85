"""Write the OpenAPI schema to src/civility/api/openapi.json, or check it is current."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from civility.api.schema_file import SCHEMA_PATH, generated_schema


class Command(BaseCommand):
    help = "Regenerate the committed OpenAPI schema (--check: fail if it is out of date)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        schema = generated_schema()
        if options["check"]:
            current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
            if current != schema:
                raise CommandError("The OpenAPI schema is out of date: run `civility api_schema`.")
            self.stdout.write("The OpenAPI schema is current.")
            return
        SCHEMA_PATH.write_text(schema, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_PATH}")
