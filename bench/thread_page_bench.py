"""Time the story page of a 10,000-comment thread in every display mode, first and last page.

Runs against a throwaway SQLite database in a temporary data folder; prints one line per case
with the median and spread of several renders and the number of SQL queries.
Usage: python bench/thread_page_bench.py [--comments 10000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("CIVILITY_DATA_DIR", tempfile.mkdtemp(prefix="civility-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from civility.accounts.models import Profile
    from civility.discussion.models import Comment
    from civility.discussion.thread_path import child_path
    from civility.discussion.viewing import DisplayMode, SortOrder
    from civility.stories.models import Site, Story

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    users = [get_user_model().objects.create_user(f"reader{i}") for i in range(12)]
    Profile.objects.bulk_create(Profile(user=u) for u in users)
    site = Site.objects.create(slug="bench", name="Bench")
    story = Story.objects.create(site=site, slug="big", title="Big", published_at=timezone.now())
    rows, top = [], 0
    now = timezone.now()
    while len(rows) < args.comments:
        top += 1
        path = child_path("", top)
        rows.append((path, 0, top))
        for depth in range(1, 1 + top % 4):
            path = child_path(path, 0)
            rows.append((path, depth, top))
    Comment.objects.bulk_create(
        (
            Comment(
                story=story,
                author=users[i % 12],
                path=path,
                depth=depth,
                root_seq=root,
                source=f"Comment {i} with a few words of text.",
                html=f"<p>Comment {i} with a few words of text.</p>",
                created_at=now,
                reply_count=1 if depth < top % 4 else 0,
            )
            for i, (path, depth, root) in enumerate(rows[: args.comments])
        ),
        batch_size=2000,
    )
    Story.objects.filter(pk=story.pk).update(comment_count=args.comments, top_seq=top)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{args.comments} comments, {args.rounds} rounds, 50 per page; ms median (min-max)")
    for mode in DisplayMode.values:
        for order in (SortOrder.OLDEST, SortOrder.NEWEST):
            for page in (1, args.comments // 50):
                url = f"/bench/big/?mode={mode}&order={order}&per_page=50&page={page}"
                client.get(url)  # warm
                times = []
                for _ in range(args.rounds):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
                print(
                    f"{mode:20} {order:7} page {page:4}: {statistics.median(times):6.1f} ms "
                    f"({min(times):.1f}-{max(times):.1f}), {len(queries)} queries"
                )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
