"""Time the HTML story page in process against the raw-WSGI floor, on compare_isso's data.

Builds (or reuses, with --folder) the same Disqus export compare_isso.py imports, then times
`GET /gazette/<huge>/` (the first page of the 20,000-comment thread, default display, anonymous,
through django.test.Client and every middleware) and compare_isso's RAW_WSGI `/html/` app called
directly on the same SQLite file, interleaved round by round. The anonymous page cache is off
(PAGE_CACHE_SECONDS=0), so every request renders. Prints one JSON line: medians in ms and the
multiple. Usage: python bench/story_html_bench.py [--folder DIR] [--rounds 40]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "loadtest"))

import compare_isso  # noqa: E402


def raw_wsgi_app(db: Path):  # type: ignore[no-untyped-def]
    namespace: dict[str, object] = {}
    exec(compile(compare_isso.RAW_WSGI.format(db=str(db)), "raw_wsgi", "exec"), namespace)  # noqa: S102
    return namespace["application"]


def call_wsgi(app, path: str, query: str) -> bytes:  # type: ignore[no-untyped-def]
    status: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(),
    }
    body = b"".join(app(environ, lambda s, headers: status.append(s)))
    assert status == ["200 OK"], status
    return body


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", default="", help="reuse (or build) the data here")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="civility-html-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # measure rendering, not the anonymous page cache
    db = folder / "civility" / "civility.sqlite3"
    if db.exists():
        os.environ.update(
            {
                "CIVILITY_DATA_DIR": str(folder / "civility"),
                "DJANGO_SETTINGS_MODULE": "civility.settings",
                "LOG_LEVEL": "WARNING",
            }
        )
        for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
            os.environ.pop(key, None)
        import django

        django.setup()
    else:
        export = folder / "export.xml"
        compare_isso.write_export(export)
        compare_isso.setup_civility(folder, export)

    from django.test import Client

    from civility.stories.models import Story

    slug = next(s.slug for s in Story.objects.all() if s.url.rstrip("/").endswith("/huge"))
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/gazette/{slug}/"
    raw = raw_wsgi_app(db)

    def civility() -> int:
        response = client.get(url)
        assert response.status_code == 200
        return len(response.content)

    def floor() -> int:
        return len(call_wsgi(raw, f"/html/{slug}", "limit=50"))

    for _ in range(3):  # warm both (template loader, connections)
        civility()
        floor()
    times: dict[str, list[float]] = {"civility": [], "raw_wsgi": []}
    # CPU time of this process too: on a shared machine it moves less with the others' load.
    cpu: dict[str, list[float]] = {"civility": [], "raw_wsgi": []}
    sizes = {"civility": civility(), "raw_wsgi": floor()}
    for _ in range(args.rounds):
        for name, operation in (("civility", civility), ("raw_wsgi", floor)):
            started, started_cpu = time.perf_counter(), time.process_time()
            operation()
            cpu[name].append((time.process_time() - started_cpu) * 1000)
            times[name].append((time.perf_counter() - started) * 1000)
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    # Each round times both back to back, so the ratio within a round cancels slow drifts in load.
    ratios = [a / b for a, b in zip(times["civility"], times["raw_wsgi"], strict=True)]
    print(
        json.dumps(
            {
                "civility_ms": round(medians["civility"], 2),
                "raw_wsgi_ms": round(medians["raw_wsgi"], 3),
                "multiple": round(medians["civility"] / medians["raw_wsgi"], 2),
                "median_round_multiple": round(statistics.median(ratios), 2),
                "min_multiple": round(min(times["civility"]) / min(times["raw_wsgi"]), 2),
                "civility_min_ms": round(min(times["civility"]), 2),
                "raw_wsgi_min_ms": round(min(times["raw_wsgi"]), 3),
                "civility_cpu_ms": round(cpu_medians["civility"], 2),
                "raw_wsgi_cpu_ms": round(cpu_medians["raw_wsgi"], 3),
                "cpu_multiple": round(cpu_medians["civility"] / cpu_medians["raw_wsgi"], 2),
                "bytes": sizes,
                "rounds": args.rounds,
            }
        )
    )


if __name__ == "__main__":
    main()
