"""The jobs: files → raw documents → clean articles → analysis → store, and re-analysis.

:func:`ingest` and :func:`reprocess` own everything a run decides: which analyzer (one process,
or worker processes shut down at the end whatever happens), the fingerprint stored with each
analysis, how many articles make a transaction. :func:`analyze_documents` is the path from raw
documents to records that every caller shares (ingest, ``telex eval``).

Bad documents are reported with their source and reason and the job goes on. Each batch is
stored in one transaction, and documents already in the store are recognised by their content
hash before any NLP runs, so an interrupted job re-run with the same arguments finishes the
work without duplicating or losing anything.

The stages (readers, cleaning, NLP) are imported when a job runs, so importing this module, as
the CLI does for its defaults, loads no parser or model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from telex.errors import DocumentError, Skipped, SkippedLink, TextTooLong
from telex.ingest import DEFAULT_MAX_BYTES, source_name
from telex.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS
from telex.records import Analysis, Article, RawDocument

if TYPE_CHECKING:
    from telex.store import Store
    from telex.unit_workers import Workers
    from telex.workers import AnalysisWorkers

Analyzer = Callable[[Sequence[Article]], list[Analysis | DocumentError]]
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class Failure:
    source: str
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


@dataclass(slots=True)
class IngestReport:
    added: list[str] = field(default_factory=list)  # article ids
    present: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)  # not articles (WARC requests, links out): not failures
    files: int = 0
    units_skipped: int = 0  # units of work an earlier run of the same job had stored (--ray, workers)
    worker_cpu_seconds: float = 0.0  # CPU time the workers spent on this job's units (--ray, workers)
    pipeline: str = ""  # fingerprint of the NLP that produced the stored analyses ("" without NLP)
    # note → the sources of the articles stored with it (an unsupported language, a missing model)
    notes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def _failure(error: Exception, source: str) -> Failure:
    if isinstance(error, DocumentError):
        return Failure(error.source, error.reason, error.detail)
    # a defect of ours on odd input must not stop the batch: report it as such
    return Failure(source, "unexpected error while processing", f"{type(error).__name__}: {error}")


# --- raw documents → records ----------------------------------------------------------------


@dataclass(slots=True)
class AnalysedDocument:
    """What became of one document: its clean article and its analysis, or why it stopped.

    ``article`` is None when the document could not be read or cleaned; ``analysis`` is None when
    no NLP ran on it (none asked for, its text already stored, or the NLP failed on it);
    ``error`` says what failed, at whichever stage.
    """

    source: str
    article: Article | None = None
    analysis: Analysis | None = None
    error: Exception | None = None


def analyze_documents(
    documents: Sequence[RawDocument | Exception],
    *,
    nlp: bool = True,
    analyzer: Analyzer | None = None,
    known: Callable[[Sequence[str]], set[str]] | None = None,
    max_chars: int | None = None,
) -> list[AnalysedDocument]:
    """Clean every document and analyse the articles: one result per document, in order.

    ``documents`` may hold the error a reader gave instead of a document; it passes through, so
    results line up with the input. A document that fails cleaning, or an article the NLP fails
    on, gets its error and the rest go on. ``analyzer`` replaces telex's NLP (by default
    :func:`telex.analysis.analyze_articles`); ``known`` names the content hashes to leave
    unanalysed (ingest passes :meth:`Store.known_hashes`); a text repeated among the documents
    is analysed once, for its first copy. A clean text over ``max_chars`` characters fails whole
    (:class:`TextTooLong`), analysed or not. An error of the analyzer as a whole (no model,
    invalid knowledge files) is raised: no article could be analysed.
    """
    return _submit_documents(documents, _analyzer(nlp, analyzer), known, max_chars)()


def _analyzer(nlp: bool, analyzer: Analyzer | None) -> Analyzer | None:
    if analyzer is not None or not nlp:
        return analyzer
    from telex.analysis import analyze_articles

    return analyze_articles


def _submit_documents(
    documents: Sequence[RawDocument | Exception],
    analyzer: Analyzer | None,
    known: Callable[[Sequence[str]], set[str]] | None,
    max_chars: int | None = None,
) -> Callable[[], list[AnalysedDocument]]:
    """:func:`analyze_documents` in two steps: clean now and start the analysis; the returned
    function waits for it. With an analyzer that can ``submit`` work (worker processes), the
    analysis runs while the caller goes on reading."""
    from telex.clean import clean_document

    results: list[AnalysedDocument] = []
    for document in documents:
        if isinstance(document, Exception):
            results.append(AnalysedDocument(getattr(document, "source", ""), error=document))
            continue
        try:
            article = clean_document(document)
        except Exception as error:
            results.append(AnalysedDocument(document.source, error=error))
            continue
        if max_chars is not None and len(article.text) > max_chars:  # refused whole, never cut
            detail = f"{len(article.text):,} characters; the limit is {max_chars:,} (--max-chars)"
            results.append(AnalysedDocument(document.source, error=TextTooLong(article.source, detail)))
        else:
            results.append(AnalysedDocument(document.source, article=article))
    if analyzer is None:
        return lambda: results
    cleaned = [result.article for result in results if result.article is not None]
    skip = set(known([article.content_hash for article in cleaned])) if known and cleaned else set()
    fresh: list[int] = []  # positions of the articles the NLP runs on
    for index, result in enumerate(results):
        if result.article is not None and result.article.content_hash not in skip:
            skip.add(result.article.content_hash)
            fresh.append(index)
    if not fresh:
        return lambda: results
    articles = [results[index].article for index in fresh]
    submit = getattr(analyzer, "submit", None)
    if submit is not None:
        waiting = submit(articles)
    else:
        analyses = analyzer(articles)

        def waiting() -> list[Analysis | DocumentError]:
            return analyses

    def collect() -> list[AnalysedDocument]:
        for index, analysis in zip(fresh, waiting(), strict=True):
            if isinstance(analysis, Analysis):
                results[index].analysis = analysis
            else:  # the NLP failed on this article: reported, and the article is not stored
                results[index].error = analysis
        return results

    return collect


# --- the NLP a job runs ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Nlp:
    analyzer: Analyzer | None
    fingerprint: str  # stored with each analysis, so that reprocess finds the stale ones
    parallel: bool  # a batch is then split across the worker processes


@contextmanager
def _nlp(
    nlp: bool,
    processes: int,
    analyzer: Analyzer | None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    max_chars: int = DEFAULT_MAX_CHARS,
    nlp_workers: AnalysisWorkers | None = None,
) -> Iterator[_Nlp]:
    """The analyzer a job runs, and its fingerprint. A caller's own ``analyzer`` has no fingerprint.

    telex's NLP runs in supervised worker processes (:class:`telex.workers.AnalysisWorkers`):
    each document under its time budget, a crash or a hang costing that document only. They are
    shut down when the job ends, finished, failed or interrupted. Without a time budget
    (``doc_timeout`` None or 0) and with one process, the NLP runs in this process instead: the
    fastest for trusted input, but a hang or a native crash then stops the job. ``nlp_workers`` are
    such processes the caller started and closes (kept across jobs, their model loads once).
    """
    if analyzer is not None or not nlp:
        yield _Nlp(analyzer, "", False)
        return
    from telex.knowledge import pipeline_fingerprint
    from telex.nlp.model import missing_models_mark

    fingerprint = pipeline_fingerprint() + missing_models_mark()
    if nlp_workers is not None:
        yield _Nlp(nlp_workers, fingerprint, True)
        return
    if processes <= 1 and not doc_timeout:
        from telex.analysis import analyze_articles

        yield _Nlp(partial(analyze_articles, max_chars=max_chars), fingerprint, False)
        return
    from telex.workers import AnalysisWorkers

    with AnalysisWorkers(processes, doc_timeout=doc_timeout, options={"max_chars": max_chars}) as workers:
        yield _Nlp(workers, fingerprint, True)


# --- ingest ---------------------------------------------------------------------------------


class _Batch:
    """Documents waiting to be cleaned, analysed and stored together.

    With worker processes, a batch's analysis runs while the next batch is read, and its results
    are stored when the next batch is ready; batches are still stored one at a time, in order,
    each in its own transaction.
    """

    def __init__(
        self,
        store: Store,
        nlp: _Nlp,
        report: IngestReport,
        max_chars: int | None = None,
        on_stored: Callable[[IngestReport], None] | None = None,
    ) -> None:
        self.store = store
        self.nlp = nlp
        self.report = report
        self.max_chars = max_chars
        self.on_stored = on_stored
        self.documents: list[RawDocument | Exception] = []
        self.size = 0  # documents read, not counting the errors kept in line with them
        self.pending: Callable[[], list[AnalysedDocument]] | None = None

    def add(self, item: RawDocument | Exception) -> None:
        self.documents.append(item)
        if not isinstance(item, Exception):
            self.size += 1

    def flush(self, final: bool = False) -> None:
        if self.documents:
            documents, self.documents, self.size = self.documents, [], 0
            waiting = _submit_documents(documents, self.nlp.analyzer, self.store.known_hashes, self.max_chars)
            self._store_pending()
            self.pending = waiting
            if not self.nlp.parallel:
                self._store_pending()
        if final:
            self._store_pending()

    def _store_pending(self) -> None:
        if self.pending is not None:
            waiting, self.pending = self.pending, None
            self._store(waiting())

    def _store(self, results: list[AnalysedDocument]) -> None:
        _store_results(self.store, results, self.nlp.fingerprint, self.report)
        if self.on_stored is not None:
            self.on_stored(self.report)


def _report_errors(results: list[AnalysedDocument], report: IngestReport) -> set[str]:
    """Report each document's error; returns the texts the NLP failed on (not stored, so that a
    re-run retries them)."""
    failed: set[str] = set()
    for result in results:
        if isinstance(result.error, Skipped):
            report.skipped.append(_failure(result.error, result.source))
        elif result.error is not None:
            report.failed.append(_failure(result.error, result.source))
            if result.article is not None:
                failed.add(result.article.content_hash)
    return failed


def _report_notes(article: Article, analysis: Analysis | None, report: IngestReport) -> None:
    """Gather how an article was read (a language without its model...) for the summary."""
    for note in analysis.notes if analysis is not None else ():
        report.notes.setdefault(note, []).append(article.source)


def _store_results(
    store: Store, results: list[AnalysedDocument], fingerprint: str, report: IngestReport, unit: str | None = None
) -> None:
    """Store one batch's articles in one transaction, one savepoint each: a document the store
    refuses is reported and the rest are stored. ``unit`` is the unit of work the batch completes,
    recorded in the same transaction unless an article of it failed in the NLP or the store: a
    re-run then does that unit again, retrying those articles (the others are found stored)."""
    failed = _report_errors(results, report)
    items = [
        (result.article, result.analysis)
        for result in results
        if result.article is not None and result.article.content_hash not in failed
    ]
    stored_items = store.add_each(items, pipeline=fingerprint, unit=None if failed else unit)
    for (article, analysis), stored in zip(items, stored_items, strict=True):
        if isinstance(stored, DocumentError):
            report.failed.append(_failure(stored, stored.source))
            continue
        (report.added if stored.status == "added" else report.present).append(stored.article_id)
        _report_notes(article, analysis, report)


def ingest(
    paths: Iterable[str | Path],
    store: Store | None,
    *,
    nlp: bool = True,
    processes: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    files: Sequence[Path | SkippedLink] | None = None,
    on_file_done: Callable[[Path], None] | None = None,
    on_progress: Callable[[Path, float], None] | None = None,
    analyzer: Analyzer | None = None,
    follow_links: bool = False,
    on_stored: Callable[[IngestReport], None] | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    max_chars: int = DEFAULT_MAX_CHARS,
    workers: Workers | None = None,
    out_parquet: str | Path | None = None,
    nlp_workers: AnalysisWorkers | None = None,
) -> IngestReport:
    """Ingest every file under ``paths`` into ``store``; returns what was added, found, failed
    and skipped.

    ``nlp`` runs telex's NLP on new articles, each document under a budget of ``doc_timeout``
    seconds in a supervised worker process (see :func:`_nlp`; None or 0: no budget, and in this
    process when ``processes`` is 1). A clean text over ``max_chars`` characters fails whole.
    With ``processes`` above one, that many worker processes each read, clean and analyse units
    of ``batch_size`` documents (a big WARC or JSONL file is cut into ranges of records), each
    with its NLP supervised the same way, and this process only stores, one unit per
    transaction, in input order. ``workers`` runs the units on a pool the caller started instead
    (:class:`telex.unit_workers.LocalWorkers`, :class:`telex.cluster.RayWorkers`; their own
    :class:`~telex.unit_workers.WorkerOptions` set the budget and the cap). ``out_parquet``
    makes the workers write the records to a Parquet dataset in that folder instead of sending
    them here (``store`` is then not used and may be None; see :mod:`telex.export.dataset`).
    ``nlp_workers`` runs a one-process ingest's NLP on supervised processes the caller started
    (:class:`telex.workers.AnalysisWorkers`, with the budget and the cap it was given) and keeps
    open: several jobs in a row then load the model once.

    ``analyzer`` replaces telex's NLP with the caller's (one process). ``files`` may be given
    when the caller already listed them with :func:`iter_input_files` (to size a progress bar);
    ``follow_links`` reads symbolic links that lead out of an input folder. ``on_file_done(path)``
    is called when a file is read; ``on_progress(path, share)`` too, and also when a range that is
    ``share`` of the file is. ``on_stored(report)`` is called after each batch (or unit) is
    stored, with the report so far (a server shows it as the progress of a background job).
    A KeyboardInterrupt rolls back only the batch in flight; everything before it is stored.
    """
    from telex.ingest import iter_input_files, read_documents

    if files is None:  # a missing path fails first
        files = list(iter_input_files(paths, follow_links=follow_links))
    if workers is not None or out_parquet is not None or (processes > 1 and analyzer is None and nlp):
        return _ingest_units(
            files,
            store,
            nlp=nlp,
            processes=processes,
            batch_size=batch_size,
            max_bytes=max_bytes,
            workers=workers,
            out_parquet=Path(out_parquet) if out_parquet is not None else None,
            on_file_done=on_file_done,
            on_progress=on_progress,
            on_stored=on_stored,
            doc_timeout=doc_timeout,
            max_chars=max_chars,
        )
    if store is None:
        raise ValueError("ingest needs a store unless it writes a Parquet dataset")
    if on_progress is not None:
        on_file_done = _with_progress(on_file_done, on_progress)
    with _nlp(nlp, processes, analyzer, doc_timeout, max_chars, nlp_workers) as stage:
        report = IngestReport(pipeline=stage.fingerprint)
        batch = _Batch(store, stage, report, max_chars, on_stored)
        limit = batch_size * processes if stage.parallel else batch_size
        for path in files:
            if isinstance(path, SkippedLink):
                report.skipped.append(_failure(path, path.source))
                if on_file_done is not None:
                    on_file_done(path.path)
                continue
            for item in read_documents(path, max_bytes=max_bytes):
                if isinstance(item, Exception) and not getattr(item, "source", ""):
                    item.source = source_name(path)  # type: ignore[attr-defined]
                batch.add(item)
                if batch.size >= limit:
                    batch.flush()
            report.files += 1
            if on_file_done is not None:
                on_file_done(path)
        batch.flush(final=True)
    return report


def _ingest_units(
    files: Sequence[Path | SkippedLink],
    store: Store | None,
    *,
    nlp: bool,
    processes: int,
    batch_size: int,
    max_bytes: int,
    workers: Workers | None,
    out_parquet: Path | None,
    on_file_done: Callable[[Path], None] | None,
    on_progress: Callable[[Path, float], None] | None,
    on_stored: Callable[[IngestReport], None] | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> IngestReport:
    """:func:`ingest` on workers that read, clean and analyse units; this process stores them.

    Units already completed by an earlier run of the same job (same files, unchanged) are skipped:
    the store (or the dataset) records each unit in the transaction that stores it. A unit in
    which the NLP or the store failed on an article is not recorded in the store, so that a re-run
    retries that article (in a dataset, a unit is complete once its files are written). Local
    worker processes also skip the NLP of texts the store already holds, as a one-process ingest
    does.
    """
    from contextlib import nullcontext

    from telex.ingest.units import plan_units, unit_size
    from telex.unit_workers import InProcessWorker, LocalWorkers, WorkerOptions, ordered

    if out_parquet is None and store is None:
        raise ValueError("ingest needs a store unless it writes a Parquet dataset")
    options = WorkerOptions(
        nlp=nlp,
        max_bytes=max_bytes,
        store_path=str(store.path) if store is not None and out_parquet is None else None,
        out_parquet=str(out_parquet) if out_parquet is not None else None,
        doc_timeout=doc_timeout,
        max_chars=max_chars,
    )
    if workers is not None:
        context = nullcontext(workers)
    elif processes > 1:
        context = LocalWorkers(processes, options)
    else:
        context = InProcessWorker(options)
    report = IngestReport()
    with context as pool:
        units = plan_units(files, unit_size(files, batch_size), planner=pool.plan_files)
        todo = []
        for unit in units:
            if isinstance(unit, SkippedLink):
                report.skipped.append(_failure(unit, unit.source))
                _progressed(unit.path, 1.0, True, on_file_done, on_progress)
            else:
                todo.append(unit)
        if out_parquet is not None:
            from telex.export.dataset import done_units, mark_done

            done = done_units(out_parquet)
        else:
            done = store.done_units([unit.key for unit in todo])
        for unit in todo:
            if unit.key in done:
                report.units_skipped += 1
                for part in unit.parts:
                    report.files += part.last
                    _progressed(Path(part.path), part.share, part.last, on_file_done, on_progress)
        todo = [unit for unit in todo if unit.key not in done]
        for result in ordered(pool.submit, todo, pool.window):
            report.pipeline = report.pipeline or result.fingerprint
            report.worker_cpu_seconds += result.cpu_seconds
            if out_parquet is not None:
                failed = _report_errors(result.documents, report)
                report.added.extend(result.written)
                for document in result.documents:
                    if document.article is not None and document.article.content_hash not in failed:
                        _report_notes(document.article, document.analysis, report)
                mark_done(out_parquet, result.key, result.fingerprint)
            else:
                _store_results(store, result.documents, result.fingerprint, report, unit=result.key)
            if on_stored is not None:
                on_stored(report)
            for part in result.parts:
                report.files += part.last
                _progressed(Path(part.path), part.share, part.last, on_file_done, on_progress)
    return report


def _with_progress(
    on_file_done: Callable[[Path], None] | None, on_progress: Callable[[Path, float], None]
) -> Callable[[Path], None]:
    def done(path: Path) -> None:
        on_progress(path, 1.0)
        if on_file_done is not None:
            on_file_done(path)

    return done


def _progressed(
    path: Path,
    share: float,
    last: bool,
    on_file_done: Callable[[Path], None] | None,
    on_progress: Callable[[Path, float], None] | None,
) -> None:
    if on_progress is not None:
        on_progress(path, share)
    if last and on_file_done is not None:
        on_file_done(path)


def import_dataset(
    folder: str | Path, store: Store, *, on_progress: Callable[[int, int], None] | None = None
) -> IngestReport:
    """Load a Parquet dataset written by ``ingest(..., out_parquet=...)`` into ``store``.

    Units go in in job order, one transaction each, so the store is the one a direct ingest of
    the same files would have made; an article already stored is found by its text's hash and only
    gains the sources, so importing twice (or after an interruption) duplicates nothing. Analyses
    keep the fingerprint of nothing (""): ``telex reprocess`` re-runs them with this machine's NLP.
    """
    from telex.export.dataset import dataset_units, read_unit_records, unit_fingerprint

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(str(folder))
    report = IngestReport()
    units = dataset_units(folder)
    report.pipeline = unit_fingerprint(folder, units[0][1]) if units else ""
    done = store.done_units([f"import:{key}" for _index, key, _files in units])
    if on_progress is not None:
        on_progress(0, len(units))
    for number, (_index, key, files) in enumerate(units, 1):
        if f"import:{key}" in done:
            report.units_skipped += 1
        else:
            items: list[tuple[Article, Analysis | None]] = []
            for article, analysis, sources in read_unit_records(files):
                items.append((article, analysis))
                items.extend((replace(article, source=source), None) for source in sources if source != article.source)
            fingerprint = unit_fingerprint(folder, key)
            for stored in store.add(items, pipeline=fingerprint, unit=f"import:{key}"):
                (report.added if stored.status == "added" else report.present).append(stored.article_id)
        if on_progress is not None:
            on_progress(number, len(units))
    return report


def reprocess(
    store: Store,
    *,
    everything: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
    analyzer: Analyzer | None = None,
    processes: int = 1,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> IngestReport:
    """Re-run the NLP on stored articles: those analysed by another version of the pipeline (or
    never analysed), or all of them. Each batch's new results replace the old in one transaction.

    The NLP runs as in :func:`ingest` (worker processes, ``doc_timeout``, ``max_chars``): an
    article it fails on keeps its previous analysis and is reported. ``on_progress(done, total)``
    is called before the first batch and after each one. ``analyzer`` replaces telex's NLP.
    """
    with _nlp(True, processes, analyzer, doc_timeout, max_chars) as stage:
        report = IngestReport(pipeline=stage.fingerprint)
        ids = store.article_ids() if everything else store.stale_article_ids(stage.fingerprint)
        if on_progress is not None:
            on_progress(0, len(ids))
        size = batch_size * processes if stage.parallel else batch_size
        for start in range(0, len(ids), size):
            articles = [store.get(article_id).article for article_id in ids[start : start + size]]
            replaced = []
            for article, analysis in zip(articles, stage.analyzer(articles), strict=True):
                if isinstance(analysis, DocumentError):
                    report.failed.append(_failure(analysis, article.source))
                else:
                    replaced.append((article.id, analysis))
                    report.added.append(article.id)
                    for note in analysis.notes:
                        report.notes.setdefault(note, []).append(article.source)
            store.replace_analyses(replaced, stage.fingerprint)
            if on_progress is not None:
                on_progress(start + len(articles), len(ids))
    return report
