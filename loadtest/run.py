"""Load and fault run: many clients post to one story while faults are injected, then every
acknowledged comment is checked.

    python loadtest/run.py [--clients 50] [--seconds 60] [--database postgres|sqlite]
                           [--faults postgres,redis,web,worker] [--out loadtest/results.json]

Starts a private PostgreSQL cluster and Redis server (loopback ports of their own), Civility's
web processes (`civility serve`) and a Celery worker (`civility worker`, broker: the private
Redis), seeds a site, a story and one account with an API token per client, and runs the load.
Afterwards it checks: every comment acknowledged with a 2xx exists exactly once; double submits
with the same idempotency key returned the same comment; thread paths are unique, nested under
their parents and in chronological order per parent; the story's and every comment's counts equal
the real counts; no 5xx outside fault windows, and during them only 503 with Retry-After,
answered fast. Prints a summary and appends it to the results file; exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from django.db.models import Count

sys.path.insert(0, str(Path(__file__).resolve().parent))

from posting import Attempt, Client, LoadState  # noqa: E402
from receiver import Receiver  # noqa: E402
from services import (  # noqa: E402
    CivilityProcess,
    PrivatePostgres,
    PrivateRedis,
    free_port,
    wait_for_http,
)

FAULTS = ("postgres", "redis", "web", "worker")
# After a fault ends, this long may pass before every process has reconnected.
RECOVERY_GRACE = 5.0
# "Fail fast": an answer during a fault must come within this many seconds, not hang.
FAST_FAIL_SECONDS = 10.0
# Deliveries whose task died with a worker wait for their lease (timeout + 60 s) to end and
# for the next sweep (every 60 s, first one a minute after beat starts): up to ~130 s, more on a
# loaded machine.
DRAIN_SECONDS = 300


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--faults", default=",".join(FAULTS), help="comma-separated, or none")
    parser.add_argument("--repeat-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = parser.parse_args()
    args.faults = [] if args.faults in ("", "none") else args.faults.split(",")
    unknown = set(args.faults) - set(FAULTS)
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    if args.database == "sqlite" and "postgres" in args.faults:
        parser.error("the postgres fault needs --database postgres")
    return args


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "civility.settings"
    import django

    django.setup()


def seed(clients: int, hook_url: str) -> tuple[str, list[str]]:
    """A site with the pipeline on (minus the per-account rate limit, which this load would
    trip by design) and one account and API token per client. Returns (API path, tokens)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from civility.api.tokens import do_create_token
    from civility.moderation.site_settings import settings_for
    from civility.stories.models import Site, Story

    site, _ = Site.objects.get_or_create(slug="load", defaults={"name": "Load Gazette"})
    story, _ = Story.objects.get_or_create(
        site=site,
        slug="council-budget",
        defaults={
            "title": "The council budget",
            "body_markdown": "The council published its budget for the harbour and the trams.",
            "published_at": timezone.now(),
        },
    )
    moderation = settings_for(site)
    moderation.rate_limit_enabled = False
    moderation.off_topic_enabled = False
    moderation.nudge_enabled = False
    moderation.save()
    from civility.webhooks.models import WebhookEndpoint

    # Every new comment becomes a webhook delivery, so a killed worker has tasks in flight.
    WebhookEndpoint.objects.get_or_create(
        site=site, url=hook_url, defaults={"events": ["comment.created"]}
    )
    users = get_user_model()
    tokens = []
    for n in range(clients):
        user, _ = users.objects.get_or_create(
            username=f"load{n}", defaults={"email": f"load{n}@example.org"}
        )
        _, secret = do_create_token(
            site=site, name=f"load {n}", scopes=["comment"], created_by=user
        )
        tokens.append(secret)
    return f"/api/v1/sites/{site.slug}/stories/{story.slug}/comments", tokens


class Faults(threading.Thread):
    """Inject the chosen faults one after another across the middle of the run."""

    def __init__(self, names, seconds, pg, redis, web, worker) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True, name="faults")
        self.names = names
        self.seconds = seconds
        self.pg, self.redis, self.web, self.worker = pg, redis, web, worker
        self.windows: list[dict[str, object]] = []

    def run(self) -> None:
        start = time.monotonic()
        slot = self.seconds / (len(self.names) + 1)
        for i, name in enumerate(self.names, start=1):
            time.sleep(max(0.0, start + slot * i - time.monotonic()))
            began = time.time()
            detail = getattr(self, f"_{name}")()
            self.windows.append(
                {"fault": name, "start": began, "end": time.time(), "detail": detail}
            )

    def _postgres(self) -> str:
        self.pg.restart()
        return "PostgreSQL restarted (fast shutdown)"

    def _redis(self) -> str:
        self.redis.stop()
        time.sleep(5)
        self.redis.start()
        return "Redis stopped for 5 s, then started empty"

    def _web(self) -> str:
        children = self.web.children()
        if not children:
            return "no web worker found to kill"
        os.kill(children[0], 9)
        return f"web worker {children[0]} killed with SIGKILL"

    def _worker(self) -> str:
        self.worker.kill_hard()
        time.sleep(2)
        self.worker.start()
        return "Celery worker killed with SIGKILL, restarted after 2 s"


def in_window(attempt: Attempt, windows: list[dict[str, object]]) -> bool:
    """Whether the request was in flight at any time during a fault (or its recovery)."""
    began, ended = attempt.started, attempt.started + attempt.seconds
    return any(
        began <= float(w["end"]) + RECOVERY_GRACE and ended >= float(w["start"])  # type: ignore[arg-type]
        for w in windows
    )


def offset(attempt: Attempt, windows: list[dict[str, object]]) -> str:
    """Where a request sat relative to the nearest fault, for the report."""
    if not windows:
        return f"at +{attempt.started:.1f}"
    nearest = min(windows, key=lambda w: abs(attempt.started - float(w["start"])))  # type: ignore[arg-type]
    return (
        f"started {attempt.started - float(nearest['start']):+.1f} s from the {nearest['fault']} "  # type: ignore[arg-type]
        f"fault, took {attempt.seconds:.1f} s"
    )


def verify(
    state: LoadState, windows: list[dict[str, object]], story_path: str
) -> dict[str, object]:
    from django.db.models import Count, F, Q

    from civility.discussion.models import Comment, CommentStatus
    from civility.stories.models import Story

    problems: list[str] = []
    attempts = state.attempts
    acked: dict[tuple[int, str], set[int]] = defaultdict(set)
    for a in attempts:
        if a.comment_id is not None:
            acked[(a.client, a.key)].add(a.comment_id)
    for (client, key), ids in acked.items():
        if len(ids) != 1:
            problems.append(f"client {client} key {key} acknowledged as several comments {ids}")
    acked_ids = {next(iter(ids)) for ids in acked.values()}
    story = Story.objects.get(site__slug="load", slug=story_path.rstrip("/").split("/")[-2])
    rows = list(
        Comment.objects.filter(story=story).values(
            "id",
            "parent_id",
            "path",
            "depth",
            "created_at",
            "status",
            "reply_count",
            "author__username",
            "idempotency_key",
        )
    )
    by_id = {row["id"]: row for row in rows}
    missing = acked_ids - set(by_id)
    if missing:
        problems.append(f"{len(missing)} acknowledged comments are missing: {sorted(missing)[:10]}")
    per_key = Counter((row["author__username"], row["idempotency_key"]) for row in rows)
    duplicates = {k: n for k, n in per_key.items() if n > 1 and k[1]}
    if duplicates:
        problems.append(f"{len(duplicates)} idempotency keys have several comments")
    paths = Counter(row["path"] for row in rows)
    if any(n > 1 for n in paths.values()):
        problems.append("thread paths are not unique")
    children: dict[int | None, list[dict]] = defaultdict(list)
    for row in rows:
        children[row["parent_id"]].append(row)
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        if parent is not None and (
            not row["path"].startswith(parent["path"]) or row["depth"] != parent["depth"] + 1
        ):
            problems.append(f"comment {row['id']} is not nested under its parent")
    for siblings in children.values():
        by_path = [r["id"] for r in sorted(siblings, key=lambda r: r["path"])]
        by_time = [r["id"] for r in sorted(siblings, key=lambda r: (r["created_at"], r["id"]))]
        if by_path != by_time:
            problems.append("sibling paths are not in chronological order")
            break
    published = sum(1 for row in rows if row["status"] == CommentStatus.PUBLISHED)
    if story.comment_count != published:
        problems.append(f"story count {story.comment_count} != {published} published comments")
    wrong_replies = (
        Comment.objects.filter(story=story)
        .annotate(real=Count("replies", filter=Q(replies__status=CommentStatus.PUBLISHED)))
        .exclude(reply_count=F("real"))
        .count()
    )
    if wrong_replies:
        problems.append(f"{wrong_replies} comments have a wrong reply count")
    repeats = [a for a in attempts if a.repeat]
    repeat_wrong = [
        a
        for a in repeats
        if a.comment_id is not None and {a.comment_id} != acked[(a.client, a.key)]
    ]
    if repeat_wrong:
        problems.append(f"{len(repeat_wrong)} double submits came back as another comment")
    server_errors = [a for a in attempts if a.status >= 500]
    outside = [a for a in server_errors if not in_window(a, windows)]
    if outside:
        problems.append(
            f"{len(outside)} 5xx outside fault windows, e.g. {outside[0].status} "
            f"({offset(outside[0], windows)}): {outside[0].error[:120]}"
        )
    inside = [a for a in server_errors if in_window(a, windows)]
    not_503 = [a for a in inside if a.status != 503 or not a.retry_after]
    if not_503:
        problems.append(
            f"{len(not_503)} errors during faults were not 503 with Retry-After, e.g. "
            f"{not_503[0].status} {not_503[0].error[:100]}"
        )
    # Failing fast: a refusal (or a dropped connection) must not have kept the client waiting.
    slow = [
        a
        for a in attempts
        if in_window(a, windows)
        and (a.status == 0 or a.status >= 500)
        and a.seconds > FAST_FAIL_SECONDS
    ]
    if slow:
        problems.append(
            f"{len(slow)} failed requests during faults took over {FAST_FAIL_SECONDS:.0f} s "
            f"to fail, e.g. {offset(slow[0], windows)}"
        )
    during = [a.seconds for a in attempts if in_window(a, windows) and a.status >= 500]
    ok = [a for a in attempts if 200 <= a.status < 300]
    latencies = sorted(a.seconds for a in ok) or [0.0]
    statuses = Counter(str(a.status) for a in attempts)
    return {
        "problems": problems,
        "requests": len(attempts),
        "statuses": dict(statuses),
        "acknowledged_comments": len(acked_ids),
        "comments_in_database": len(rows),
        "published": published,
        "double_submits": len(repeats),
        "deepest_reply": max((row["depth"] for row in rows), default=0),
        "errors_during_faults": len(inside),
        "slowest_refusal_during_faults_ms": round(max(during, default=0.0) * 1000, 1),
        "no_answer": statuses.get("0", 0),
        "latency_ms": {
            "median": round(statistics.median(latencies) * 1000, 1),
            "p95": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
            "max": round(latencies[-1] * 1000, 1),
        },
    }


def check_webhooks(receiver: Receiver, summary: dict[str, object]) -> dict[str, object]:
    """Every comment's delivery task completes exactly once, killed worker or not.

    The sweep (beat, every minute) picks up deliveries whose task died with the worker; waits
    for it up to DRAIN_SECONDS, then checks each comment.created delivery succeeded with exactly
    one successful attempt, and that the receiver saw every event (at least once: a receiver
    de-duplicates by Civility-Event-Id, as docs/webhooks.md says).
    """
    from civility.webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery

    problems = summary["problems"]
    assert isinstance(problems, list)
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        if not WebhookDelivery.objects.exclude(state=DeliveryState.SUCCEEDED).exists():
            break
        time.sleep(2)
    deliveries = WebhookDelivery.objects.filter(event="comment.created")
    total = deliveries.count()
    if total != summary["comments_in_database"]:
        problems.append(
            f"{total} comment.created deliveries for {summary['comments_in_database']} comments"
        )
    unfinished = deliveries.exclude(state=DeliveryState.SUCCEEDED).count()
    if unfinished:
        problems.append(f"{unfinished} webhook deliveries did not succeed within {DRAIN_SECONDS} s")
    twice = (
        WebhookAttempt.objects.filter(succeeded=True)
        .values("delivery_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if twice:
        problems.append(f"{twice} deliveries succeeded more than once")
    event_ids = set(deliveries.values_list("event_id", flat=True))
    missing = event_ids - set(receiver.events)
    if missing:
        problems.append(f"the receiver never got {len(missing)} events")
    return {
        "webhook_deliveries": total,
        "webhook_attempts": WebhookAttempt.objects.count(),
        "receiver_duplicates": sum(n - 1 for n in receiver.events.values() if n > 1),
    }


def main() -> int:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="civility-load-"))
    folder.chmod(0o755)  # the private PostgreSQL runs as the postgres account when we are root
    redis = PrivateRedis(folder / "redis")
    pg = PrivatePostgres(folder / "pg") if args.database == "postgres" else None
    env = dict(os.environ)
    env.update(
        {
            "CIVILITY_DATA_DIR": str(folder / "data"),
            "API_TOKEN_WRITE_RATE": "100000/60",
            "API_ADDRESS_WRITE_RATE": "100000/60",
            "CELERY_QUEUE": f"civility-load-{os.getpid()}",
            "DATABASE_STATEMENT_TIMEOUT_MS": "15000",
            "DATABASE_CONNECT_TIMEOUT": "3",
            "LOG_LEVEL": "WARNING",
            "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "1",
        }
    )
    web = worker = None
    started = time.time()
    try:
        redis.start()
        env["REDIS_URL"] = redis.url
        env["CELERY_BROKER_URL"] = redis.url.replace("/0", "/1")
        if pg is not None:
            pg.start()
            env["DATABASE_URL"] = pg.url
        setup_django(env)
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        receiver = Receiver()
        path, tokens = seed(args.clients, receiver.url)
        from django.db import connections

        connections.close_all()
        port = free_port()
        web = CivilityProcess(
            ["serve", "--port", str(port), "--workers", str(args.web_workers)],
            env,
            folder / "web.log",
        )
        worker = CivilityProcess(
            ["worker", "--concurrency", "2", "--beat", "--loglevel", "WARNING"],
            env,
            folder / "worker.log",
        )
        web.start()
        worker.start()
        wait_for_http(f"http://127.0.0.1:{port}/api/v1/openapi.json", 60)
        state = LoadState()

        def start_clock() -> None:
            # Runs before the barrier lets anyone go, so no client reads an unset deadline.
            state.warm_up = len(state.attempts)
            state.deadline = time.monotonic() + args.seconds

        state.ready = threading.Barrier(args.clients + 1, action=start_clock)
        clients = [
            Client(n, token, port, path, state, args.repeat_share, args.seed + n)
            for n, token in enumerate(tokens)
        ]
        for client in clients:
            client.start()
        assert state.ready is not None
        state.ready.wait(timeout=300)
        faults = Faults(args.faults, args.seconds, pg, redis, web, worker)
        faults.start()
        for client in clients:
            client.join()
        faults.join()
        summary = verify(state, faults.windows, path)
        summary.update(check_webhooks(receiver, summary))
        summary["warm_up_requests"] = state.warm_up
        if summary["requests"] == state.warm_up:  # type: ignore[comparison-overlap]
            summary["problems"].append("no request was made after the warm-up")  # type: ignore[attr-defined]
        summary.update(
            {
                "run": "loadtest",
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
                "database": args.database,
                "clients": args.clients,
                "seconds": args.seconds,
                "web_workers": args.web_workers,
                "faults": faults.windows,
                "posts_per_second": round(summary["acknowledged_comments"] / args.seconds, 1),  # type: ignore[operator]
            }
        )
    finally:
        for process in (web, worker):
            if process is not None:
                process.stop()
        redis.stop()
        if pg is not None:
            pg.stop()
    print(json.dumps(summary, indent=2, default=str))
    out = Path(args.out)
    history = json.loads(out.read_text()) if out.exists() else []
    history.append(summary)
    out.write_text(json.dumps(history, indent=2, default=str) + "\n")
    if summary["problems"]:
        for log in ("web.log", "worker.log"):
            lines = (folder / log).read_text(errors="replace").splitlines()[-25:]
            print(f"--- last lines of {folder / log}", *lines, sep="\n", file=sys.stderr)
    # Repeated last, so a CI log that keeps only its tail still says what failed.
    for problem in summary["problems"]:  # type: ignore[attr-defined]
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
