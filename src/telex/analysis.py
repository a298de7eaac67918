"""Run the NLP stages over clean articles and return plain records.

The models read a normalised copy of each article (see :mod:`telex.clean.normalize`); every
span they produce is mapped back to the stored text here, so that no caller ever deals with
normalised offsets. Articles go through ``nlp.pipe`` in batches, grouped by language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from telex.clean import OffsetMap, normalize_for_nlp
from telex.errors import AnalysisFailed, DocumentError, TextTooLong
from telex.events.codebook import load_codebook
from telex.events.coding import event_records
from telex.limits import DEFAULT_MAX_CHARS
from telex.nlp.blocks import set_sentence_starts
from telex.nlp.longtext import BLOCK_CHARS, needs_blocks, run_model, tokenize
from telex.nlp.model import TELEX_COMPONENTS, load_pipeline, pipeline_note, supported_language, unsupported_note
from telex.records import Analysis, Article, Mention, Quote

PIPE_BATCH_SIZE = 32


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
    one), and the map back to the article's text. Tokenised whatever its length or content
    (:func:`telex.nlp.longtext.tokenize`): runs of symbols cost linear time, and no text is refused."""
    normalized, offsets = normalize_for_nlp(article.text)
    doc = tokenize(nlp, normalized)
    _set_doc_attributes(doc, article, offsets)
    set_sentence_starts(doc)
    return doc, offsets


def _set_doc_attributes(doc: Doc, article: Article, offsets: OffsetMap) -> None:
    doc._.telex_date = article_date(article)
    doc._.telex_blocks = (
        tuple(
            (offsets.target_start(block.start), offsets.target_start(block.end), block.kind) for block in article.blocks
        )
        or None
    )


def _analysed_in_blocks(nlp, doc: Doc, article: Article, offsets: OffsetMap) -> Doc:
    """A doc over :data:`BLOCK_CHARS`: the model runs block by block (flat memory, no length
    limit), telex's components on the joined doc, across the whole text."""
    own = [name for name in nlp.pipe_names if name in TELEX_COMPONENTS]
    joined = run_model(nlp, doc, [name for name in nlp.pipe_names if name not in own], BLOCK_CHARS)
    _set_doc_attributes(joined, article, offsets)
    for name in own:
        joined = nlp.get_pipe(name)(joined)
    return joined


def analyze_articles(
    articles: Sequence[Article], *, max_chars: int = DEFAULT_MAX_CHARS
) -> list[Analysis | DocumentError]:
    """One :class:`Analysis` per article, in order; an article the NLP fails on gets an error
    instead, so the rest of the batch is still analysed and stored.

    A text over ``max_chars`` characters is refused (:class:`TextTooLong`); one over
    :data:`BLOCK_CHARS` is analysed in blocks (:func:`_analysed_in_blocks`), whatever its length
    below that cap: time grows in proportion to the text, memory stays flat.
    """
    results: list[Analysis | DocumentError | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if len(article.text) > max_chars:  # refused whole, whatever its language
            results[index] = TextTooLong(article.source, _too_long_detail(len(article.text), max_chars))
            continue
        language = supported_language(article.language)
        if language is None:  # stored with its metadata; never read by another language's model
            results[index] = Analysis(notes=[unsupported_note(article.language or "")])
            continue
        by_language.setdefault(language, []).append(index)
    for language, indices in by_language.items():
        nlp = load_pipeline(language)
        note = pipeline_note(nlp)
        prepared = [(index, *_prepared_doc(nlp, articles[index])) for index in indices]
        long = {index for index, doc, _offsets in prepared if needs_blocks(doc, BLOCK_CHARS)}
        short = [(index, doc, offsets) for index, doc, offsets in prepared if index not in long]
        try:
            docs: list[Doc | DocumentError] = list(nlp.pipe((doc for _i, doc, _o in short), batch_size=PIPE_BATCH_SIZE))
        except Exception:
            # a Doc that went through part of the pipeline must not be run again: start afresh
            short = [(index, *_prepared_doc(nlp, articles[index])) for index, _doc, _offsets in short]
            docs = []
            for index, doc, _offsets in short:
                try:
                    docs.append(nlp(doc))
                except Exception as error:
                    docs.append(AnalysisFailed(articles[index].source, f"{type(error).__name__}: {error}"))
        done = dict(zip((index for index, _doc, _offsets in short), docs, strict=True))
        for index, doc, offsets in prepared:
            if index in long:
                try:
                    done[index] = _analysed_in_blocks(nlp, doc, articles[index], offsets)
                except Exception as error:
                    done[index] = AnalysisFailed(articles[index].source, f"{type(error).__name__}: {error}")
        for index, _doc, offsets in prepared:
            doc = done[index]
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


def _too_long_detail(length: int, max_chars: int) -> str:
    return f"{length:,} characters; the limit is {max_chars:,} (--max-chars)"


def warm_up(languages: Sequence[str] = ("fr",)) -> None:
    """Load what a first analysis would (the pipelines, the code tables): a worker process calls it
    when it starts, so that loading is not charged to its first document's time budget."""
    for language in languages:
        load_pipeline(language)
    load_codebook()
