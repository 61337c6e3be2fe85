"""Import benchmark: a generated Disqus export of N comments into a fresh SQLite database.

    python bench/import_bench.py [--comments 1000000] [--stories 1000]

Writes the export to a temporary file with streaming writes (a third of the comments are replies,
some of them several levels deep), imports it with `civility import`, and prints the file size,
the import rate (comments per second) and the peak resident memory of the process
(ru_maxrss). Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
)


def write_export(path: Path, comments: int, stories: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for s in range(stories):
            out.write(
                f'<thread dsq:id="t{s}"><link>https://gazette.example/story/{s}</link>'
                f"<title>Story {s}</title><createdAt>2024-01-01T00:00:00Z</createdAt></thread>\n"
            )
        for n in range(comments):
            story = n % stories
            # Every third comment replies to the comment written `stories` earlier on the same
            # story, so chains of replies form; timestamps are shuffled a little within a day.
            parent = f'<parent dsq:id="p{n - stories}"/>' if n % 3 == 2 and n >= stories else ""
            seconds = n * 7 + (n * 7919) % 3600
            day, rest = divmod(seconds, 86400)
            stamp = f"2024-{1 + (day // 28) % 12:02d}-{1 + day % 28:02d}T{rest // 3600:02d}:" + (
                f"{rest % 3600 // 60:02d}:{rest % 60:02d}Z"
            )
            out.write(
                f'<post dsq:id="p{n}"><message><![CDATA[<p>Comment {n}: '
                f"{'a reasonably ordinary sentence of reader opinion. ' * 4}</p>]]></message>"
                f"<createdAt>{stamp}</createdAt><isDeleted>false</isDeleted>"
                f"<isSpam>{'true' if n % 97 == 0 else 'false'}</isSpam>"
                f"<author><email>reader{n % 20000}@example.org</email>"
                f"<name>Reader {n % 20000}</name></author>"
                f'<thread dsq:id="t{story}"/>{parent}</post>\n'
            )
        out.write("</disqus>\n")


def peak_rss_mb() -> float:
    # On Linux, ru_maxrss of a child started by fork and exec starts at the parent's peak (a
    # pytest worker's, say); VmHWM is this process's own high-water mark.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--stories", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="civility-import-bench-") as tmp:
        export = Path(tmp) / "disqus.xml"
        started = time.perf_counter()
        write_export(export, args.comments, args.stories)
        size_mb = export.stat().st_size / 1e6
        print(f"export: {args.comments:,} comments, {size_mb:,.0f} MB, written in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        os.environ["CIVILITY_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)  # SQLite in the temporary data folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.settings")
        import django

        django.setup()
        from io import StringIO

        from django.core.management import call_command

        from civility.stories.models import Site

        call_command("migrate", verbosity=0)
        site = Site.objects.create(slug="bench", name="Bench")
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        out = StringIO()
        call_command(
            "import", str(export), site=site.slug, format="disqus", stdout=out, stderr=StringIO()
        )
        elapsed = time.perf_counter() - started
        print(out.getvalue().rstrip())
        print(f"import: {elapsed:.1f} s, {args.comments / elapsed:,.0f} comments/s")
        print(
            f"peak RSS: {peak_rss_mb():,.0f} MB (after setup, before import: {rss_before:,.0f} MB)"
        )


if __name__ == "__main__":
    main()
