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
from telex.errors import DocumentError
from telex.nlp.model import load_pipeline, supported_language
from telex.records import Analysis, Article, Mention

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

    mentions = []
    for mention in doc._.telex_mentions or ():
        start, end, text = span(mention.start, mention.end)
        mentions.append(Mention(start, end, text, mention.actor, mention.rule))
    actors = sorted((doc._.telex_actors or {}).values(), key=lambda a: a.id)
    return Analysis(actors=actors, mentions=mentions)


def analyze_articles(articles: Sequence[Article]) -> list[Analysis | DocumentError]:
    """One :class:`Analysis` per article, in order; an article the NLP fails on gets an error
    instead, so the rest of the batch is still analysed and stored."""
    results: list[Analysis | DocumentError | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_language.setdefault(supported_language(article.language), []).append(index)
    for language, indices in by_language.items():
        nlp = load_pipeline(language)
        prepared = []
        for index in indices:
            normalized, offsets = normalize_for_nlp(articles[index].text)
            doc = nlp.make_doc(normalized)
            doc._.telex_date = article_date(articles[index])
            prepared.append((index, doc, offsets))
        try:
            docs = list(nlp.pipe((doc for _i, doc, _o in prepared), batch_size=PIPE_BATCH_SIZE))
        except Exception:
            docs = []
            for index, doc, _offsets in prepared:
                try:
                    docs.append(nlp(doc))
                except Exception as error:
                    docs.append(AnalysisFailed(articles[index].source, f"{type(error).__name__}: {error}"))
        for (index, _doc, offsets), doc in zip(prepared, docs, strict=True):
            results[index] = doc if isinstance(doc, DocumentError) else _records_from_doc(doc, articles[index], offsets)
    return results  # type: ignore[return-value]
