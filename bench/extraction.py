"""Text extraction quality on real pages: telex's clean text against the publisher's own parse.

Usage: python bench/extraction.py [--corpus ../shared/corpus/orangesum] [--limit N]

OrangeSum's `parsed.jsonl` glues paragraphs without a space ("Pyrénées.Alors"), so the
comparison is on bags of word tokens (letters and digits only), not on characters. Precision:
share of telex's tokens that the reference has; recall: share of the reference's tokens telex
kept. The reference body includes the chapeau (`heading`) and the body (`article`), not the title.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from telex.clean import clean_document
from telex.errors import DocumentError
from telex.ingest import read_documents

WORD = re.compile(r"[^\W_]+")


def _tokens(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in WORD.findall(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/orangesum")
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    references = {}
    for line in (args.corpus / "parsed.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        references[item["file"]] = " ".join((item.get("heading", ""), item.get("article", "")))
    precisions, recalls, failures, dated = [], [], Counter(), 0
    started = time.perf_counter()
    files = sorted(references)[: args.limit]
    for name in files:
        for item in read_documents(args.corpus / name):
            if isinstance(item, DocumentError):
                failures[item.reason] += 1
                continue
            try:
                article = clean_document(item)
            except DocumentError as error:
                failures[error.reason] += 1
                continue
            dated += article.published is not None
            ours, reference = _tokens(article.text), _tokens(references[name])
            common = sum((ours & reference).values())
            if ours and reference:
                precisions.append(common / sum(ours.values()))
                recalls.append(common / sum(reference.values()))
    elapsed = time.perf_counter() - started
    table = Table(title=f"Extraction vs publisher parse — {args.corpus.name}, {len(files)} pages, {elapsed:.1f}s")
    for column in (
        "pages scored",
        "token precision (mean)",
        "token recall (mean)",
        "recall median",
        "pages < 0.5 recall",
        "with a date",
        "failed",
    ):
        table.add_column(column)
    table.add_row(
        str(len(recalls)),
        f"{statistics.fmean(precisions):.3f}" if precisions else "-",
        f"{statistics.fmean(recalls):.3f}" if recalls else "-",
        f"{statistics.median(recalls):.3f}" if recalls else "-",
        str(sum(r < 0.5 for r in recalls)),
        str(dated),
        ", ".join(f"{reason}: {n}" for reason, n in failures.items()) or "0",
    )
    Console().print(table)


if __name__ == "__main__":
    main()
