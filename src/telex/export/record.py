"""The article record of the export contract (docs/record-format.md), built from records.

Built here, from plain records, so that anything holding an :class:`Article` and its
:class:`Analysis` (the store, ``telex eval``, a notebook) writes the same record. The contract's
fields come first, in the documented order; every other field of a record follows, in the
order of the dataclass, so a field added to a record reaches the exports without touching this
module and never moves a contract field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from telex.records import Actor, Analysis, Article, Event, Mention, Quote, StoredArticle

Record = dict[str, Any]

# The contract's fields, in its order: these names and positions are what downstream tools rely on.
CONTRACT_FIELDS: dict[type, tuple[str, ...]] = {
    Article: ("id", "url", "site", "title", "authors", "published", "language", "text"),
    Actor: ("id", "name", "type", "country", "code"),
    Mention: ("start", "end", "text", "actor"),
    Quote: ("start", "end", "text", "speaker", "cue", "kind"),
    Event: (
        "start",
        "end",
        "trigger",
        "source",
        "target",
        "cameo",
        "plover",
        "quad_class",
        "goldstein",
        "date",
        "date_source",
        "status",
        "location",
    ),
}
LAYERS = ("actors", "mentions", "quotes", "events")
# After the layers, telex's article fields, with what the store adds placed beside the source.
ARTICLE_EXTRAS = (
    "content_hash",
    "published_from",
    "source",
    "sources",
    "kind",
    "version",
    "previous_id",
    "ingested_at",
    "raw_text",
    "raw_offsets",
)
STORED_FIELDS = ("sources", "version", "previous_id", "ingested_at")


@cache
def _field_order(record_type: type) -> tuple[str, ...]:
    contract = CONTRACT_FIELDS[record_type]
    return (*contract, *(f.name for f in fields(record_type) if f.name not in contract))


def _plain(value: Any) -> Any:
    """JSON-ready: tuples become lists, nested records (authors, a location) become objects."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _layer_record(item: Actor | Mention | Quote | Event) -> Record:
    return {name: _plain(getattr(item, name)) for name in _field_order(type(item))}


def article_record(article: Article, analysis: Analysis, stored: StoredArticle | None = None) -> Record:
    """One article as the export contract describes it; extra fields come after the contract's.

    ``stored`` adds what only the store knows (version, every source, ingestion time); without
    it the record describes an article as if stored once, now: version 1, no sources listed.
    """
    record: Record = {name: _plain(getattr(article, name)) for name in CONTRACT_FIELDS[Article]}
    for layer in LAYERS:
        record[layer] = [_layer_record(item) for item in getattr(analysis, layer)]
    storage = {
        "sources": list(stored.sources) if stored else [],
        "version": stored.version if stored else 1,
        "previous_id": stored.previous_id if stored else None,
        "ingested_at": stored.ingested_at if stored else "",
    }
    for name in ARTICLE_EXTRAS:
        record[name] = storage[name] if name in STORED_FIELDS else _plain(getattr(article, name))
    for name in _field_order(Article):  # fields added to Article since: after everything else
        if name not in record:
            record[name] = _plain(getattr(article, name))
    record["notes"] = list(analysis.notes)  # how the article was read: a language without its model...
    return record


def article_records(items: Iterable[tuple[StoredArticle, Analysis]]) -> Iterator[Record]:
    """The record of each stored article, lazily (``Store.articles_with_analyses()`` gives the pairs)."""
    for stored, analysis in items:
        yield article_record(stored.article, analysis, stored)
