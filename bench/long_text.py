"""Time and memory of the analysis against the length of one text: telex stays linear and flat.

    python bench/long_text.py [--lengths 100000 300000 1000000] [--stages] [--hostile] [--corpus PATH]

The long text is real French news: the clean texts of OrangeSum pages (``../shared/corpus/
orangesum/pages``, cleaned by telex) joined by blank lines, cut at a paragraph end at each length,
as one article (a live blog, a dossier). Each length runs in a child process of its own, which
loads the pipeline first (not timed) and then cleans and analyses the text with
``telex.analysis.analyze_articles``, the function the workers run. Reported per length: wall time
and CPU time (user + system: what the analysis costs on an otherwise idle CPU), seconds per
100,000 characters, the child's peak RSS (``ru_maxrss``, the model included) and its RSS once the
model was loaded. ``--stages`` adds the time of each stage (tokenizer, the model's components in
blocks, each telex component, records) in a second pass; ``--hostile`` adds a 100 KB run of
``[`` and of ``«`` inside a normal text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "pages"


def long_text(corpus: Path, length: int) -> str:
    """Clean article texts of the corpus joined by blank lines, cut at a paragraph end by ``length``."""
    from telex.clean import clean_document
    from telex.ingest import read_documents
    from telex.records import RawDocument

    parts, total = [], 0
    for page in sorted(corpus.glob("*.html")):
        for item in read_documents(page):
            if isinstance(item, RawDocument):
                try:
                    text = clean_document(item).text
                except Exception:
                    continue
                parts.append(text)
                total += len(text) + 2
        if total > length:
            break
    text = "\n\n".join(parts)[:length]
    return text[: text.rfind("\n")].rstrip()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def child(corpus: Path, length: int, stages: bool, hostile: str | None) -> dict:
    """Run in a fresh process: one text, timed."""
    from telex.analysis import analyze_articles, warm_up
    from telex.clean import clean_document
    from telex.records import RawDocument

    if hostile:
        base = long_text(corpus, 20_000)
        text = base[: len(base) // 2] + " " + hostile * 100_000 + " " + base[len(base) // 2 :]
    else:
        text = long_text(corpus, length)
    warm_up()
    loaded = _rss_mb()
    wall, cpu = time.perf_counter(), _cpu()
    article = clean_document(RawDocument(source="bench", kind="text", text=text, published="2020-06-01"))
    (analysis,) = analyze_articles([article])
    result = {
        "characters": len(article.text),
        "wall": time.perf_counter() - wall,
        "cpu": _cpu() - cpu,
        "loaded_mb": loaded,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "result": type(analysis).__name__,
        "mentions": len(getattr(analysis, "mentions", ())),
        "quotes": len(getattr(analysis, "quotes", ())),
        "events": len(getattr(analysis, "events", ())),
    }
    if stages:
        result["stages"] = stage_times(article)
    return result


def stage_times(article) -> dict[str, float]:
    """CPU seconds of each stage on the same article, as analyze_articles chains them."""
    from telex.analysis import _prepared_doc, _records_from_doc, _set_doc_attributes
    from telex.nlp.longtext import BLOCK_CHARS, run_model
    from telex.nlp.model import TELEX_COMPONENTS, load_pipeline

    nlp = load_pipeline("fr")
    times: dict[str, float] = {}
    start = _cpu()
    doc, offsets = _prepared_doc(nlp, article)
    times["tokenizer"] = _cpu() - start
    start = _cpu()
    if len(doc.text) > BLOCK_CHARS:
        doc = run_model(nlp, doc, [name for name in nlp.pipe_names if name not in TELEX_COMPONENTS])
        _set_doc_attributes(doc, article, offsets)
    else:
        for name, process in nlp.pipeline:
            if name not in TELEX_COMPONENTS:
                doc = process(doc)
    times["model (blocks)"] = _cpu() - start
    for name in TELEX_COMPONENTS:
        start = _cpu()
        doc = nlp.get_pipe(name)(doc)
        times[name] = _cpu() - start
    start = _cpu()
    _records_from_doc(doc, article, offsets)
    times["records"] = _cpu() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--stages", action="store_true", help="time each stage (a second pass)")
    parser.add_argument("--hostile", action="store_true", help="also 100 KB runs of '[' and '«' in a text")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        length, hostile = json.loads(options.child)
        print(json.dumps(child(options.corpus, length, options.stages, hostile)))
        return
    if not options.corpus.is_dir():
        sys.exit(f"no corpus at {options.corpus}: give --corpus (a folder of HTML news pages)")
    runs = [(length, None) for length in options.lengths]
    if options.hostile:
        runs += [(0, "["), (0, "«")]
    rows = []
    for length, hostile in runs:
        command = [sys.executable, __file__, "--corpus", str(options.corpus), "--child", json.dumps([length, hostile])]
        command += ["--stages"] if options.stages else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(done.stderr)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["label"] = f"text with 100 KB of {hostile!r}" if hostile else f"{length:,} characters asked"
        rows.append(row)
        print(f"  done: {row['label']}: {row['wall']:.1f} s", file=sys.stderr, flush=True)
    print(f"corpus: {options.corpus}")
    header = "| text | characters | wall s | CPU s | CPU s per 100k | peak RSS MB | RSS loaded MB | mentions | quotes |"
    print(header)
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        per = row["cpu"] / row["characters"] * 100_000
        print(
            f"| {row['label']} | {row['characters']:,} | {row['wall']:.1f} | {row['cpu']:.1f} | {per:.2f} |"
            f" {row['peak_mb']:,} | {row['loaded_mb']:,} | {row['mentions']:,} | {row['quotes']:,} |"
        )
    if options.stages:
        names = list(rows[0]["stages"])
        print("\nCPU seconds per stage (second pass):\n")
        print("| characters | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for row in rows:
            print(f"| {row['characters']:,} | " + " | ".join(f"{row['stages'][n]:.1f}" for n in names) + " |")
    load = os.getloadavg()
    print(
        f"\nmachine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs;"
        f" load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        " (other jobs slow the wall time, not the CPU time)"
    )


if __name__ == "__main__":
    main()
