"""Measure the linear scorer: model size, load time, batch throughput and single-comment latency.

Run: .venv/bin/python bench/classifier_bench.py  (pins itself to one thread; not a test)
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.settings")

import random
import statistics
import time


def main() -> None:
    from civility.classifier.backends.linear import LinearScorer
    from civility.classifier.model_files import SHIPPED_DIR

    size = sum(p.stat().st_size for p in SHIPPED_DIR.iterdir() if p.suffix in {".npz", ".json"})
    started = time.perf_counter()
    scorer = LinearScorer()
    load = time.perf_counter() - started

    rng = random.Random(1)
    vocabulary = [
        "the",
        "council",
        "vote",
        "was",
        "late",
        "again",
        "and",
        "people",
        "are",
        "angry",
        "about",
        "taxes",
        "you",
        "idiot",
        "this",
        "is",
        "great",
        "news",
        "thanks",
        "for",
        "reporting",
        "why",
        "would",
        "anyone",
        "believe",
        "that",
        "nonsense",
        "honestly",
    ]
    comments = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 25))) for _ in range(20000)
    ]
    scorer.score_batch(comments[:100])  # warm caches

    started = time.perf_counter()
    for i in range(0, len(comments), 500):
        scorer.score_batch(comments[i : i + 500])
    batch_rate = len(comments) / (time.perf_counter() - started)

    singles = []
    for text in comments[:2000]:
        t0 = time.perf_counter()
        scorer.score_batch([text])
        singles.append(time.perf_counter() - t0)
    toxic = "you are a pathetic idiot and everyone here knows it"
    toxic_singles = []
    for _ in range(500):
        t0 = time.perf_counter()
        scorer.score_batch([toxic])
        toxic_singles.append(time.perf_counter() - t0)

    mean_len = statistics.mean(len(c) for c in comments)
    print(f"model size: {size / 1e6:.1f} MB")
    print(f"load time: {load * 1000:.0f} ms")
    print(
        f"batch throughput (batches of 500, {mean_len:.0f} chars avg): {batch_rate:,.0f} comments/s"
    )
    print(
        f"single comment: median {statistics.median(singles) * 1e3:.3f} ms, p99 {sorted(singles)[int(len(singles) * 0.99)] * 1e3:.3f} ms"
    )
    print(
        f"single flagged comment with spans: median {statistics.median(toxic_singles) * 1e3:.3f} ms"
    )


if __name__ == "__main__":
    main()
