"""Ingest jobs: what ``POST /api/v1/ingest`` received, read into the store in the background.

One worker thread runs the jobs one after the other, so the server has a single writer, as SQLite
wants, and requests are answered while a job runs (readers use WAL snapshots). The uploaded bytes
are kept in the uploads folder, one folder per job, and the stored articles name that file as their
source: what the API received stays on disk, the raw input of every fact extracted from it. The
NLP model loads in that thread when the first job needs it, never at start-up.

Jobs live in memory: a restarted server forgets them (what they stored stays stored).
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telex.ingest import DEFAULT_MAX_BYTES
from telex.pipeline import Failure, IngestReport

KEPT_JOBS = 500  # the oldest finished jobs are forgotten beyond this many


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _failures(items: list[Failure]) -> list[dict[str, str]]:
    return [{"source": item.source, "reason": item.reason, "detail": item.detail} for item in list(items)]


@dataclass
class IngestJob:
    """One upload and what became of it; :meth:`as_dict` is what ``GET /api/v1/jobs/{id}`` shows."""

    id: str
    name: str
    path: Path
    bytes: int
    documents_total: int | None
    created_at: str = field(default_factory=_now)
    state: str = "queued"  # queued | running | done | failed
    started_at: str | None = None
    finished_at: str | None = None
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        report = self.report
        added, present = list(report.added), list(report.present)
        failed, skipped = _failures(report.failed), _failures(report.skipped)
        return {
            "id": self.id,
            "state": self.state,
            "name": self.name,
            "bytes": self.bytes,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "documents_done": len(added) + len(present) + len(failed) + len(skipped),
            "documents_total": self.documents_total,
            "added": added,
            "present": present,
            "failed": failed,
            "skipped": skipped,
            "notes": {note: list(sources) for note, sources in dict(report.notes).items()},
            "error": self.error,
        }


def count_documents(path: Path) -> int | None:
    """How many documents an upload holds, when that is cheap to know before reading it: one for a
    page, one per non-blank line for JSONL; None for feeds and archives."""
    from telex.errors import DocumentError
    from telex.ingest.detect import HEAD_BYTES, HTML, JSONL, TEXT, detect_kind

    with path.open("rb") as stream:
        try:
            kind = detect_kind(path, stream.read(HEAD_BYTES))
        except DocumentError:
            return 1  # reported as that document's failure
        if kind == JSONL:
            stream.seek(0)
            return sum(1 for line in stream if line.strip())
    return 1 if kind in (TEXT, HTML) else None


class IngestJobs:
    """The jobs of one server, run one at a time by one worker thread into the store at ``db``."""

    def __init__(self, db: Path, uploads: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.db = db
        self.uploads = uploads
        self.max_bytes = max_bytes
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="telex-ingest")

    def new_upload(self, name: str) -> tuple[str, Path]:
        """A job id and the file its upload is written to (the folder is created)."""
        job_id = uuid.uuid4().hex
        folder = self.uploads / job_id
        folder.mkdir(parents=True, exist_ok=False)
        return job_id, folder / name

    def submit(self, job_id: str, path: Path) -> IngestJob:
        """Queue the upload written at ``path`` (see :meth:`new_upload`) for ingest."""
        job = IngestJob(job_id, path.name, path, path.stat().st_size, count_documents(path))
        with self._lock:
            self._jobs[job_id] = job
            self._forget_old()
        self._worker.submit(self._run, job)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.state in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
            del self._jobs[key]

    def _run(self, job: IngestJob) -> None:
        from telex.pipeline import ingest
        from telex.store import Store

        job.state, job.started_at = "running", _now()
        try:
            with Store(self.db) as store:
                job.report = ingest([job.path], store, max_bytes=self.max_bytes, on_stored=self._progress(job))
            job.state = "done"
        except Exception as error:  # the whole job failed (no model, bad knowledge file, disk full)
            job.error = f"{type(error).__name__}: {error}"
            job.state = "failed"
        finally:
            job.finished_at = _now()

    @staticmethod
    def _progress(job: IngestJob) -> Any:
        def update(report: IngestReport) -> None:
            job.report = report  # the live report: its lists grow batch by batch

        return update

    def wait(self) -> None:
        """Block until every job queued so far has finished (tests and shutdown)."""
        self._worker.submit(lambda: None).result()

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
