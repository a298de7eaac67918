"""The JSON API under ``/api/v1``: the store's articles, actors, quotes and events, exports, ingest.

Every listing pages by cursor over a stable order (see :mod:`telex.store.browse`): ``next_cursor``
is null on the last page. A parameter the API cannot use gets a 422 whose ``detail`` names it
(``loc``: ``["query", "since"]``), as FastAPI's own validation does; an unknown id a 404. Reads use
read-only connections; the only write is ``POST /ingest``, which needs the server's token.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse

from telex.errors import ArticleNotFound, BadQuery
from telex.events.codebook import PLOVER_CATEGORIES
from telex.events.dictionary import STATUSES
from telex.export import TABLES, article_record
from telex.store import ArticleFilter, Page, QuoteFilter, Store
from telex.web import exports
from telex.web.cursor import BadCursor, decode_cursor, encode_cursor
from telex.web.lookup import actor_ids, event_filter, known_actor
from telex.web.models import (
    ActorDetail,
    ActorPage,
    ArticlePage,
    ArticleRecord,
    EventPage,
    Job,
    QuotePage,
    Totals,
)

MAX_LIMIT = 500
ACTOR_TYPES = ("person", "country", "organization", "place", "group")
EVENT_STATUSES = STATUSES  # the statuses an event record can have
TIMELINE_LEFT_OUT = ("negated",)  # what did not happen is no point on a timeline

ActorType = StrEnum("ActorType", {name: name for name in ACTOR_TYPES})
Plover = StrEnum("Plover", {name: name for name in sorted(PLOVER_CATEGORIES)})
Status = StrEnum("Status", {name: name for name in EVENT_STATUSES})
ExportFormat = StrEnum("ExportFormat", {name: name for name in ("jsonl", "csv", "gdelt")})
Table = StrEnum("Table", {name: name for name in TABLES})

# cursor shapes: the types of each listing's sort key
ARTICLE_CURSOR = (str, str)
QUOTE_CURSOR = (str, str, int)
EVENT_CURSOR = (str, str, int)
ACTOR_CURSOR = (int, str)

router = APIRouter(prefix="/api/v1")


def bad_parameter(name: str, message: str, value: Any = None, where: str = "query") -> RequestValidationError:
    """A 422 in FastAPI's own shape, naming the parameter the API could not use."""
    return RequestValidationError([{"type": "value_error", "loc": (where, name), "msg": message, "input": value}])


async def reader(request: Request) -> AsyncIterator[Store]:
    """A read-only store for this request. Borrowing one from the pool does not block, so this runs
    on the event loop: a request costs one hop to the thread pool (its handler), not three."""
    with request.app.state.stores.reading() as store:
        yield store


Reader = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[
    str | None, Query(max_length=1000, description="next_cursor of the previous page, to read the next one")
]
Since = Annotated[date | None, Query(description="on or after this day (YYYY-MM-DD)")]
Until = Annotated[date | None, Query(description="on or before this day (YYYY-MM-DD)")]
ActorQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="any spelling the knowledge base knows (Poutine, Putin), part of a stored name, an actor id,"
        " an ISO3 country code (PRK: every North Korean actor) or a CAMEO actor code (RUSGOV)",
    ),
]
Words = Annotated[
    str | None, Query(min_length=1, max_length=500, description="SQLite FTS5 expression; accents and case ignored")
]


def _cursor(cursor: str | None, shape: Sequence[type]) -> tuple[Any, ...] | None:
    if cursor is None:
        return None
    try:
        return decode_cursor(cursor, shape)
    except BadCursor as error:
        raise bad_parameter("cursor", str(error), cursor) from None


def _dates(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    if since is not None and until is not None and until < since:
        raise bad_parameter("until", f"until ({until}) is before since ({since})", until.isoformat())
    return (since.isoformat() if since else None, until.isoformat() if until else None)


def _listing(page: Page, **extra: Any) -> dict[str, Any]:
    return {"items": page.items, "next_cursor": encode_cursor(page.next_key) if page.next_key else None, **extra}


def _search(name: str, value: str | None, run: Any) -> Any:
    """Run a query holding the user's FTS5 expression ``value``; a bad one is a 422 naming ``name``."""
    try:
        return run()
    except BadQuery as error:
        raise bad_parameter(name, str(error), value) from None


# --- articles ---------------------------------------------------------------------------------


@router.get("/articles", response_model=ArticlePage, tags=["articles"], summary="Search and list articles")
def list_articles(
    store: Reader,
    q: Words = None,
    site: Annotated[str | None, Query(max_length=200, description="the site, as stored (any case)")] = None,
    since: Since = None,
    until: Until = None,
    language: Annotated[str | None, Query(pattern="^[a-z]{2}$", description="ISO 639-1 (fr, en)")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Articles newest published first (undated last). With ``q``, only those whose title or text
    match, each with the passage that matches best (``snippet``, matched words at
    ``snippet_matches``)."""
    first, last = _dates(since, until)
    where = ArticleFilter(q, site, first, last, language)
    after = _cursor(cursor, ARTICLE_CURSOR)
    return _listing(_search("q", q, lambda: store.article_page(where, limit=limit, after=after)))


ArticleId = Annotated[str, Path(min_length=1, max_length=64, description="an article id or a unique prefix of it")]


def stored_article(store: Store, article_id: str) -> tuple[Any, Any]:
    """The stored article an id or unique prefix names, and its analysis; 404 when none (or several)."""
    try:
        stored = store.get(article_id)
    except ArticleNotFound as error:
        raise HTTPException(404, str(error)) from None
    return stored, store.analysis(stored.article.id)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleRecord,
    tags=["articles"],
    summary="One article as an export record",
    responses={404: {"description": "no article has this id, or the prefix names several"}},
)
def get_article(store: Reader, article_id: ArticleId) -> dict[str, Any]:
    """The article's export record (docs/record-format.md): metadata, text, and every actor, mention,
    quote and event with offsets into the text. A unique prefix of the id is enough, as in the CLI."""
    stored, analysis = stored_article(store, article_id)
    return article_record(stored.article, analysis, stored)


# --- actors -----------------------------------------------------------------------------------


@router.get("/actors", response_model=ActorPage, tags=["actors"], summary="List and find actors")
def list_actors(
    store: Reader,
    q: ActorQuery = None,
    type: Annotated[ActorType | None, Query(description="the kind of actor")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Z]{3}$", description="ISO 3166-1 alpha-3")] = None,
    code: Annotated[
        str | None, Query(pattern="^(?:[A-Z]{3})+$", description="CAMEO actor code or prefix (RUS finds RUSGOV)")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Actors found in the stored articles, most mentioned first, with counts and their codes."""
    ids = actor_ids(q, store) if q else None
    page = store.actor_page(
        ids=ids,
        actor_type=type.value if type else None,
        country=country,
        code=code,
        limit=limit,
        after=_cursor(cursor, ACTOR_CURSOR),
    )
    return _listing(page, matched=ids)


def actor_detail(store: Store, actor_id: str) -> dict[str, Any]:
    """Everything the API and the actor page show of one actor; 404 when the store has none."""
    summary = store.actor_summary(actor_id)
    if summary is None:
        raise HTTPException(404, f"no actor with id {actor_id!r} in the store")
    known = known_actor(actor_id) or {}
    counts = {key: summary.pop(key) for key in ("mentions", "articles", "quotes", "events_as_source")}
    counts["events_as_target"] = summary.pop("events_as_target")
    return {
        **summary,
        "counts": counts,
        "names": known.get("names", {}),
        "forms": store.actor_forms(actor_id),
        "codes": store.actor_codes(actor_id),
        "roles": known.get("roles", []),
        "code_today": known.get("code_today"),
        "counterparts": store.actor_counterparts(actor_id),
        "timeline": store.actor_event_weeks([actor_id], exclude_statuses=TIMELINE_LEFT_OUT),
    }


@router.get(
    "/actors/{actor_id:path}",
    response_model=ActorDetail,
    tags=["actors"],
    summary="One actor: names, codes and roles over time, counts",
    responses={404: {"description": "no actor has this id in the store"}},
)
def get_actor(store: Reader, actor_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One actor: the names and aliases the knowledge base gives, the forms the articles used, the
    CAMEO codes the actor was given on each article's date and the roles that explain them, how
    often the store mentions, quotes and codes them, whom they interact with most, and their events
    per week as source and as target by QuadClass."""
    return actor_detail(store, actor_id)


# --- quotes and events ------------------------------------------------------------------------


@router.get("/quotes", response_model=QuotePage, tags=["quotes"], summary="Search quotations")
def list_quotes(
    store: Reader,
    speaker: ActorQuery = None,
    q: Words = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Quotations and reported speech with their speakers, newest articles first. ``speaker`` takes
    what the CLI's ``--speaker`` takes; ``matched`` lists the actor ids it named."""
    first, last = _dates(since, until)
    speakers = actor_ids(speaker, store) if speaker else None
    where = QuoteFilter(speakers, q, first, last)
    after = _cursor(cursor, QUOTE_CURSOR)
    page = _search("q", q, lambda: store.quote_page(where, limit=limit, after=after))
    return _listing(page, matched=speakers)


@router.get("/events", response_model=EventPage, tags=["events"], summary="Search coded events")
def list_events(
    store: Reader,
    actor: ActorQuery = None,
    source: ActorQuery = None,
    target: ActorQuery = None,
    code: Annotated[str | None, Query(pattern="^[0-9]{2,4}$", description="CAMEO code or prefix (04, 043)")] = None,
    plover: Annotated[Plover | None, Query(description="PLOVER category")] = None,
    status: Annotated[Status | None, Query(description="asserted, intended, negated, denied or reported")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Events, newest event date first: ``actor`` on either side, ``source`` acting, ``target``
    acted on (each as ``--actor`` in the CLI; ``matched`` lists the ids each named)."""
    first, last = _dates(since, until)
    where, matched = event_filter(
        store,
        {"actor": actor, "source": source, "target": target},
        code,
        plover.value if plover else None,
        status.value if status else None,
        first,
        last,
    )
    page = store.event_page(where, limit=limit, after=_cursor(cursor, EVENT_CURSOR))
    return _listing(page, matched=matched or None)


@router.get("/stats", response_model=Totals, tags=["store"], summary="What the store holds")
def stats(store: Reader) -> dict[str, Any]:
    return store.totals()


# --- export -----------------------------------------------------------------------------------


@router.get(
    "/export",
    tags=["export"],
    summary="Export articles, streamed",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "JSONL records, a CSV table or GDELT rows, streamed",
            "content": {media: {} for media in exports.MEDIA_TYPES.values()},
        }
    },
)
def export(
    request: Request,
    format: Annotated[ExportFormat, Query(description="jsonl: article records; csv: one table; gdelt: event rows")],
    table: Annotated[Table, Query(description="with csv: which table")] = Table.articles,
    q: Words = None,
    site: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    language: Annotated[str | None, Query(pattern="^[a-z]{2}$")] = None,
) -> StreamingResponse:
    """The articles the filters select (those of ``/articles``), in the CLI's export formats, written
    as they are read: the response starts at once and the server holds one article at a time."""
    first, last = _dates(since, until)
    where = ArticleFilter(q, site, first, last, language)
    stores = request.app.state.stores
    if q:  # a bad expression must be a 422 before the response starts, not a broken stream
        with stores.reading() as store:
            _search("q", q, lambda: store.article_page(where, limit=1))
    if format is ExportFormat.jsonl:
        body, name = exports.stream_jsonl(stores, where), "telex-articles.jsonl"
    elif format is ExportFormat.csv:
        body, name = exports.stream_csv(stores, where, table.value), f"telex-{table.value}.csv"
    else:
        body, name = exports.stream_gdelt(stores, where), "telex-gdelt-events.tsv"
    return StreamingResponse(
        body,
        media_type=exports.MEDIA_TYPES[format.value],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- ingest -----------------------------------------------------------------------------------


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <TELEX_TOKEN>``: 403 when the server has no token (ingest
    is off), 401 without credentials, 403 with wrong ones."""
    token = request.app.state.settings.token
    if not token:
        raise HTTPException(403, "ingest is disabled on this server: start it with TELEX_TOKEN set")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(403, "wrong token")


_EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/json": ".jsonl",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/warc": ".warc",
    "text/plain": ".txt",
}


def upload_name(name: str | None, content_type: str | None) -> str:
    """A safe file name for an upload: the client's ``name`` reduced to letters, digits, ``.``, ``-``
    and ``_`` (no folders), else ``upload`` with the extension of the content type. The readers go
    by content first; the name only helps when the content shows no signature."""
    if name:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in base).lstrip(".")
        if cleaned.strip("_"):
            return cleaned[:100]
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return "upload" + _EXTENSIONS.get(media, "")


async def ingest(
    request: Request,
    response: Response,
    name: Annotated[
        str | None, Query(max_length=200, description="a file name for the upload (page.html, batch.jsonl)")
    ] = None,
) -> dict[str, Any]:
    """Store what the body holds (raw bytes: an HTML or text page, JSONL lines, an RSS/Atom feed, a
    WARC) in the background; the answer is the job, and ``Location`` its URL. Ingest runs the NLP
    on new articles exactly as ``telex ingest`` does, and the job reports every document that failed
    or was skipped, with its reason."""
    settings = request.app.state.settings
    jobs = request.app.state.jobs
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_upload:
        raise HTTPException(413, f"body over the size limit ({settings.max_upload} bytes)")
    job_id, path = jobs.new_upload(upload_name(name, request.headers.get("content-type")))
    size = 0
    try:
        with path.open("wb") as file:
            async for chunk in request.stream():
                size += len(chunk)
                if size > settings.max_upload:  # a body without (or lying about) its length
                    raise HTTPException(413, f"body over the size limit ({settings.max_upload} bytes)")
                file.write(chunk)
        if size == 0:
            raise bad_parameter("body", "the body is empty: send the page, JSONL lines or feed to ingest", "", "body")
    except BaseException:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
        raise
    job = jobs.submit(job_id, path)
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job.as_dict()


def get_job(request: Request, job_id: Annotated[str, Path(pattern="^[0-9a-f]{32}$")]) -> dict[str, Any]:
    """State, documents read so far (and how many the upload holds when known), the ids stored or
    already present, and each failed or skipped document with its source, reason and detail."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} on this server")
    return job.as_dict()


def ingest_router(in_schema: bool) -> APIRouter:
    """The write endpoints, documented in the OpenAPI schema only when ``in_schema`` (a server with a
    token): on a read-only server they only answer 403."""
    writes = APIRouter(prefix="/api/v1", tags=["ingest"], include_in_schema=in_schema)
    writes.add_api_route(
        "/ingest",
        ingest,
        methods=["POST"],
        status_code=202,
        response_model=Job,
        summary="Ingest a page, a JSONL batch or a feed (needs the token)",
        dependencies=[Depends(require_token)],
        responses={
            401: {"description": "no bearer token"},
            403: {"description": "wrong token, or ingest disabled (no TELEX_TOKEN)"},
            413: {"description": "body over the size limit"},
        },
    )
    writes.add_api_route(
        "/jobs/{job_id}",
        get_job,
        methods=["GET"],
        response_model=Job,
        summary="An ingest job's progress and errors (needs the token)",
        dependencies=[Depends(require_token)],
        responses={404: {"description": "no such job (jobs are kept in memory)"}},
    )
    return writes
