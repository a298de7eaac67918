"""The ingest job: files → raw documents → clean articles → analysis → store, in batches.

Bad documents are reported with their source and reason and the job goes on. Each batch is
stored in one transaction, and documents already in the store are recognised by their content
hash before any NLP runs, so an interrupted job re-run with the same arguments finishes the
work without duplicating or losing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from telex.clean import clean_document
from telex.errors import DocumentError, Skipped, SkippedLink
from telex.ingest import DEFAULT_MAX_BYTES, iter_input_files, read_documents, source_name
from telex.records import Analysis, Article
from telex.store import Store

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

    @property
    def ok(self) -> bool:
        return not self.failed


def _failure(error: Exception, source: str) -> Failure:
    if isinstance(error, DocumentError):
        return Failure(error.source, error.reason, error.detail)
    # a defect of ours on odd input must not stop the batch: report it as such
    return Failure(source, "unexpected error while processing", f"{type(error).__name__}: {error}")


class _Batch:
    """Articles waiting to be analysed and stored together.

    With an analyzer that can ``submit`` work (worker processes), a batch's analysis runs while
    the next batch is read and cleaned, and its results are stored when the next batch is
    ready; batches are still stored one at a time, in order, each in its own transaction.
    """

    def __init__(self, store: Store, analyzer: Analyzer | None, report: IngestReport, pipeline: str) -> None:
        self.store = store
        self.analyzer = analyzer
        self.pipeline = pipeline
        self.report = report
        self.articles: list[Article] = []
        self.pending: tuple[list[Article], list[Article], Callable[[], list]] | None = None

    def add(self, article: Article) -> None:
        self.articles.append(article)

    def flush(self, final: bool = False) -> None:
        if self.articles:
            articles, self.articles = self.articles, []
            fresh = self._fresh(articles)
            if self.analyzer is None or not fresh:
                self._store_pending()
                self._store(articles, fresh, [])
            elif hasattr(self.analyzer, "submit"):
                waiting = self.analyzer.submit(fresh)
                self._store_pending()
                self.pending = (articles, fresh, waiting)
            else:
                self._store(articles, fresh, self.analyzer(fresh))
        if final:
            self._store_pending()

    def _fresh(self, articles: list[Article]) -> list[Article]:
        """The articles not stored yet, each text once: the NLP runs only on these."""
        known = self.store.known_hashes([a.content_hash for a in articles])
        seen: set[str] = set()
        fresh = []
        for article in articles:
            if article.content_hash not in known and article.content_hash not in seen:
                fresh.append(article)
            seen.add(article.content_hash)
        return fresh

    def _store_pending(self) -> None:
        if self.pending is not None:
            articles, fresh, waiting = self.pending
            self.pending = None
            self._store(articles, fresh, waiting())

    def _store(self, articles: list[Article], fresh: list[Article], results: Sequence) -> None:
        analyses: dict[str, Analysis] = {}
        for article, analysis in zip(fresh, results, strict=True) if results else ():
            if isinstance(analysis, DocumentError):  # reported; not stored, so a re-run retries it
                self.report.failed.append(_failure(analysis, article.source))
                articles = [a for a in articles if a.content_hash != article.content_hash]
            else:
                analyses[article.id] = analysis
        results_stored = self.store.add([(a, analyses.get(a.id)) for a in articles], pipeline=self.pipeline)
        for result in results_stored:
            (self.report.added if result.status == "added" else self.report.present).append(result.article_id)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    analyzer: Analyzer | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    files: Sequence[Path | SkippedLink] | None = None,
    on_file_done: Callable[[Path], None] | None = None,
    pipeline: str = "",
    follow_links: bool = False,
) -> IngestReport:
    """Ingest every file under ``paths`` into ``store``; returns what was added, found, failed
    and skipped.

    ``files`` may be given when the caller already listed them with :func:`iter_input_files` (to
    size a progress bar); ``pipeline`` identifies the analyzer's version, stored with each analysis;
    ``follow_links`` reads symbolic links that lead out of an input folder.
    A KeyboardInterrupt rolls back only the batch in flight; everything before it is stored.
    """
    report = IngestReport()
    batch = _Batch(store, analyzer, report, pipeline)
    for path in files if files is not None else list(iter_input_files(paths, follow_links=follow_links)):
        if isinstance(path, SkippedLink):
            report.skipped.append(_failure(path, path.source))
            if on_file_done is not None:
                on_file_done(path.path)
            continue
        for item in read_documents(path, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                report.skipped.append(_failure(item, item.source))
                continue
            if isinstance(item, DocumentError):
                report.failed.append(_failure(item, source_name(path)))
                continue
            try:
                batch.add(clean_document(item))
            except Exception as error:
                report.failed.append(_failure(error, item.source))
                continue
            if len(batch.articles) >= batch_size:
                batch.flush()
        report.files += 1
        if on_file_done is not None:
            on_file_done(path)
    batch.flush(final=True)
    return report


def reprocess(
    store: Store,
    analyzer: Analyzer,
    pipeline: str,
    *,
    everything: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch_done: Callable[[int], None] | None = None,
) -> IngestReport:
    """Re-run the NLP stages on stored articles: those analysed by another ``pipeline`` (or
    never), or all of them. Each batch's new results replace the old in one transaction."""
    report = IngestReport()
    ids = store.article_ids() if everything else store.stale_article_ids(pipeline)
    for start in range(0, len(ids), batch_size):
        articles = [store.get(article_id).article for article_id in ids[start : start + batch_size]]
        replaced = []
        for article, analysis in zip(articles, analyzer(articles), strict=True):
            if isinstance(analysis, DocumentError):
                report.failed.append(_failure(analysis, article.source))
            else:
                replaced.append((article.id, analysis))
                report.added.append(article.id)
        store.replace_analyses(replaced, pipeline)
        if on_batch_done is not None:
            on_batch_done(len(articles))
    return report
