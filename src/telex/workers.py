"""The NLP in worker processes that one document cannot take down: a time budget per document,
crashes and hangs cost that document only, and workers never outlive the job.

The analysis is the one stage that can hang (a text a library crawls through) or kill its process
(a native library's crash, the kernel's out-of-memory killer). So it runs in worker processes that
:class:`AnalysisWorkers` supervises:

- each worker is a fresh interpreter (``python -m telex.workers``, whatever the caller's main
  module) that loads the pipeline once, then analyses the documents it is sent a few at a time
  (up to :data:`MAX_BATCH` documents and :data:`BATCH_CHARS` characters: the model runs
  faster on a batch than on one document after another, about 10 % of its time);
- each document gets ``doc_timeout`` seconds (per million characters for a longer text), and a
  batch as much as one text of its length: a worker that overruns is killed, a worker that dies
  is noticed, and the documents of that batch are sent again one by one, so that the one to
  blame fails alone (:class:`AnalysisTimedOut`, :class:`WorkerDied`), a new worker replacing the
  old one each time, and the rest of the batch goes on without that document;
- workers die with their parent, even one killed with SIGKILL: Linux's parent-death signal
  (``PR_SET_PDEATHSIG``), and on any system a lifeline pipe whose end-of-file they watch; they
  ignore SIGINT, which the parent handles (Ctrl-C reaches the whole process group).

An error of the analysis as a whole (no model, invalid knowledge files) or a worker that cannot
start stops the job with that error, as it would in one process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any

from telex.errors import AnalysisFailed, DocumentError, TelexError
from telex.limits import DEFAULT_DOC_TIMEOUT

DEFAULT_TARGET = "telex.analysis:analyze_articles"
DEFAULT_WARM_UP = "telex.analysis:warm_up"
START_TIMEOUT = 600.0  # seconds for a worker to start and load its pipeline (a cold disk is slow)
BUDGET_CHARS = 1_000_000  # a longer text gets the budget once per this many characters
MAX_BATCH = 32  # documents a worker is sent at once (the batch size of the analysis's nlp.pipe)
BATCH_CHARS = 200_000  # and never more characters than that, unless one document is longer
STOP_GRACE = 5.0  # seconds a worker told to stop has before it is killed


class AnalysisTimedOut(DocumentError):
    """A document the NLP was still analysing when its time budget ran out: its worker was
    stopped. Reported, not stored, so a re-run tries it again."""

    reason = "analysis over the time limit"


class WorkerDied(DocumentError):
    """A document during whose analysis the worker process died (a crash in native code, the
    out-of-memory killer): only that document is lost."""

    reason = "analysis worker died"


class WorkerStartFailed(TelexError):
    """A worker process that could not start or load its pipeline: no document can be analysed."""


def time_budget(doc_timeout: float, characters: int) -> float:
    """Seconds a document of ``characters`` may take: ``doc_timeout``, once per million characters
    beyond the first (analysis time grows with the text, so a long text is not a hang)."""
    return doc_timeout * max(1.0, characters / BUDGET_CHARS)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def describe_exit(status: int | None) -> str:
    """A process's end as a user reads it: 'killed by SIGSEGV', 'exit status 3'."""
    if status is None:
        return "still running"
    if status < 0:
        return f"killed by {_signal_name(-status)}"
    return f"exit status {status}"


# --- the parent's side --------------------------------------------------------------------------


@dataclass(eq=False)
class _Job:
    """One submitted batch: its articles and, as workers finish them, their results."""

    articles: Sequence[Any]
    results: list[Any] = field(default_factory=list)
    remaining: int = 0
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.articles)
        self.remaining = len(self.articles)
        if not self.articles:
            self.done.set()


class _Lost(Exception):
    """The worker stopped answering: dead, or over its time. ``started`` tells whether it had
    begun on the document (a worker that dies before is not the document's fault)."""

    def __init__(self, status: str, started: bool, timed_out: bool = False) -> None:
        super().__init__(status)
        self.status = status
        self.started = started
        self.timed_out = timed_out


class _Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, config: dict[str, Any], lifeline: int, start_timeout: float) -> None:
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the worker)
        environment = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[1])  # telex importable as the caller has it
        environment["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, environment.get("PYTHONPATH")) if p)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "telex.workers"]
                + [str(number) for number in (requests_read, replies_write, lifeline, os.getpid())],
                pass_fds=(requests_read, replies_write, lifeline),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr,
                env=environment,
            )
        finally:
            os.close(requests_read)
            os.close(replies_write)
        self.requests = Connection(requests_write, readable=False)
        self.replies = Connection(replies_read, writable=False)
        self.number = 0
        try:
            self.requests.send(config)
            reply = self._receive(start_timeout, started=False, stage="while starting")
        except (_Lost, OSError) as lost:
            self.kill()
            raise WorkerStartFailed(f"an analysis worker could not start: {lost}") from None
        if reply[0] == "fatal":
            self.kill()
            raise reply[1]

    def analyse(self, articles: list[Any], budget: float | None, start_timeout: float) -> list[Any]:
        """The worker's results for ``articles``, in order; :class:`_Lost` if it dies or overruns
        ``budget``."""
        self.number += 1
        try:
            self.requests.send((self.number, articles))
        except OSError:
            raise _Lost(self._end_status("before taking the document"), started=False) from None
        reply = self._receive(start_timeout, started=False, stage="before taking the document")  # or loading a language
        if reply[0] == "start":
            reply = self._receive(budget, started=True)
        if reply[0] == "fatal":
            raise reply[1]
        return reply[2]

    def _receive(self, timeout: float | None, started: bool, stage: str = "while analysing it") -> tuple:
        try:
            if not self.replies.poll(timeout):
                self.kill()
                raise _Lost(f"still running after {timeout:g} s", started, timed_out=True)
            return self.replies.recv()
        except (EOFError, OSError):
            raise _Lost(self._end_status(stage), started) from None

    def _end_status(self, stage: str) -> str:
        """How the worker ended, and what its stderr says of it (a crash report names the code)."""
        try:
            status = self.process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.kill()
            status = self.process.returncode
        report = self.crash_report()
        if not report and status == -signal.SIGKILL:
            report = "killed from outside, as the out-of-memory killer does"
        return f"{describe_exit(status)} {stage}" + (f"; {report}" if report else "")

    def crash_report(self, limit: int = 300) -> str:
        """The gist of what the worker wrote on stderr: the fatal error and the innermost frame of a
        native crash (``faulthandler``'s report), else the last line (a Python traceback's error)."""
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - 16384))
            lines = [line.strip() for line in self.stderr.read().decode("utf-8", "replace").splitlines()]
        except (OSError, ValueError):
            return ""
        lines = [line for line in lines if line]
        fatal = next((n for n, line in enumerate(lines) if line.startswith("Fatal Python error")), None)
        if fatal is not None:
            frame = next((line for line in lines[fatal:] if line.startswith("File ")), "")
            return f"{lines[fatal]}, {frame}"[:limit].rstrip(", ")
        return lines[-1][:limit] if lines else ""

    def stop(self) -> None:
        """End an idle worker: it reads end-of-file and exits; killed if it does not."""
        for connection in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                connection.close()
        try:
            self.process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.kill()
        self.stderr.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
        self.process.wait()
        for connection in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                connection.close()


class AnalysisWorkers:
    """Analyse batches on ``processes`` supervised worker processes (see the module docstring).

    Call it with a batch (``workers(articles)``) or ``submit`` one and collect it later, as the
    ingest does while it reads the next batch. Results come back in order, one per article: an
    analysis, or the document's error. Use it as a context manager: leaving it kills the workers.

    ``target`` (``"module:function"``) is what a worker runs on a list of articles, with
    ``options`` as keyword arguments; ``warm_up`` runs once when it starts (loading the model
    there keeps it out of the first document's time budget). Tests give targets that crash or hang.
    """

    def __init__(
        self,
        processes: int = 1,
        *,
        doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
        options: dict[str, Any] | None = None,
        target: str = DEFAULT_TARGET,
        warm_up: str | None = DEFAULT_WARM_UP,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.processes = max(1, processes)
        self.doc_timeout = doc_timeout or None
        self.start_timeout = start_timeout
        self.config = {"target": target, "warm_up": warm_up, "options": options or {}, "sys_path": list(sys.path)}
        self._queue: deque[tuple[_Job, int, bool]] = deque()  # (job, index, to be sent alone)
        self._jobs: list[_Job] = []
        self._condition = threading.Condition()
        self._fatal: BaseException | None = None
        self._closed = False
        self._workers: set[_Worker] = set()
        self.replaced = 0  # workers killed or dead and replaced, for reports and tests
        self._lifeline_read, self._lifeline_write = os.pipe()  # never written: its EOF is our death
        self._threads = [
            threading.Thread(target=self._serve, name=f"telex-worker-{n}", daemon=True) for n in range(self.processes)
        ]
        for thread in self._threads:
            thread.start()

    # --- the caller's side --------------------------------------------------------------------

    def __call__(self, articles: Sequence[Any]) -> list[Any]:
        return self.submit(articles)()

    def submit(self, articles: Sequence[Any]) -> Callable[[], list[Any]]:
        """Queue ``articles``; the returned function waits for their results (raising the error
        that stopped the workers, if any)."""
        job = _Job(list(articles))
        with self._condition:
            if self._fatal is not None:
                raise self._fatal
            if self._closed:
                raise RuntimeError("the analysis workers are closed")
            self._jobs.append(job)
            self._queue.extend((job, index, False) for index in range(len(job.articles)))
            self._condition.notify_all()

        def results() -> list[Any]:
            while not job.done.wait(0.2):  # a timeout keeps the wait interruptible (Ctrl-C, SIGTERM)
                if self._fatal is not None:
                    break
            if self._fatal is not None:
                raise self._fatal
            return job.results

        return results

    def close(self) -> None:
        """Stop every worker (killing any still analysing) and the threads that talk to them."""
        with self._condition:
            self._closed = True
            self._queue.clear()
            workers = list(self._workers)
            self._condition.notify_all()
        for worker in workers:
            worker.kill()
        for thread in self._threads:
            thread.join(timeout=STOP_GRACE + 1)
        for descriptor in (self._lifeline_write, self._lifeline_read):
            with contextlib.suppress(OSError):
                os.close(descriptor)

    def __enter__(self) -> AnalysisWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- one thread per worker ----------------------------------------------------------------

    def _next(self) -> list[tuple[_Job, int, bool]] | None:
        """The next documents to send one worker: up to :data:`MAX_BATCH` and
        :data:`BATCH_CHARS` characters, and no more than a fair share of the queue (the other
        workers get theirs); one alone if it is to be sent alone (its batch failed)."""
        with self._condition:
            while not self._queue and not self._closed and self._fatal is None:
                self._condition.wait()
            if self._closed or self._fatal is not None:
                return None
            first = self._queue.popleft()
            items = [first]
            if first[2]:
                return items
            limit = min(MAX_BATCH, -(-(len(self._queue) + 1) // self.processes))
            characters = len(first[0].articles[first[1]].text)
            while self._queue and len(items) < limit and not self._queue[0][2]:
                job, index, _alone = self._queue[0]
                characters += len(job.articles[index].text)
                if characters > BATCH_CHARS:
                    break
                items.append(self._queue.popleft())
            return items

    def _serve(self) -> None:
        worker: _Worker | None = None
        retried: set[tuple[int, int]] = set()  # (job, index) sent again after a worker died idle
        try:
            while (items := self._next()) is not None:
                articles = [job.articles[index] for job, index, _alone in items]
                characters = sum(len(article.text) for article in articles)
                budget = time_budget(self.doc_timeout, characters) if self.doc_timeout else None
                try:
                    if worker is None:
                        worker = self._start()
                    results = worker.analyse(articles, budget, self.start_timeout)
                except _Lost as lost:
                    self._forget(worker, replaced=True)
                    worker = None
                    if self._closed:
                        results = [WorkerDied(article.source, "the job was interrupted") for article in articles]
                    elif not lost.started and all((id(job), index) not in retried for job, index, _a in items):
                        retried.update((id(job), index) for job, index, _alone in items)  # died idle: once more
                        self._requeue(items)
                        continue
                    elif len(items) > 1:  # one of them is to blame: each again alone, to find which
                        self._requeue([(job, index, True) for job, index, _alone in items])
                        continue
                    elif lost.timed_out:
                        results = [
                            AnalysisTimedOut(
                                articles[0].source,
                                f"still running after {budget:g} s (--doc-timeout); its worker was stopped",
                            )
                        ]
                    else:
                        results = [WorkerDied(articles[0].source, lost.status)]
                except TelexError as error:  # the analysis as a whole cannot run
                    self._stop_all(error)
                    return
                except BaseException as error:  # a defect of ours here: stop rather than hang the caller
                    self._stop_all(error)
                    raise
                for (job, index, _alone), result in zip(items, results, strict=True):
                    self._finish(job, index, result)
        finally:
            if worker is not None:
                self._forget(worker)
                if self._closed:
                    worker.kill()
                else:
                    worker.stop()

    def _start(self) -> _Worker:
        """A new worker, ready; a second try when the first dies starting (the out-of-memory killer
        may pick a worker loading its model), then :class:`WorkerStartFailed`."""
        for attempt in (1, 2):
            try:
                worker = _Worker(self.config, self._lifeline_read, self.start_timeout)
                break
            except WorkerStartFailed:
                if attempt == 2 or self._closed:
                    raise
        with self._condition:
            self._workers.add(worker)
            if self._closed:
                worker.kill()
                raise _Lost("closed", started=False)
        return worker

    def _forget(self, worker: _Worker | None, replaced: bool = False) -> None:
        with self._condition:
            self._workers.discard(worker)  # type: ignore[arg-type]
            self.replaced += replaced and not self._closed

    def _requeue(self, items: list[tuple[_Job, int, bool]]) -> None:
        with self._condition:
            self._queue.extendleft(reversed(items))
            self._condition.notify_all()

    def _finish(self, job: _Job, index: int, result: Any) -> None:
        with self._condition:
            job.results[index] = result
            job.remaining -= 1
            if job.remaining == 0:
                job.done.set()
                self._jobs.remove(job)

    def _stop_all(self, error: BaseException) -> None:
        with self._condition:
            if self._fatal is None:
                self._fatal = error
            self._queue.clear()
            for job in self._jobs:
                job.done.set()
            self._condition.notify_all()


# --- the worker's side --------------------------------------------------------------------------


def die_with_parent(parent: int, lifeline: int | None = None) -> None:
    """Make sure this process ends when the one that started it does: Linux's parent-death
    signal, and a thread that watches ``lifeline`` (a pipe whose other end only the parent holds)
    for end-of-file, or without one, the parent's pid (once a second)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills us when the parent ends
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before we asked
        os._exit(1)

    def watch() -> None:
        if lifeline is None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)  # adopted by another process: the parent is gone
        try:
            while os.read(lifeline, 1):
                pass
        except OSError:
            pass
        os._exit(1)  # end of file: the parent's end of the lifeline is closed, it is gone

    threading.Thread(target=watch, name="telex-lifeline", daemon=True).start()


def _load(path: str) -> Callable[..., Any]:
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def _worker_main(requests_fd: int, replies_fd: int, lifeline: int, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    die_with_parent(parent, lifeline)
    import faulthandler

    faulthandler.enable()  # a native crash leaves its trace on stderr, which the parent reports
    requests = Connection(requests_fd, writable=False)
    replies = Connection(replies_fd, readable=False)
    try:
        config = requests.recv()
    except EOFError:
        return
    sys.path[:] = config["sys_path"]
    try:
        target = _load(config["target"])
        if config["warm_up"]:
            _load(config["warm_up"])()
    except TelexError as error:
        replies.send(("fatal", error))
        return
    replies.send(("ready",))
    options = config["options"]
    while True:
        try:
            number, articles = requests.recv()
        except EOFError:
            return
        replies.send(("start", number))
        try:
            results = _analyse(target, articles, options)
        except TelexError as error:
            replies.send(("fatal", error))
            return
        try:
            replies.send(("done", number, results))
        except Exception:  # a result that cannot be sent (unpicklable): that document fails
            sendable = [_sendable(result, article) for article, result in zip(articles, results, strict=True)]
            replies.send(("done", number, sendable))


def _analyse(target: Callable[..., Any], articles: list[Any], options: dict[str, Any]) -> list[Any]:
    """``target``'s results for ``articles``; when it raises on a batch, each article again alone,
    so that only the one it fails on gets the error. A :class:`TelexError` (the analysis as a
    whole cannot run) is raised."""
    try:
        results = list(target(articles, **options))
        if len(results) != len(articles):
            raise ValueError(f"{len(results)} results for {len(articles)} documents")
        return results
    except TelexError:
        raise
    except Exception as error:  # a defect under the analysis: this document's failure
        if len(articles) == 1:
            return [AnalysisFailed(getattr(articles[0], "source", ""), f"{type(error).__name__}: {error}")]
    return [_analyse(target, [article], options)[0] for article in articles]


def _sendable(result: Any, article: Any) -> Any:
    import pickle

    try:
        pickle.dumps(result)
    except Exception as error:
        return WorkerDied(getattr(article, "source", ""), f"unsendable result: {error}")
    return result


def main(arguments: Sequence[str] | None = None) -> None:  # pragma: no cover - runs in the worker
    requests_fd, replies_fd, lifeline, parent = (int(value) for value in (arguments or sys.argv[1:]))
    _worker_main(requests_fd, replies_fd, lifeline, parent)


if __name__ == "__main__":  # pragma: no cover
    main()
