"""The JSON shapes of the API, for its OpenAPI schema and for checking what it sends.

The article record is the export contract of ``docs/record-format.md``: its models name the
contract's fields and let every other field through (``extra="allow"``), because the contract
grows by adding fields after its own and an API must not drop them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A record whose documented fields come first and whose later fields pass through."""

    model_config = ConfigDict(extra="allow")


class Author(Open):
    name: str
    role: str | None = None


class ActorRecord(Open):
    id: str
    name: str
    type: str
    country: str | None = None
    code: str | None = Field(None, description="CAMEO actor code on the article's date")


class MentionRecord(Open):
    start: int
    end: int
    text: str
    actor: str


class QuoteRecord(Open):
    start: int
    end: int
    text: str
    speaker: str | None = None
    cue: str | None = None
    kind: str


class Location(Open):
    name: str
    country: str | None = None


class EventRecord(Open):
    start: int = Field(description="start of the sentence that states the event")
    end: int
    trigger: str
    source: list[str]
    target: list[str]
    cameo: str
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_source: str | None = None
    status: str
    location: Location | None = None


class ArticleRecord(Open):
    """One article as ``telex export --format jsonl`` writes it (docs/record-format.md)."""

    id: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    authors: list[Author] = []
    published: str | None = None
    language: str | None = None
    text: str
    actors: list[ActorRecord] = []
    mentions: list[MentionRecord] = []
    quotes: list[QuoteRecord] = []
    events: list[EventRecord] = []


class ArticleSummary(BaseModel):
    id: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    lead: str = Field(description="the first 240 characters of the text")
    authors: list[Author] = []
    published: str | None = None
    language: str | None = None
    version: int
    ingested_at: str
    mentions: int = Field(description="actor mentions found in the article")
    quotes: int
    events: int
    snippet: str | None = Field(None, description="with q: the passage that matches best")
    snippet_matches: list[list[int]] | None = Field(None, description="[start, end] of the matched words in snippet")


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="pass as cursor= for the next page; null on the last")


class ActorSummary(BaseModel):
    id: str
    name: str
    type: str
    country: str | None = None
    mentions: int
    articles: int
    codes: list[str] = Field(description="every CAMEO actor code the actor was given in an article")


class ActorPage(BaseModel):
    items: list[ActorSummary]
    next_cursor: str | None
    matched: list[str] | None = Field(None, description="with q: the actor ids the query named")


class ActorForm(BaseModel):
    text: str
    mentions: int
    articles: int
    rules: list[str]


class ActorCode(BaseModel):
    name: str
    code: str | None
    country: str | None
    articles: int
    first: str | None
    last: str | None


class ActorRole(BaseModel):
    role: str
    label: str
    of: str | None
    of_name: str | None
    start: str | None
    end: str | None
    code: str | None


class Counterpart(BaseModel):
    id: str
    name: str
    as_target: int = Field(description="events of this actor toward the counterpart")
    as_source: int = Field(description="events of the counterpart toward this actor")
    events: int


class WeekCount(BaseModel):
    week: str = Field(description="the Monday that starts the week")
    role: str = Field(description="source | target")
    quad_class: int | None
    events: int


class ActorDetail(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    counts: dict[str, int] = Field(
        description="mentions, articles, quotes, events_as_source, events_as_target in the store"
    )
    first_seen: str | None
    last_seen: str | None
    names: dict[str, list[str]] = Field(description="names and aliases per language, from the knowledge base")
    forms: list[ActorForm] = Field(description="how the stored articles wrote the actor")
    codes: list[ActorCode] = Field(description="names and CAMEO codes given on the articles' dates")
    roles: list[ActorRole] = Field(description="dated roles from the knowledge base")
    code_today: str | None
    counterparts: list[Counterpart]
    timeline: list[WeekCount] = Field(description="events per week as source and as target (negated left out)")


class QuoteItem(BaseModel):
    article_id: str
    position: int
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_id: str | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    published: str | None
    title: str | None
    site: str | None


class QuotePage(BaseModel):
    items: list[QuoteItem]
    next_cursor: str | None
    matched: list[str] | None = Field(None, description="with speaker: the actor ids it named")


class EventItem(Open):
    article_id: str
    position: int
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source: list[str]
    target: list[str]
    source_names: list[str]
    target_names: list[str]
    cameo: str
    plover: str | None
    plover_mode: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None
    date_source: str | None
    status: str
    location_name: str | None
    location_country: str | None
    quote_position: int | None
    rule: str
    also_stated_at: list[list[int]]
    title: str | None
    published: str | None


class EventPage(BaseModel):
    items: list[EventItem]
    next_cursor: str | None
    matched: dict[str, list[str]] | None = Field(None, description="the actor ids each of actor, source, target named")


class JobFailure(BaseModel):
    source: str
    reason: str
    detail: str = ""


class Job(BaseModel):
    id: str
    state: str = Field(description="queued | running | done | failed")
    name: str
    bytes: int
    created_at: str
    started_at: str | None
    finished_at: str | None
    documents_done: int = Field(description="documents read so far: stored, already present, failed or skipped")
    documents_total: int | None = Field(description="how many the upload holds, when known before reading it")
    added: list[str]
    present: list[str]
    failed: list[JobFailure]
    skipped: list[JobFailure]
    notes: dict[str, list[str]] = Field(
        default_factory=dict,
        description="how some articles were read (a language without its model), with their sources",
    )
    error: str | None = Field(None, description="why the whole job failed (state failed)")


class Totals(BaseModel):
    articles: int
    actors: int
    mentions: int
    quotes: int
    events: int
    sites: int
    first_published: str | None
    last_published: str | None
