"""Civility against Isso 0.14 and against the floor, measured side by side in one run.

    python bench/compare_isso.py [--rounds 5] [--seconds 4] [--web-workers 2] [--clients 4]

Builds one Disqus export (a 1,000-comment story, a 20,000-comment story, 100 small stories and an
empty one for posting) and imports that same file into both systems, so both hold the same
stories and comments. Isso shows one level of replies, so every reply in the file answers a
top-level comment: like is compared with like. Both run under gunicorn with the same number of
sync workers; one load generator (keep-alive HTTP clients in threads, in this process) drives
both, interleaving the systems round by round so machine noise hits both. Isso runs with its
rate-limit guard and moderation off; Civility posts through its whole moderation pipeline with
the `linear` scorer on. Posting is measured three ways: from one account (as the issue asks),
from 20 accounts in turn (so the copypasta check compares each post with others' recent ones, as
on a busy site; Isso posts under 20 names), and, for Civility alone, on a site with every
moderation check off: the ceiling that moderation can only lower.

The floor: the same reads straight from SQLite with one query serialized by orjson in a loop (no
HTTP), and a minimal raw WSGI app doing that under the same gunicorn. Writes
bench/results.json and bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "loadtest"))
from posting import WORDS  # noqa: E402 (the load test's vocabulary)
from services import free_port, wait_for_http  # noqa: E402

ISSO_VERSION = "0.14.0"
GUNICORN_VERSION = "27.0.1"
STORIES = {"big": 1000, "huge": 20000}
SMALL_STORIES = 100
AUTHORS = 20  # accounts posting in turn in the post_comment_many_authors scenario
SITE_URL = "https://gazette.example"


# --- data -------------------------------------------------------------------------------------


def text(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(15, 45))]
    words[3] = f"*{words[3]}*"  # a little Markdown for both renderers
    return f"Comment {n}: " + " ".join(words) + "."


def write_export(path: Path) -> None:
    """One Disqus export for both systems: replies only one level deep (Isso's model)."""
    rng = random.Random(2026)
    threads = [(name, count) for name, count in STORIES.items()]
    threads += [(f"small-{i}", 3) for i in range(SMALL_STORIES)]
    threads.append(("post", 0))
    n = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n'
        )
        for name, _ in threads:
            out.write(
                f'<thread dsq:id="t-{name}"><id>{name}</id><link>{SITE_URL}/{name}/</link>'
                f"<title>Story {name}</title><createdAt>2025-01-01T00:00:00Z</createdAt></thread>\n"
            )
        for name, count in threads:
            tops: list[int] = []
            for i in range(count):
                n += 1
                parent = ""
                if tops and rng.random() < 0.4:
                    parent = f'<parent dsq:id="p{rng.choice(tops)}"/>'
                else:
                    tops.append(n)
                created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1735689600 + n * 13 + i))
                out.write(
                    f'<post dsq:id="p{n}"><id/><message><![CDATA[{text(rng, n)}]]></message>'
                    f"<createdAt>{created}</createdAt><isDeleted>false</isDeleted>"
                    f"<isSpam>false</isSpam><author><name>reader{n % 300}</name>"
                    f"<email>reader{n % 300}@example.org</email></author>"
                    f'<thread dsq:id="t-{name}"/>{parent}</post>\n'
                )
        out.write("</disqus>\n")


# --- the two systems --------------------------------------------------------------------------


def isso_venv(folder: Path) -> Path:
    venv = folder / "isso-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                f"isso=={ISSO_VERSION}",
                f"gunicorn=={GUNICORN_VERSION}",
            ],
            check=True,
        )
    return venv


def isso_config(folder: Path, port: int) -> Path:
    config = folder / "isso.cfg"
    config.write_text(
        f"""[general]
dbpath = {folder / "isso.db"}
host = {SITE_URL}/
[moderation]
enabled = false
[guard]
enabled = false
[server]
listen = http://127.0.0.1:{port}/
[hash]
salt = bench
"""
    )
    return config


def setup_civility(
    folder: Path, export: Path
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Import the export into a fresh SQLite Civility; return (env, story slugs by name, API
    tokens: "bench", "reader0".. for the many-authors scenario, "bare" for the unmoderated site)."""
    env = dict(os.environ)
    env.update(
        {
            "CIVILITY_DATA_DIR": str(folder / "civility"),
            "API_TOKEN_WRITE_RATE": "1000000/60",
            "API_ADDRESS_WRITE_RATE": "1000000/60",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "civility.settings",
        }
    )
    for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from civility.moderation.site_settings import settings_for
    from civility.stories.models import Site, Story

    call_command("migrate", verbosity=0, interactive=False)
    site, _ = Site.objects.get_or_create(slug="gazette", defaults={"name": "Gazette"})
    call_command("import", str(export), "--site", "gazette", verbosity=0)
    moderation = settings_for(site)
    # The bench posts from one account; everything else in the pipeline stays on.
    moderation.rate_limit_enabled = False
    moderation.save()
    slugs = {}
    for story in Story.objects.filter(site=site):
        name = story.url.rstrip("/").rsplit("/", 1)[-1]
        slugs[name] = story.slug
    users = get_user_model()
    user, _ = users.objects.get_or_create(username="bench", email="bench@example.org")
    tokens = {"bench": _token(site, user)}
    # Many readers posting at once: the copypasta check then compares each post with the other
    # readers' recent ones, which a single account never meets.
    for n in range(AUTHORS):
        reader, _ = users.objects.get_or_create(
            username=f"bench-reader{n}", email=f"bench-reader{n}@example.org"
        )
        tokens[f"reader{n}"] = _token(site, reader)
    # The ceiling: the same post on a site with every moderation check off, to show what the
    # pipeline costs over HTTP and what Django, storage and events cost without it.
    bare, _ = Site.objects.get_or_create(slug="bare", defaults={"name": "Bare"})
    bare_settings = settings_for(bare)
    for field in bare_settings._meta.concrete_fields:
        if field.name.endswith("_enabled"):
            setattr(bare_settings, field.name, False)
    bare_settings.save()
    Story.objects.get_or_create(
        site=bare,
        slug="post",
        defaults={
            "title": "Posting",
            "url": f"{SITE_URL}/bare-post/",
            "published_at": datetime.now(UTC),
        },
    )
    tokens["bare"] = _token(bare, user)
    from django.db import connections

    connections.close_all()
    return env, slugs, tokens


def _token(site, user) -> str:  # type: ignore[no-untyped-def]
    from civility.api.tokens import do_create_token

    return do_create_token(site=site, name="bench", scopes=["read", "comment"], created_by=user)[1]


# Isso's own Disqus importer, run in one transaction: as shipped it opens a connection and commits
# per statement (834 s for these 21,300 comments here), which measures fsync, not Isso.
ISSO_LOADER = """
import sqlite3, sys
from isso import config
from isso.db import SQLite3
from isso.migrate import Disqus
conf = config.load(config.default_file(), sys.argv[1])
db = SQLite3(conf.get("general", "dbpath"), conf)
con = sqlite3.connect(db.path)
def execute(sql, args=()):
    return con.execute(" ".join(sql) if isinstance(sql, (list, tuple)) else sql, args)
db.execute = execute
Disqus(db, sys.argv[2], empty_id=True).migrate()
con.commit()
"""

RAW_WSGI = """
import html, sqlite3, orjson
DB = {db!r}
QUERY = ("SELECT c.id, c.parent_id, c.author_name, c.html, c.created_at, c.reaction_count "
         "FROM discussion_comment c JOIN stories_story s ON s.id = c.story_id "
         "WHERE s.slug = ? AND c.status = 'published' ORDER BY c.path LIMIT ?")
local = {{}}
def rows(slug, limit):
    conn = local.get("c") or local.setdefault("c", sqlite3.connect(DB, check_same_thread=False))
    keys = ("id", "parent", "author", "html", "created", "reactions")
    return [dict(zip(keys, r)) for r in conn.execute(QUERY, (slug, limit))]
def application(environ, start_response):
    path = environ["PATH_INFO"].strip("/").split("/")
    limit = int(environ.get("QUERY_STRING", "").partition("=")[2] or 50)
    found = rows(path[1], limit)
    if path[0] == "html":
        body = "".join(f"<article id='c{{r['id']}}'><b>{{html.escape(r['author'])}}</b>"
                       f"{{r['html']}}</article>" for r in found)
        body = f"<!doctype html><title>{{path[1]}}</title><main>{{body}}</main>".encode()
        kind = "text/html; charset=utf-8"
    else:
        body, kind = orjson.dumps({{"comments": found}}), "application/json"
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
    return [body]
"""


# --- load -------------------------------------------------------------------------------------


class Target:
    """One system on one port; `call` performs one operation (one or more requests)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.local = threading.local()

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            self.local.conn = None
            raise


def measure(operation: Callable[[], None], seconds: float, clients: int) -> dict[str, float]:
    """Run operation from `clients` threads for `seconds`; operations per second and latency."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                operation()
            except Exception:
                errors[0] += 1
                continue
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "ops_per_s": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "errors": errors[0],
    }


def expect(status: int, body: bytes, *ok: int) -> bytes:
    if status not in ok:
        raise RuntimeError(f"HTTP {status}: {body[:200]!r}")
    return body


def civility_operations(target: Target, slugs: dict[str, str], tokens: dict[str, str]) -> dict:
    auth = {"Authorization": f"Bearer {tokens['bench']}"}
    api = "/api/v1/sites/gazette/stories"
    rng = random.Random(7)
    counter = [0]

    def post_as(token: str, site: str = "gazette", slug: str = slugs["post"]) -> None:
        counter[0] += 1
        body = json.dumps({"text": text(rng, counter[0]), "idempotency_key": os.urandom(8).hex()})
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        path = f"/api/v1/sites/{site}/stories/{slug}/comments"
        expect(*target.request("POST", path, body.encode(), headers), 201)

    def whole_thread() -> None:
        cursor = ""
        while True:
            query = f"?limit=300&order=oldest{'&cursor=' + cursor if cursor else ''}"
            page = json.loads(
                expect(
                    *target.request("GET", f"{api}/{slugs['big']}/comments{query}", None, auth), 200
                )
            )
            cursor = page.get("next_cursor") or page.get("next") or ""
            if not cursor:
                return

    def first_page() -> None:
        expect(*target.request("GET", f"{api}/{slugs['huge']}/comments?limit=50", None, auth), 200)

    def html_page() -> None:
        expect(*target.request("GET", f"/gazette/{slugs['huge']}/"), 200)

    def counts() -> None:
        query = "&".join(
            "story=" + urllib.parse.quote(f"gazette:{slugs[f'small-{i}']}")
            for i in range(SMALL_STORIES)
        )
        expect(*target.request("GET", f"/api/v1/counts?{query}", None, auth), 200)

    return {
        "whole_thread_1000": whole_thread,
        "first_page_50_of_20000": first_page,
        "post_comment": lambda: post_as(tokens["bench"]),
        "post_comment_many_authors": lambda: post_as(tokens[f"reader{counter[0] % AUTHORS}"]),
        "post_comment_unmoderated": lambda: post_as(tokens["bare"], "bare", "post"),
        "html_story_page": html_page,
        "counts_100_stories": counts,
    }


def isso_operations(target: Target) -> dict:
    rng = random.Random(7)
    counter = [0]

    def whole_thread() -> None:
        expect(*target.request("GET", "/?uri=%2Fbig%2F"), 200)

    def first_page() -> None:
        expect(*target.request("GET", "/?uri=%2Fhuge%2F&limit=50"), 200)

    def counts() -> None:
        body = json.dumps([f"/small-{i}/" for i in range(SMALL_STORIES)]).encode()
        expect(*target.request("POST", "/count", body, {"Content-Type": "application/json"}), 200)

    def post(author: str) -> None:
        counter[0] += 1
        body = json.dumps({"text": text(rng, counter[0]), "author": author, "title": "post"})
        expect(
            *target.request(
                "POST", "/new?uri=%2Fpost%2F", body.encode(), {"Content-Type": "application/json"}
            ),
            201,
        )

    return {
        "whole_thread_1000": whole_thread,
        "first_page_50_of_20000": first_page,
        "post_comment": lambda: post("bench"),
        "post_comment_many_authors": lambda: post(f"reader{counter[0] % AUTHORS}"),
        "counts_100_stories": counts,
    }


def floor_in_process(db: Path, slugs: dict[str, str], seconds: float) -> dict[str, float]:
    """The same reads with one SQLite query and orjson, no HTTP: operations per second."""
    import orjson

    conn = sqlite3.connect(db)
    query = (
        "SELECT c.id, c.parent_id, c.author_name, c.html, c.created_at, c.reaction_count "
        "FROM discussion_comment c WHERE c.story_id = (SELECT id FROM stories_story WHERE slug = ?) "
        "AND c.status = 'published' ORDER BY c.path LIMIT ?"
    )
    keys = ("id", "parent", "author", "html", "created", "reactions")
    result = {}
    for name, slug, limit in (
        ("whole_thread_1000", slugs["big"], 1000),
        ("first_page_50_of_20000", slugs["huge"], 50),
    ):
        done = 0
        stop = time.monotonic() + seconds
        began = time.monotonic()
        while time.monotonic() < stop:
            orjson.dumps(
                [dict(zip(keys, row, strict=True)) for row in conn.execute(query, (slug, limit))]
            )
            done += 1
        result[name] = done / (time.monotonic() - began)
    return result


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--only", default="", help="comma-separated scenarios to measure (default: all)"
    )
    parser.add_argument("--out", default=str(BENCH), help="folder for results.json and RESULTS.md")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="civility-vs-isso-"))
    export = folder / "export.xml"
    write_export(export)
    print(f"export: {export.stat().st_size / 1e6:.1f} MB in {folder}", flush=True)
    venv = isso_venv(BENCH.parent / "var" / "bench")
    isso_port, civility_port, raw_port = free_port(), free_port(), free_port()
    config = isso_config(folder, isso_port)
    started = time.monotonic()
    (folder / "isso_loader.py").write_text(ISSO_LOADER)
    subprocess.run(
        [str(venv / "bin" / "python"), str(folder / "isso_loader.py"), str(config), str(export)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"Isso import: {time.monotonic() - started:.1f} s", flush=True)
    started = time.monotonic()
    env, slugs, tokens = setup_civility(folder, export)
    print(f"Civility import: {time.monotonic() - started:.1f} s", flush=True)
    db = folder / "civility" / "civility.sqlite3"
    (folder / "raw_wsgi.py").write_text(RAW_WSGI.format(db=str(db)))
    gunicorn = [
        str(venv / "bin" / "gunicorn"),
        "-w",
        str(args.web_workers),
        "--log-level",
        "warning",
        "--timeout",
        "300",
    ]
    processes = [
        subprocess.Popen(
            [*gunicorn, "-b", f"127.0.0.1:{isso_port}", "isso.run"],
            env={**os.environ, "ISSO_SETTINGS": str(config)},
            cwd=folder,
        ),
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("civility")),
                "serve",
                "--port",
                str(civility_port),
                "--workers",
                str(args.web_workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        ),
        # The floor runs under Civility's own gunicorn (same version), which has orjson.
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                *gunicorn[1:],
                "-b",
                f"127.0.0.1:{raw_port}",
                "raw_wsgi",
            ],
            cwd=folder,
        ),
    ]
    results: dict[str, dict[str, list[float]]] = {}
    try:
        wait_for_http(f"http://127.0.0.1:{isso_port}/?uri=%2Fsmall-0%2F", 60)
        wait_for_http(f"http://127.0.0.1:{civility_port}/api/v1/openapi.json", 60)
        wait_for_http(f"http://127.0.0.1:{raw_port}/json/{slugs['small-0']}", 60)
        systems = {
            "civility": civility_operations(Target(civility_port), slugs, tokens),
            "isso": isso_operations(Target(isso_port)),
        }
        raw = Target(raw_port)
        systems["raw_wsgi"] = {
            "whole_thread_1000": lambda: expect(
                *raw.request("GET", f"/json/{slugs['big']}?limit=1000"), 200
            ),
            "first_page_50_of_20000": lambda: expect(
                *raw.request("GET", f"/json/{slugs['huge']}?limit=50"), 200
            ),
            "html_story_page": lambda: expect(
                *raw.request("GET", f"/html/{slugs['huge']}?limit=50"), 200
            ),
        }
        for operations in systems.values():  # warm up every worker
            for operation in operations.values():
                measure(operation, 1.0, args.clients)
        for round_number in range(args.rounds):
            order = list(systems) if round_number % 2 == 0 else list(reversed(systems))
            for scenario in systems["civility"]:
                if args.only and scenario not in args.only.split(","):
                    continue
                for system in order:
                    operation = systems[system].get(scenario)
                    if operation is None:
                        continue
                    figure = measure(operation, args.seconds, args.clients)
                    results.setdefault(f"{system}:{scenario}", {}).setdefault(
                        "ops_per_s", []
                    ).append(figure["ops_per_s"])
                    results[f"{system}:{scenario}"].setdefault("median_ms", []).append(
                        figure["median_ms"]
                    )
                    results[f"{system}:{scenario}"].setdefault("errors", []).append(
                        figure["errors"]
                    )
            print(f"round {round_number + 1}/{args.rounds} done", flush=True)
        floor = floor_in_process(db, slugs, args.seconds)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(20)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(results, floor, args)
    return 0


def report(results: dict, floor: dict[str, float], args: argparse.Namespace) -> None:
    def ops(key: str) -> float:
        value = statistics.median(results[key]["ops_per_s"]) if key in results else 0.0
        return value or float("nan")  # nothing completed: a ratio of nan, not a crash

    figures = {
        key: {name: spread(values) for name, values in value.items()}
        for key, value in results.items()
    }
    ratios = {
        "whole_thread_vs_isso": ops("civility:whole_thread_1000") / ops("isso:whole_thread_1000"),
        "first_page_vs_isso": ops("civility:first_page_50_of_20000")
        / ops("isso:first_page_50_of_20000"),
        "posting_vs_isso": ops("civility:post_comment") / ops("isso:post_comment"),
        "posting_many_authors_vs_isso": ops("civility:post_comment_many_authors")
        / ops("isso:post_comment_many_authors"),
        # Not a target: Civility with no moderation at all, the ceiling for posting_vs_isso.
        "posting_unmoderated_vs_isso": ops("civility:post_comment_unmoderated")
        / ops("isso:post_comment"),
        "counts_vs_isso": ops("civility:counts_100_stories") / ops("isso:counts_100_stories"),
        "whole_thread_floor_multiple": floor["whole_thread_1000"]
        / ops("civility:whole_thread_1000"),
        "whole_thread_raw_wsgi_multiple": ops("raw_wsgi:whole_thread_1000")
        / ops("civility:whole_thread_1000"),
        "html_page_raw_wsgi_multiple": ops("raw_wsgi:html_story_page")
        / ops("civility:html_story_page"),
    }
    document = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": f"{platform.node()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "versions": {"isso": ISSO_VERSION, "gunicorn": GUNICORN_VERSION},
        "setup": {
            "rounds": args.rounds,
            "seconds_per_measurement": args.seconds,
            "gunicorn_sync_workers": args.web_workers,
            "client_threads": args.clients,
        },
        "figures": figures,
        "floor_in_process_ops_per_s": {k: round(v, 1) for k, v in floor.items()},
        "ratios": {k: round(v, 2) for k, v in ratios.items()},
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(document, indent=2) + "\n")
    lines = [
        f"Measured {document['when']} on {document['machine']}; {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s, {args.clients} client threads, gunicorn with {args.web_workers} sync workers "
        "for every server.",
        "",
        "| scenario | Civility ops/s | Isso ops/s | raw WSGI ops/s | Civility median ms | Isso median ms |",
        "|---|---|---|---|---|---|",
    ]
    for scenario in (
        "whole_thread_1000",
        "first_page_50_of_20000",
        "post_comment",
        "post_comment_many_authors",
        "post_comment_unmoderated",
        "html_story_page",
        "counts_100_stories",
    ):

        def cell(system: str, field: str, scenario: str = scenario) -> str:
            key = f"{system}:{scenario}"
            if key not in figures:
                return "n/a"
            f = figures[key][field]
            return f"{f['median']} ({f['min']}–{f['max']})"

        lines.append(
            f"| {scenario} | {cell('civility', 'ops_per_s')} | {cell('isso', 'ops_per_s')} | "
            f"{cell('raw_wsgi', 'ops_per_s')} | {cell('civility', 'median_ms')} | {cell('isso', 'median_ms')} |"
        )
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in document["ratios"].items()]
    (out / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
