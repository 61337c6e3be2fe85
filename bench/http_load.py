"""Hammer a running Civility with GETs from several threads; print requests/s and latencies.

Usage: python bench/http_load.py URL [URL ...] [--seconds 10] [--concurrency 8] [--cookie-jar]
Each thread keeps its own cookies (like a browser) when --cookie-jar is given, so anonymous
readers get their CSRF cookie once and revalidate nothing (no If-None-Match is sent).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import threading
import time
import urllib.request


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cookie-jar", action="store_true")
    args = parser.parse_args()

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def worker(n: int) -> None:
        handlers = (
            [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
            if args.cookie_jar
            else []
        )
        opener = urllib.request.build_opener(*handlers)
        i = n
        while time.monotonic() < stop:
            url = args.urls[i % len(args.urls)]
            i += 1
            started = time.perf_counter()
            try:
                with opener.open(url, timeout=30) as response:  # noqa: S310 - a local server
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - began
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(
        f"{len(latencies) / took:8.1f} req/s  p50 {p(0.5):6.1f} ms  p95 {p(0.95):6.1f} ms  "
        f"n={len(latencies)} statuses={statuses}"
    )


if __name__ == "__main__":
    main()
