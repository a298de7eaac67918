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

Every request is timed from sending to the last byte read. Latency on a shared machine includes
waiting for a core, so the server's own CPU time per request (from /proc, user + system, averaged
over each endpoint's requests) is printed too, with the load average before and after the run.
Only loopback is ever contacted.
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
            load_before = os.getloadavg()[0]
            results, cpu = {}, {}
            for name, urls in endpoints.items():
                before = cpu_seconds(server.pid)
                results[name] = measure(client, urls, arguments.requests)[0]
                cpu[name] = (cpu_seconds(server.pid) - before) * 1000 / arguments.requests
            load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"store: {arguments.db} ({totals['articles']} articles, {totals['quotes']} quotes, {totals['events']} events);"
        f" {arguments.requests} sequential requests per endpoint over loopback HTTP (uvicorn, one client)"
    )
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs;"
        f" load average {load_before:.1f} before, {load_after:.1f} after"
    )
    print(f"{'endpoint':48} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'mean ms':>7} {'CPU ms':>7}")
    for name, timings in results.items():
        print(
            f"{name:48} {percentile(timings, 0.5):7.2f} {percentile(timings, 0.9):7.2f}"
            f" {percentile(timings, 0.99):7.2f} {max(timings):7.2f} {statistics.fmean(timings):7.2f} {cpu[name]:7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
