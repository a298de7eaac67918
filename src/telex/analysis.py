"""Run the NLP stages over clean articles and return plain records.

The models read a normalised copy of each article (see :mod:`telex.clean.normalize`); every
span they produce is mapped back to the stored text here, so that no caller ever deals with
normalised offsets. Articles go through ``nlp.pipe`` in batches, grouped by language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from spacy.tokens import Doc

from telex.clean import OffsetMap, normalize_for_nlp
from telex.errors import DocumentError
from telex.events.coding import event_records
from telex.nlp.blocks import set_sentence_starts
from telex.nlp.model import load_pipeline, pipeline_note, supported_language, unsupported_note
from telex.records import Analysis, Article, Mention, Quote

PIPE_BATCH_SIZE = 32


class AnalysisFailed(DocumentError):
    reason = "NLP analysis failed"


def article_date(article: Article) -> date | None:
    """The date roles and codes are resolved on: the publication date when known."""
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _records_from_doc(doc: Doc, article: Article, offsets: OffsetMap) -> Analysis:
    def span(start: int, end: int) -> tuple[int, int, str]:
        source_start, source_end = offsets.source_span(start, end)
        return source_start, source_end, article.text[source_start:source_end]

    def optional_span(start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None or end is None:
            return None, None
        return offsets.source_span(start, end)

    mentions = []
    for mention in doc._.telex_mentions or ():
        start, end, text = span(mention.start, mention.end)
        mentions.append(Mention(start, end, text, mention.actor, mention.rule))
    actors = sorted((doc._.telex_actors or {}).values(), key=lambda a: a.id)

    found_quotes = list(doc._.get("telex_quotes") or ())
    quotes = []
    for found in found_quotes:
        start, end, text = span(found.start, found.end)
        cue_start, cue_end = optional_span(found.cue_start, found.cue_end)
        speaker_start, speaker_end = optional_span(found.speaker_start, found.speaker_end)
        cue = article.text[cue_start:cue_end] if cue_start is not None else None
        quotes.append(
            Quote(start, end, text, found.kind, found.speaker, cue, cue_start, cue_end, speaker_start, speaker_end)
        )

    events = event_records(doc._.get("telex_events") or (), found_quotes, span)
    return Analysis(actors=actors, mentions=mentions, quotes=quotes, events=events)


def _prepared_doc(nlp, article: Article) -> tuple[Doc, OffsetMap]:
    """A fresh Doc of the article's normalised text, dated, with its blocks (sentences never cross
    one), and the map back to the article's text."""
    normalized, offsets = normalize_for_nlp(article.text)
    doc = nlp.make_doc(normalized)
    doc._.telex_date = article_date(article)
    doc._.telex_blocks = (
        tuple(
            (offsets.target_start(block.start), offsets.target_start(block.end), block.kind) for block in article.blocks
        )
        or None
    )
    set_sentence_starts(doc)
    return doc, offsets


def analyze_articles(articles: Sequence[Article]) -> list[Analysis | DocumentError]:
    """One :class:`Analysis` per article, in order; an article the NLP fails on gets an error
    instead, so the rest of the batch is still analysed and stored."""
    results: list[Analysis | DocumentError | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        language = supported_language(article.language)
        if language is None:  # stored with its metadata; never read by another language's model
            results[index] = Analysis(notes=[unsupported_note(article.language or "")])
            continue
        by_language.setdefault(language, []).append(index)
    for language, indices in by_language.items():
        nlp = load_pipeline(language)
        note = pipeline_note(nlp)
        prepared = [(index, *_prepared_doc(nlp, articles[index])) for index in indices]
        try:
            docs: list[Doc | DocumentError] = list(
                nlp.pipe((doc for _i, doc, _o in prepared), batch_size=PIPE_BATCH_SIZE)
            )
        except Exception:
            # a Doc that went through part of the pipeline must not be run again: start afresh
            prepared = [(index, *_prepared_doc(nlp, articles[index])) for index in indices]
            docs = []
            for index, doc, _offsets in prepared:
                try:
                    docs.append(nlp(doc))
                except Exception as error:
                    docs.append(AnalysisFailed(articles[index].source, f"{type(error).__name__}: {error}"))
        for (index, _doc, offsets), doc in zip(prepared, docs, strict=True):
            if isinstance(doc, DocumentError):
                results[index] = doc
                continue
            try:
                results[index] = _records_from_doc(doc, articles[index], offsets)
                if note:
                    results[index].notes.append(note)
            except Exception as error:
                results[index] = AnalysisFailed(articles[index].source, f"{type(error).__name__}: {error}")
    return results  # type: ignore[return-value]


class ParallelAnalyzer:
    """Analyse each batch across worker processes, each loading the NLP pipeline once.

    Workers are started with ``spawn`` (forking a process that runs a progress-bar thread can
    deadlock) and only return plain records, so storage stays in the calling process and an
    interrupted run keeps the same guarantees as a single-process one.
    """

    def __init__(self, processes: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.processes = processes
        self.executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))

    def __call__(self, articles: Sequence[Article]) -> list[Analysis | DocumentError]:
        return self.submit(articles)()

    def submit(self, articles: Sequence[Article]) -> Callable[[], list[Analysis | DocumentError]]:
        """Start analysing ``articles``; the returned function waits for and returns the results."""
        size = max(1, -(-len(articles) // self.processes))  # ceiling: one chunk per worker
        futures = [
            self.executor.submit(analyze_articles, list(articles[start : start + size]))
            for start in range(0, len(articles), size)
        ]

        def results() -> list[Analysis | DocumentError]:
            return [analysis for future in futures for analysis in future.result()]

        return results

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ParallelAnalyzer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
