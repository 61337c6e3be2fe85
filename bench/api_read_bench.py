"""Time the API's hot reads in-process against the raw-WSGI floor on the same SQLite file.

    python bench/api_read_bench.py [--data DIR] [--seconds 3] [--rounds 3] [--before SRC]

Builds (once, kept in --data) the same data as bench/compare_isso.py: its Disqus export of a
1,000-comment story, a 20,000-comment one and 100 small ones, imported by `civility import`,
plus a read token. Then calls Django's WSGI application directly (no HTTP, no gunicorn) for:
the whole 1,000-comment thread walked by cursor 300 at a time with a Bearer token, the first
50 of the 20,000, and the counts of 100 stories; and compare_isso's RAW_WSGI app (one SQLite
query and orjson) for the same thread in one call. Prints ms per operation.

--before SRC also times another copy of the source tree (e.g. one with the files under test as
committed), alternating child processes round by round so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(data: Path) -> tuple[dict[str, str], str]:
    """Build the data once; return (story slugs by name, token)."""
    meta = data / "meta.json"
    if meta.exists():
        found = json.loads(meta.read_text())
        return found["slugs"], found["token"]
    sys.path.insert(0, str(ROOT / "bench"))
    import compare_isso

    data.mkdir(parents=True, exist_ok=True)
    export = data / "export.xml"
    compare_isso.write_export(export)
    started = time.monotonic()
    _, slugs, token = compare_isso.setup_civility(data, export)
    print(f"import: {time.monotonic() - started:.1f} s", file=sys.stderr)
    meta.write_text(json.dumps({"slugs": slugs, "token": token}))
    return slugs, token


def environ(path: str, query: str, headers: dict[str, str]) -> dict:
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    env.update(headers)
    return env


def call(app, path: str, query: str = "", headers: dict[str, str] | None = None) -> bytes:  # type: ignore[no-untyped-def]
    status: list[str] = []

    def start_response(line, _headers, _exc=None):  # type: ignore[no-untyped-def]
        status.append(line)

    chunks = app(environ(path, query, headers or {}), start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    if not status[0].startswith("200"):
        raise RuntimeError(f"{path}?{query}: {status[0]} {body[:300]!r}")
    return body


def child(data: Path, seconds: float, conn_max_age: int | None) -> dict[str, float]:
    """Time each operation for `seconds`; return ms per operation."""
    slugs, token = prepare(data)
    os.environ.update(
        {
            "CIVILITY_DATA_DIR": str(data / "civility"),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "civility.settings",
        }
    )
    for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(key, None)
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    app = get_wsgi_application()
    if conn_max_age is not None:
        connections["default"].settings_dict["CONN_MAX_AGE"] = conn_max_age
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT / "loadtest"))
    import compare_isso

    raw: dict = {}
    db = data / "civility" / "civility.sqlite3"
    exec(compare_isso.RAW_WSGI.format(db=str(db)), raw)  # noqa: S102 (our own bench code)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    api = "/api/v1/sites/gazette/stories"

    def whole_thread() -> None:
        cursor, pages = "", 0
        while True:
            query = "limit=300&order=oldest" + (f"&cursor={cursor}" if cursor else "")
            page = json.loads(call(app, f"{api}/{slugs['big']}/comments", query, auth))
            pages += 1
            cursor = page["next_cursor"] or ""
            if not cursor:
                assert pages == 4, pages
                return

    def first_page() -> None:
        call(app, f"{api}/{slugs['huge']}/comments", "limit=50", auth)

    counts_query = "&".join(
        "story=" + urllib.parse.quote(f"gazette:{slugs[f'small-{i}']}") for i in range(100)
    )

    def counts() -> None:
        assert len(json.loads(call(app, "/api/v1/counts", counts_query, auth))["counts"]) == 100

    def raw_thread() -> None:
        call(raw["application"], f"/json/{slugs['big']}", "limit=1000")

    def raw_first() -> None:
        call(raw["application"], f"/json/{slugs['huge']}", "limit=50")

    operations = {
        "whole_thread_1000": whole_thread,
        "raw_whole_thread_1000": raw_thread,
        "first_page_50_of_20000": first_page,
        "raw_first_page_50": raw_first,
        "counts_100_stories": counts,
    }
    result = {}
    for name, operation in operations.items():
        operation()  # warm
        done, began, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - began < seconds:
            operation()
            done += 1
        result[name] = (time.perf_counter() - began) * 1000 / done
        # CPU time of this process: what a shared, busy machine disturbs least.
        result[f"{name} (cpu)"] = (time.process_time() - cpu) * 1000 / done
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "civility-api-bench"))
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default="", help="another src/ to time alternately")
    parser.add_argument(
        "--conn-max-age", type=int, default=None, help="override CONN_MAX_AGE (SQLite: 0)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = Path(args.data)
    if args.child:
        print(json.dumps(child(data, args.seconds, args.conn_max_age)))
        return
    prepare_env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, __file__, "--child", "--data", str(data), "--seconds", "0.01"],
        check=True,
        env=prepare_env,
        stdout=subprocess.DEVNULL,
    )
    trees = {"after": ROOT / "src"}
    if args.before:
        trees = {"before": Path(args.before), **trees}
    results: dict[str, dict[str, list[float]]] = {}
    for round_number in range(args.rounds):
        names = list(trees) if round_number % 2 == 0 else list(reversed(trees))
        for name in names:
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--data", str(data)]
                + ["--seconds", str(args.seconds)]
                + ([] if args.conn_max_age is None else ["--conn-max-age", str(args.conn_max_age)]),
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONPATH": str(trees[name])},
            )
            for op, ms in json.loads(out.stdout.strip().splitlines()[-1]).items():
                results.setdefault(name, {}).setdefault(op, []).append(ms)
        print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    for name, ops in results.items():
        print(f"[{name}] ms per operation, median (min-max) of {args.rounds} rounds")
        for op, values in ops.items():
            print(
                f"  {op:24} {statistics.median(values):8.2f} ({min(values):.2f}-{max(values):.2f})"
            )
        for clock in ("", " (cpu)"):
            thread = statistics.median(ops[f"whole_thread_1000{clock}"])
            floor = statistics.median(ops[f"raw_whole_thread_1000{clock}"])
            print(f"  whole thread / raw WSGI{clock}: {thread / floor:.2f}x")


if __name__ == "__main__":
    main()
