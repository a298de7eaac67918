"""The storing process's rate: how many analysed articles per second one SQLite writer takes.

    python bench/storage.py --pages 100 --copies 20

On a cluster the driver does nothing but store, so this rate is the ceiling of ``--ray`` into
SQLite, whatever the number of workers. The pages are analysed once (not timed); their records
are then stored ``--copies`` times, each copy with its own text (so its own hash), one
transaction per 32 articles, into a fresh store on the local disk, as ``_store_results`` does for
each unit. The import of a Parquet dataset (``telex import``) stores through the same path.
A script, not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)

    from telex.clean.article import article_id, content_hash
    from telex.ingest import read_documents
    from telex.pipeline import analyze_documents
    from telex.store import Store

    files = sorted(args.corpus.iterdir())[: args.pages]
    documents = [d for f in files for d in read_documents(f)]
    analysed = [r for r in analyze_documents(documents) if r.article is not None and r.analysis is not None]
    items = []
    for copy in range(args.copies):
        for result in analysed:
            text = f"{result.article.text}\n\n({copy})"
            digest = content_hash(text)
            article = dataclasses.replace(result.article, text=text, content_hash=digest, id=article_id(digest))
            items.append((article, result.analysis))
    quotes = sum(len(a.quotes) for _, a in items)
    mentions = sum(len(a.mentions) for _, a in items)
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "storage.db") as store:
        start = time.perf_counter()
        for position in range(0, len(items), 32):
            store.add(items[position : position + 32], pipeline="bench", unit=f"unit-{position}")
        seconds = time.perf_counter() - start
        size = (Path(directory) / "storage.db").stat().st_size
    print(
        f"stored {len(items):,} articles ({mentions:,} mentions, {quotes:,} quotes) in {seconds:.2f} s: "
        f"{len(items) / seconds:,.0f} articles/s, {size / len(items) / 1024:.1f} KB per article on disk\n"
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
