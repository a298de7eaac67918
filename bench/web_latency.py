"""Latency of telex serve's API reads, measured over HTTP on loopback.

    python bench/web_latency.py --db corpus.db [--requests 500] [--port 8766]

Starts ``telex serve`` on the store in a child process (read-only, 127.0.0.1), waits until it
answers, warms it up with one request per endpoint (the knowledge base loads in the background at
start-up and is waited for), then sends ``--requests`` requests to each endpoint one after the other
from one client with a kept-alive connection, and prints p50, p90, p99 and max in milliseconds:

- ``GET /api/v1/events?actor=USA`` (the name resolved to actor ids, then the events of either side);
- ``GET /api/v1/articles/{id}``, cycling through every stored article (the whole export record);
- ``GET /api/v1/quotes?speaker=…`` for the most quoted speaker, and ``GET /api/v1/quotes?q=…`` with
  words from the stored quotes, cycling.

Every request is timed from sending to the last byte read. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

WORDS = ("président", "sécurité", "guerre", "France", "accord", "gouvernement", "paix", "élection")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def wait_until_up(client: httpx.Client, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get("/api/v1/stats").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not answer within a minute")


def measure(client: httpx.Client, urls: list[str], count: int) -> tuple[list[float], int]:
    timings, items = [], 0
    for index in range(count):
        url = urls[index % len(urls)]
        start = time.perf_counter()
        response = client.get(url)
        body = response.content
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} {body[:200]!r}")
        items += 1
    return timings, items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--port", type=int, default=8766)
    arguments = parser.parse_args()

    from telex.store import Store

    with Store(arguments.db) as store:  # read-write once: brings an older store's schema up to date
        ids = store.article_ids()
        totals = store.totals()
        speaker = store.connection.execute(
            "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY count(*) DESC"
        ).fetchone()[0]
    environment = {key: value for key, value in os.environ.items() if key != "TELEX_TOKEN"}
    server = subprocess.Popen(
        [sys.executable, "-m", "telex.cli", "serve", "--db", str(arguments.db), "--port", str(arguments.port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoints = {
        "GET /api/v1/events?actor=USA": ["/api/v1/events?actor=USA"],
        "GET /api/v1/articles/{id}": [f"/api/v1/articles/{article_id}" for article_id in ids],
        f"GET /api/v1/quotes?speaker={speaker}": [f"/api/v1/quotes?speaker={speaker}"],
        "GET /api/v1/quotes?q=<word>": [f"/api/v1/quotes?q={word}" for word in WORDS],
    }
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{arguments.port}", timeout=30) as client:
            wait_until_up(client)
            time.sleep(3)  # the knowledge base loads in the background after start-up
            for urls in endpoints.values():
                measure(client, urls, len(urls) if len(urls) < 50 else 5)
            results = {name: measure(client, urls, arguments.requests)[0] for name, urls in endpoints.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"store: {arguments.db} ({totals['articles']} articles, {totals['quotes']} quotes, {totals['events']} events);"
        f" {arguments.requests} sequential requests per endpoint over loopback HTTP (uvicorn, one client)"
    )
    print(f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"{'endpoint':50} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'mean ms':>8}")
    for name, timings in results.items():
        print(
            f"{name:50} {percentile(timings, 0.5):8.2f} {percentile(timings, 0.9):8.2f}"
            f" {percentile(timings, 0.99):8.2f} {max(timings):8.2f} {statistics.fmean(timings):8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
