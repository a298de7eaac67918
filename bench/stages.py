"""Where `telex ingest` spends its time, stage by stage, on the same pages.

    python bench/stages.py --pages 200 [--corpus PATH] [--stock-lemmatizer]

One process, the model loaded before the clock starts. The job is the one `telex ingest` runs,
taken apart so that each stage can be timed alone: the files are read (decoding, kind detection),
cleaned (trafilatura's extraction with its metadata, htmldate inside it, boilerplate, blocks,
dates, language id), prepared for the NLP (normalised copy, tokenizer, block sentence starts),
run through each spaCy component over the whole list of Docs in turn (the same batches
``nlp.pipe`` makes, so the same work), turned into records, and stored in a fresh SQLite file.
Per-component times are exact because each component runs over all the Docs before the next one
starts, instead of the interleaved generators of ``nlp.pipe``. CPU seconds are those of this
process. A script, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "pages"


class Clock:
    """Wall and CPU seconds per stage name, added up across calls."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.order: list[str] = []

    def add(self, name: str, wall: float, cpu: float) -> None:
        if name not in self.wall:
            self.order.append(name)
        self.wall[name] += wall
        self.cpu[name] += cpu

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` that adds its own running time to ``name`` (minus the stages it calls)."""

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            before_wall, before_cpu = self._inner_total()
            try:
                return function(*args, **kwargs)
            finally:
                after_wall, after_cpu = self._inner_total()
                self.add(
                    name,
                    time.perf_counter() - wall - (after_wall - before_wall),
                    time.process_time() - cpu - (after_cpu - before_cpu),
                )

        return wrapper

    def _inner_total(self) -> tuple[float, float]:
        return sum(self.wall.values()), sum(self.cpu.values())


def _patch_cleaning(clock: Clock) -> None:
    """Time the cleaning steps where ``clean_document`` calls them (htmldate inside trafilatura)."""
    import trafilatura.metadata

    import telex.clean.article as article

    trafilatura.metadata.find_date = clock.timed("clean: htmldate (date of the page)", trafilatura.metadata.find_date)
    article.extract_page = clock.timed("clean: trafilatura (main text, metadata)", article.extract_page)
    article.strip_boilerplate = clock.timed("clean: boilerplate, bylines", article.strip_boilerplate)
    article.build_blocks = clock.timed("clean: blocks", article.build_blocks)
    article.identify_language = clock.timed("clean: language id", article.identify_language)
    article.first_full_date = clock.timed("clean: dates in the text", article.first_full_date)


def _stock_lemma_tables(nlp) -> None:
    """Put back the lists spaCy ships (telex makes them sets at load time), to show what they cost."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        table[key] = sorted(words)


def run(files: list[Path], stock_lemmatizer: bool = False) -> tuple[Clock, int, int]:
    from telex.analysis import PIPE_BATCH_SIZE, AnalysisFailed, _prepared_doc, _records_from_doc
    from telex.clean import clean_document
    from telex.errors import DocumentError
    from telex.ingest import read_documents
    from telex.knowledge import pipeline_fingerprint
    from telex.nlp.model import load_pipeline
    from telex.store import Store

    nlp = load_pipeline("fr")
    if stock_lemmatizer:
        _stock_lemma_tables(nlp)
    fingerprint = pipeline_fingerprint()
    clock = Clock()
    _patch_cleaning(clock)
    step = clock.timed  # shorthand

    documents = step("read: files → raw documents", lambda: [d for f in files for d in read_documents(f)])()
    articles = []
    for document in documents:
        if isinstance(document, DocumentError):
            continue
        with contextlib.suppress(DocumentError):
            articles.append(step("clean: the rest (metadata, hashing)", clean_document)(document))
    prepare = step("nlp: normalise, tokenize, block sentence starts", lambda: [_prepared_doc(nlp, a) for a in articles])
    prepared = prepare()
    docs = [doc for doc, _offsets in prepared]
    for name, component in nlp.pipeline:
        kind = "telex" if name.startswith("telex_") else "spaCy"
        docs = step(f"{kind}: {name}", lambda c=component, d=docs: list(c.pipe(d, batch_size=PIPE_BATCH_SIZE)))()
    analyses = step(
        "records: spans mapped back to the text",
        lambda: [_records_from_doc(doc, a, off) for doc, a, (_d, off) in zip(docs, articles, prepared, strict=True)],
    )()
    assert not any(isinstance(a, AnalysisFailed) for a in analyses)
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "stages.db") as store:
        items = list(zip(articles, analyses, strict=True))

        def store_all() -> None:
            for start in range(0, len(items), 32):
                store.add(items[start : start + 32], pipeline=fingerprint)

        step("store: SQLite, one transaction per 32", store_all)()
    tokens = sum(len(doc) for doc in docs)
    return clock, len(articles), tokens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--stock-lemmatizer", action="store_true", help="spaCy's lemma lists, as shipped")
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    from telex.ingest import iter_input_files

    files = [path for path in iter_input_files([args.corpus]) if isinstance(path, Path)][: args.pages]
    clock, count, tokens = run(files, args.stock_lemmatizer)
    total_wall, total_cpu = sum(clock.wall.values()), sum(clock.cpu.values())
    lemmatizer = "spaCy's lemma lists as shipped" if args.stock_lemmatizer else "lemma lists as sets"
    table = Table(
        title=f"telex ingest, stage by stage — {count} articles, {tokens:,} tokens, one process, {lemmatizer}"
    )
    for column in ("stage", "wall s", "CPU s", "% of wall", "ms / article"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name in sorted(clock.order, key=lambda n: n.split(":")[0] != "read"):
        wall = clock.wall[name]
        share, per_article = f"{100 * wall / total_wall:.1f}", f"{1000 * wall / count:.1f}"
        table.add_row(name, f"{wall:.2f}", f"{clock.cpu[name]:.2f}", share, per_article)
    table.add_row("total", f"{total_wall:.2f}", f"{total_cpu:.2f}", "100.0", f"{1000 * total_wall / count:.1f}")
    console = Console(width=max(Console().width, 110))
    console.print(table)
    console.print(
        f"{count / total_wall:.2f} articles/s; machine: {platform.platform()}, python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
