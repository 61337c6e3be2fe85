"""Posting speed in-process: one API post through the whole moderation pipeline, and `civility
moderate` over a file.

    python bench/post_bench.py [--posts 300] [--moderate 2000] [--profile profile.txt]

A throwaway SQLite install (as bench/compare_isso.py configures it: every phase on but the rate
limit, the `linear` scorer) holds a story, 300 recent comments by 30 other readers (so the
copypasta check has signatures to compare) and one account with an API token. Posts go through
django.test.Client with the Bearer token; the script prints ms and queries per post, and the
`civility moderate` rate (comments per second) on generated JSON Lines. No HTTP server: this is
the application's own cost, which bench/compare_isso.py puts under gunicorn. Prints one JSON
line at the end (for comparing runs).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "loadtest"))
from posting import WORDS  # noqa: E402 (the load test's vocabulary)

STORY_BODY = (
    "The council voted on Tuesday to fund the harbour bridge repairs from the transport budget. "
    "Residents asked why the library and the clinic were cut while the ferry subsidy stayed. "
    "The mayor said the school budget and housing plans would be published before the next vote."
)


def comment_text(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(15, 45))]
    words[3] = f"*{words[3]}*"
    return f"Comment {n}: " + " ".join(words) + "."


def setup(folder: Path) -> tuple[str, str]:
    """Create the install; return (the comments URL, the token)."""
    os.environ.update(
        {
            "CIVILITY_DATA_DIR": str(folder),
            "API_TOKEN_WRITE_RATE": "1000000/60",
            "API_ADDRESS_WRITE_RATE": "1000000/60",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "civility.settings",
        }
    )
    for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(key, None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from civility.api.tokens import do_create_token
    from civility.discussion.actions import do_post_comment
    from civility.moderation.site_settings import settings_for
    from civility.stories.models import Site, Story

    call_command("migrate", verbosity=0, interactive=False)
    site = Site.objects.create(slug="gazette", name="Gazette")
    from django.utils import timezone

    story = Story.objects.create(
        site=site,
        slug="harbour-bridge",
        title="Council funds the harbour bridge",
        body_markdown=STORY_BODY,
        published_at=timezone.now(),
    )
    moderation = settings_for(site)
    moderation.rate_limit_enabled = False  # one account posts everything
    moderation.save()
    users = get_user_model()
    rng = random.Random(3)
    others = [users.objects.create(username=f"reader{i}") for i in range(30)]
    for n in range(300):
        do_post_comment(
            story=story, author=others[n % 30], text=comment_text(rng, -n), post_anyway=True
        )
    user = users.objects.create(username="bench", email="bench@example.org")
    _, token = do_create_token(site=site, name="bench", scopes=["read", "comment"], created_by=user)
    return f"/api/v1/sites/gazette/stories/{story.slug}/comments", token


def post_once(client, url: str, token: str, text: str) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"text": text, "idempotency_key": os.urandom(8).hex()})
    response = client.post(
        url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    if response.status_code == 422:  # a nudge: a reader would post anyway
        nudged = json.loads(body) | {"post_anyway": True}
        response = client.post(
            url,
            data=json.dumps(nudged),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    if response.status_code != 201:
        raise SystemExit(f"post answered {response.status_code}: {response.content[:300]!r}")


def bench_posts(url: str, token: str, posts: int, profile: str | None) -> dict[str, float]:
    from django.db import connection
    from django.test import Client

    # A nudged post (422) is retried with post_anyway, as a reader would; no need to log it.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(7)
    for n in range(20):  # warm: model load, caches, first queries
        post_once(client, url, token, comment_text(rng, 10_000 + n))
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not CaptureQueriesContext: each request resets the connection's query log.
    with connection.execute_wrapper(count):
        post_once(client, url, token, comment_text(rng, 20_000))
    times, cpu = [], []
    for n in range(posts):
        text = comment_text(rng, n)
        started, started_cpu = time.perf_counter(), time.process_time()
        post_once(client, url, token, text)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        for n in range(30):
            post_once(client, url, token, comment_text(rng, 30_000 + n))
        profiler.stop()
        if os.environ.get("POST_BENCH_SQL"):
            print("\n".join(queries))
        Path(profile).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    return {
        "post_ms_mean": statistics.fmean(times) * 1000,
        "post_ms_median": statistics.median(times) * 1000,
        "post_ms_p90": sorted(times)[int(len(times) * 0.9)] * 1000,
        # CPU time of this process (SQLite runs in it): less swayed by other work on the machine.
        "post_cpu_ms_mean": statistics.fmean(cpu) * 1000,
        "queries_per_post": len(queries),
    }


def bench_moderate(lines: int) -> dict[str, float]:
    """`civility moderate` over generated JSON Lines, 200 authors, one story, no --site."""
    from civility.moderation import batch

    rng = random.Random(11)
    rows = [
        json.dumps(
            {
                "id": n,
                "author": f"a{n % 200}",
                "text": comment_text(rng, n),
                "created": f"2026-03-02T09:{(n // 60) % 60:02d}:{n % 60:02d}Z",
                "story": {"title": "Harbour bridge", "text": STORY_BODY},
            }
        )
        for n in range(lines)
    ]
    batch.run(rows[:50], out=io.StringIO(), err=io.StringIO())  # warm
    started = time.perf_counter()
    errors = batch.run(rows, out=io.StringIO(), err=io.StringIO())
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"moderate reported {errors} errors")
    return {"moderate_per_s": lines / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--moderate", type=int, default=2000, help="JSON Lines for moderate")
    parser.add_argument(
        "--profile", help="write a pyinstrument profile of 30 posts here (needs pyinstrument)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civility-post-bench-") as folder:
        url, token = setup(Path(folder))
        result = bench_posts(url, token, args.posts, args.profile) if args.posts else {}
        if args.moderate:
            result.update(bench_moderate(args.moderate))
    if args.posts:
        print(
            f"API post: {result['post_ms_mean']:.1f} ms mean, {result['post_ms_median']:.1f} ms "
            f"median, {result['post_ms_p90']:.1f} ms p90, "
            f"{result['post_cpu_ms_mean']:.1f} ms CPU, {result['queries_per_post']} queries"
        )
    if "moderate_per_s" in result:
        print(f"civility moderate: {result['moderate_per_s']:.0f} comments/s")
    print(json.dumps({k: round(v, 2) for k, v in result.items()}))


if __name__ == "__main__":
    main()
