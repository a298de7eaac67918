"""The plain records that flow between pipeline stages.

Stages exchange these dataclasses, never spaCy objects, so that storage, export and any
future API can be used without importing spaCy. Every span is a pair of character offsets
(Python ``str`` indices, end exclusive) into :attr:`Article.text`, the clean text users see.
See ``docs/record-format.md`` for the exported form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Publication years telex believes: a declared date outside them is a producer's bug (year 0,
# 10000, an epoch in milliseconds), reported as bad metadata rather than stored.
EARLIEST_PUBLISHED_YEAR = 1000
LATEST_PUBLISHED_YEAR = 2999


@dataclass(frozen=True, slots=True)
class Author:
    """A person credited with the article, as the page presents them."""

    name: str
    role: str | None = None


@dataclass(slots=True)
class RawDocument:
    """One document as an input reader found it, before any cleaning.

    Exactly one of ``text`` or ``html`` is set. Metadata fields hold what the container
    itself declared (JSONL fields, feed entry, WARC headers); cleaning may add to them.
    """

    source: str  # path, plus a locator inside containers: "feed.xml#entry=3", "a.jsonl:12"
    kind: str  # text | html | jsonl | warc | feed
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    site: str | None = None
    authors: tuple[Author, ...] = ()
    published: str | None = None  # ISO 8601 date or datetime, as declared by the container


BLOCK_KINDS = ("title", "standfirst", "heading", "paragraph")


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the article as the page laid it out: its title, standfirst (the lead the page
    sets apart), section headings and paragraphs. Offsets into :attr:`Article.text`; blocks are
    separated there by a blank line."""

    start: int
    end: int
    kind: str  # title | standfirst | heading | paragraph


@dataclass(slots=True)
class Article:
    """A clean article with its metadata: what the store keeps and users read."""

    id: str  # derived from the content hash of ``text``
    content_hash: str
    text: str
    source: str
    kind: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    authors: tuple[Author, ...] = ()
    published: str | None = None
    published_from: str | None = None  # metadata | html | url | text: where the date was found
    language: str | None = None
    raw_text: str | None = None  # the text before boilerplate removal, for audit
    # (article_start, raw_start, length) runs mapping ``text`` back to ``raw_text``
    raw_offsets: tuple[tuple[int, int, int], ...] = ()
    blocks: tuple[Block, ...] = ()  # the text's title, standfirst, headings and paragraphs, in order


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: the same id across articles for known actors."""

    id: str
    name: str
    type: str  # person | country | organization | place | group
    country: str | None = None  # ISO 3166-1 alpha-3
    code: str | None = None  # CAMEO actor code on the article date


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of article text that names or refers to an actor."""

    start: int
    end: int
    text: str
    actor: str  # Actor.id
    rule: str = ""  # which resolution rule linked it (alias, ner, role, coref, demonym, ...)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to someone, direct, reported or a quoted fragment."""

    start: int
    end: int
    text: str
    kind: str  # direct | indirect | fragment
    speaker: str | None = None  # Actor.id
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An actor -> action -> target record, with its provenance in the text."""

    start: int  # the sentence that states it
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    cameo: str
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    plover: str | None = None
    plover_mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_source: str | None = None  # text | relative | published
    status: str = "asserted"  # asserted | intended | negated | denied | reported
    location: Location | None = None
    quote: int | None = None  # index of the quote that states or reports it
    rule: str = ""  # the dictionary entry or rule that fired
    # the other sentences that state the same act (the title, the standfirst and the body often do)
    also_stated_at: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Analysis:
    """Everything the NLP stages extracted from one article."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # what a reader must know about how the article was read: a language read without its model,
    # a language telex does not read (then nothing else is extracted)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoredArticle:
    """An article with what only storing it tells: its version at its URL and where it was seen.

    A plain record, so that exports and evaluation can describe an article without a store.
    """

    article: Article
    version: int  # 1, or n + 1 when the same URL was stored before with another text
    previous_id: str | None  # the version this one replaces
    ingested_at: str  # UTC, ISO 8601
    sources: list[str] = field(default_factory=list)  # every place the same text was found
