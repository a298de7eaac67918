"""Workers that read, clean and analyse units of a job, and the pool of local processes that runs them.

With several processes, or on a Ray cluster (:mod:`telex.cluster`), the process that stores does
nothing but store: each worker reads its unit's files itself, cleans them, runs the NLP and
sends back plain records (or writes them to a Parquet dataset itself). Workers load the NLP
pipeline once, when they start, and are told nothing but which unit to do.

With a time budget per document (``doc_timeout``, the default), a unit worker runs its NLP in a
supervised process of its own (:class:`telex.workers.AnalysisWorkers`), as a one-process ingest
does: a document that hangs or crashes the NLP fails alone and the unit goes on. Without one, the
NLP runs in the unit worker itself.

Results come back in unit order (:func:`ordered`), so storing them one unit per transaction gives
the store a one-process ingest gives.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from telex.ingest.units import Part, WorkUnit, plan_files, read_unit
from telex.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS
from telex.records import Analysis

if TYPE_CHECKING:
    from telex.pipeline import AnalysedDocument


WARM_UP_TEXT = (
    "Le président malien a reçu mercredi à Bamako le ministre français des Affaires étrangères.\n\n"
    "« Nous allons renforcer notre coopération », a déclaré le ministre à Gao."
)


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    """What every worker of a job needs to know, sent once when it starts."""

    nlp: bool = True
    max_bytes: int = 20 * 1024 * 1024
    store_path: str | None = None  # read to skip the NLP of texts already stored (local workers only)
    out_parquet: str | None = None  # write records here instead of sending them back
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # NLP seconds per document (None or 0: no budget)
    max_chars: int = DEFAULT_MAX_CHARS  # a longer clean text fails whole


@dataclass(slots=True)
class UnitResult:
    """What became of one unit: each document's outcome in order, and the work it covered."""

    index: int
    key: str
    documents: list[AnalysedDocument]
    parts: tuple[Part, ...]
    fingerprint: str = ""  # of the NLP that ran in the worker ("" without NLP)
    written: list[str] = field(default_factory=list)  # article ids written to the Parquet dataset
    worker: int = 0  # pid, for reports and tests
    cpu_seconds: float = 0.0  # the worker's CPU time on this unit: its throughput, whatever else runs


class UnitWorker:
    """Reads, cleans and analyses one unit at a time. Built once per worker process or Ray actor."""

    def __init__(self, options: WorkerOptions) -> None:
        self.options = options
        self.fingerprint = ""
        self.analyzer: Any = None
        self._store = None
        if options.nlp:
            from telex.knowledge import pipeline_fingerprint
            from telex.nlp.model import missing_models_mark

            self.fingerprint = pipeline_fingerprint() + missing_models_mark()
            if options.doc_timeout:
                from telex.workers import AnalysisWorkers

                self.analyzer = AnalysisWorkers(
                    1, doc_timeout=options.doc_timeout, options={"max_chars": options.max_chars}
                )
            else:
                from functools import partial

                from telex.analysis import analyze_articles
                from telex.nlp.model import load_pipeline

                load_pipeline("fr")  # now rather than in the first unit
                self.analyzer = partial(analyze_articles, max_chars=options.max_chars)
            self._warm_up()

    def _warm_up(self) -> None:
        """Analyse one short text, so that what loads on first use (the language identifier's
        model, the city table, the model's vectors, the supervised NLP process) loads with the
        worker, not in its first unit."""
        from telex.pipeline import analyze_documents
        from telex.records import RawDocument

        analyze_documents([RawDocument(source="warm-up", kind="text", text=WARM_UP_TEXT)], analyzer=self.analyzer)

    def close(self) -> None:
        """Stop the supervised NLP process, if any."""
        close = getattr(self.analyzer, "close", None)
        if close is not None:
            close()

    def _known(self) -> Callable[[list[str]], set[str]] | None:
        if self.options.store_path is None:
            return None
        if self._store is None:
            from telex.store import Store

            self._store = Store(self.options.store_path)
        return self._store.known_hashes

    def process(self, unit: WorkUnit) -> UnitResult:
        """Read, clean and analyse every document of ``unit``; never raises for bad input."""
        from telex.pipeline import analyze_documents

        cpu = time.process_time()
        documents = [item for _part, item in read_unit(unit, self.options.max_bytes)]
        results = analyze_documents(
            documents,
            nlp=self.options.nlp,
            analyzer=self.analyzer,
            known=self._known(),
            max_chars=self.options.max_chars,
        )
        for result in results:  # anything but telex's own errors may not survive pickling
            if result.error is not None and not _portable(result.error):
                result.error = _portable_error(result.error, result.source)
        outcome = UnitResult(unit.index, unit.key, results, unit.parts, self.fingerprint, worker=os.getpid())
        if self.options.out_parquet is not None:
            from telex.export.dataset import write_unit

            outcome.written = write_unit(Path(self.options.out_parquet), unit, results, _now())
            for result in results:  # written where they belong; the driver only needs the report
                result.analysis = Analysis(notes=result.analysis.notes) if result.analysis is not None else None
                if result.article is not None:
                    result.article = _summary(result.article)
        outcome.cpu_seconds = time.process_time() - cpu
        return outcome


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(article: Any) -> Any:
    """The article without its texts: all a report needs, much less to send back."""
    from dataclasses import replace

    return replace(article, text="", raw_text=None, raw_offsets=(), blocks=())


def _portable(error: Exception) -> bool:
    from telex.errors import DocumentError

    return isinstance(error, DocumentError)


def _portable_error(error: Exception, source: str) -> Exception:
    from telex.errors import ProcessingDefect

    return ProcessingDefect(source, f"{type(error).__name__}: {error}")


class Workers(Protocol):
    """What the storing process asks of a pool of workers, local or on a cluster."""

    @property
    def window(self) -> int:
        """How many units to keep in flight."""
        ...

    def wait_ready(self) -> list[int]: ...

    def plan_files(self, paths: list[Path], documents_per_range: int) -> list[list[tuple[int, int]] | None]:
        """Where to cut big files into ranges (run where the files are)."""
        ...

    def submit(self, unit: WorkUnit) -> Callable[[], UnitResult]:
        """Start a unit; the returned function waits for its result."""
        ...

    def __enter__(self) -> Workers: ...

    def __exit__(self, *exc_info: object) -> None: ...


# --- local worker processes -----------------------------------------------------------------

_WORKER: UnitWorker | None = None


def _start_worker(options: WorkerOptions, parent: int) -> None:
    import atexit
    import signal

    from telex.workers import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the storing process decides what Ctrl-C stops
    die_with_parent(parent)  # even killed with SIGKILL, the storing process takes its workers along
    global _WORKER
    _WORKER = UnitWorker(options)
    atexit.register(_WORKER.close)  # its supervised NLP process ends with it (it would anyway)


def _process(unit: WorkUnit) -> UnitResult:
    assert _WORKER is not None, "worker not started"
    return _WORKER.process(unit)


def _ready() -> int:
    return os.getpid()


class LocalWorkers:
    """``processes`` spawned worker processes, each holding a :class:`UnitWorker`.

    ``spawn``, not ``fork``: forking a process that runs a progress-bar thread can deadlock. The
    pool is shut down when the block ends, finished, failed or interrupted; units in flight are
    then dropped (an error or an interruption stops the workers at once), and a re-run does them
    again. Workers ignore Ctrl-C, which the storing process handles, and die with it, even when
    it is killed with SIGKILL (:func:`telex.workers.die_with_parent`).
    """

    def __init__(self, processes: int, options: WorkerOptions) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.processes = processes
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(options, os.getpid()),
        )

    @property
    def window(self) -> int:
        """Units in flight: four per worker, so none waits while the driver stores or an earlier,
        longer unit is still being done elsewhere (results are stored in order)."""
        return 4 * self.processes

    def wait_ready(self) -> list[int]:
        """Start every worker and wait until each has loaded the NLP (their pids)."""
        futures = [self.executor.submit(_ready) for _ in range(self.processes)]
        return [future.result() for future in futures]

    def plan_files(self, paths: list[Path], documents_per_range: int) -> list[list[tuple[int, int]] | None]:
        return plan_files(paths, documents_per_range)

    def submit(self, unit: WorkUnit) -> Callable[[], UnitResult]:
        return self.executor.submit(_process, unit).result

    def close(self, stop_now: bool = False) -> None:
        """Shut the pool down; ``stop_now`` kills the workers rather than letting them finish
        their units (what an error or an interruption of the job asks)."""
        if stop_now:
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalWorkers:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        self.close(stop_now=exc_type is not None)


class InProcessWorker:
    """The same interface in the calling process: ``--out-parquet`` without worker processes."""

    window = 1

    def __init__(self, options: WorkerOptions) -> None:
        self.worker = UnitWorker(options)

    def wait_ready(self) -> list[int]:
        return [os.getpid()]

    def plan_files(self, paths: list[Path], documents_per_range: int) -> list[list[tuple[int, int]] | None]:
        return plan_files(paths, documents_per_range)

    def submit(self, unit: WorkUnit) -> Callable[[], UnitResult]:
        result = self.worker.process(unit)
        return lambda: result

    def close(self) -> None:
        self.worker.close()

    def __enter__(self) -> InProcessWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def ordered(
    submit: Callable[[WorkUnit], Callable[[], UnitResult]], units: Iterable[WorkUnit], window: int
) -> Iterator[UnitResult]:
    """Each unit's result in the order of ``units``, with up to ``window`` units in flight."""
    pending: deque[Callable[[], UnitResult]] = deque()
    for unit in units:
        pending.append(submit(unit))
        if len(pending) >= window:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()
