"""The web pages: server-rendered HTML over the same queries as the API.

Article text, titles, names and quotes come from scraped pages and are hostile: the templates
autoescape everything and no template marks article content as safe. The facts a page's script
needs travel as JSON inside ``<script type="application/json">`` (Jinja's ``tojson`` escapes
``<``, ``>``, ``&`` and quotes there), which the browser never runs; the script reads them and
writes with ``textContent`` only. The Content-Security-Policy (see :mod:`telex.web.app`) forbids
inline scripts besides.

Page parameters come from forms, so an empty field means "no filter", and a value the page cannot
use is shown next to its field with a 422, not as a JSON error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from telex.errors import BadQuery
from telex.events.codebook import PLOVER_CATEGORIES
from telex.store import ArticleFilter, EventFilter, Page, QuoteFilter, Store, plain_words_query
from telex.web import charts
from telex.web.api import (
    ACTOR_CURSOR,
    ACTOR_TYPES,
    ARTICLE_CURSOR,
    EVENT_CURSOR,
    EVENT_STATUSES,
    QUOTE_CURSOR,
    Reader,
    actor_detail,
    stored_article,
)
from telex.web.cursor import BadCursor, decode_cursor, encode_cursor
from telex.web.lookup import actor_ids, event_filter
from telex.web.marks import article_spans, facts, runs

PAGE_SIZE = 50

router = APIRouter(include_in_schema=False)


@cache
def cameo_labels() -> dict[str, str]:
    """CAMEO event code → label, for the pages' event descriptions."""
    from telex.events.codebook import load_codebook

    return {code.code: code.label for code in load_codebook()}


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a link may point to; None for ``javascript:``,
    ``data:`` and anything else a scraped page could put there."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


class Form:
    """A page's query parameters as a form: empty means absent; each value the page cannot use is
    kept with a message for its field."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.values: dict[str, str] = {}
        self.errors: dict[str, str] = {}

    def text(self, name: str, max_length: int = 200) -> str | None:
        value = (self.request.query_params.get(name) or "").strip()
        self.values[name] = value
        if len(value) > max_length:
            self.errors[name] = f"at most {max_length} characters"
            return None
        return value or None

    def date(self, name: str) -> str | None:
        value = self.text(name, 10)
        if value is None:
            return None
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            self.errors[name] = "a date as YYYY-MM-DD"
            return None

    def choice(self, name: str, options: tuple[str, ...] | frozenset[str]) -> str | None:
        value = self.text(name, 40)
        if value is not None and value not in options:
            self.errors[name] = "one of " + ", ".join(sorted(options))
            return None
        return value

    def pattern(self, name: str, regex: str, message: str) -> str | None:
        value = self.text(name, 40)
        if value is not None and not re.fullmatch(regex, value):
            self.errors[name] = message
            return None
        return value

    def cursor(self, shape: tuple[type, ...]) -> tuple[Any, ...] | None:
        value = self.request.query_params.get("cursor")
        if not value:
            return None
        try:
            return decode_cursor(value, shape)
        except BadCursor as error:
            self.errors["cursor"] = str(error)
            return None

    def next_url(self, page: Page) -> str | None:
        """This page's URL with the cursor of the next page; None on the last page."""
        if page.next_key is None:
            return None
        return str(self.request.url.include_query_params(cursor=encode_cursor(page.next_key)))


def _words(store_call: Callable[[str], Page], text: str) -> Page:
    """Search with ``text`` as an FTS5 expression, or, when it is none (people type "Kim Jong-un"),
    with every word of it taken literally."""
    try:
        return store_call(text)
    except BadQuery:
        words = plain_words_query(text)
        return store_call(words) if words else Page([])


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def _status(form: Form) -> int:
    return 422 if form.errors else 200


# --- home -------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Reader) -> HTMLResponse:
    """Search across articles, quotes and actors; without a search, the latest of each and counts."""
    form = Form(request)
    query = form.text("q", 500)
    context: dict[str, Any] = {"form": form, "totals": store.totals(), "query": query}
    if query:
        context["articles"] = _words(lambda words: store.article_page(ArticleFilter(words), limit=10), query)
        context["quotes"] = _words(lambda words: store.quote_page(QuoteFilter(words=words), limit=10), query)
        context["actors"] = store.actor_page(ids=actor_ids(query, store), limit=10)
    else:
        context["articles"] = store.article_page(limit=10)
        context["quotes"] = store.quote_page(limit=8)
        context["actors"] = store.actor_page(limit=12)
    return render(request, "home.html", context, _status(form))


# --- articles ---------------------------------------------------------------------------------


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: Reader) -> HTMLResponse:
    """Articles filtered by words, site, language and dates, page by page."""
    form = Form(request)
    query = form.text("q", 500)
    site, since, until = form.text("site"), form.date("since"), form.date("until")
    language = form.pattern("language", "[a-z]{2}", "an ISO 639-1 code (fr, en)")
    after = form.cursor(ARTICLE_CURSOR)

    def search(words: str | None) -> Page:
        return store.article_page(ArticleFilter(words, site, since, until, language), limit=PAGE_SIZE, after=after)

    page = Page([])
    if not form.errors:
        page = _words(search, query) if query else search(None)
    return render(request, "articles.html", {"form": form, "page": page}, _status(form))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: Reader, article_id: str) -> HTMLResponse:
    """The article with every fact marked in its text; selecting one shows it and lights up what
    is linked to it."""
    stored, analysis = stored_article(store, article_id)
    text = stored.article.text
    names = {actor.id: actor.name for actor in analysis.actors}
    missing = [actor for event in analysis.events for actor in (*event.source, *event.target) if actor not in names]
    names.update(store.actor_names(missing))
    labels = cameo_labels()
    actor_rows: dict[str, dict[str, Any]] = {
        actor.id: {"actor": actor, "mentions": 0, "forms": {}, "first_mention": None} for actor in analysis.actors
    }
    for index, mention in enumerate(analysis.mentions):
        row = actor_rows.get(mention.actor)
        if row is not None:
            row["mentions"] += 1
            row["forms"][mention.text] = None
            row["first_mention"] = row["first_mention"] or f"m{index}"
    context = {
        "stored": stored,
        "article": stored.article,
        "analysis": analysis,
        "link": safe_link(stored.article.url),
        "runs": runs(text, article_spans(analysis, len(text))),
        "facts": facts(analysis, names, labels),
        "names": names,
        "labels": labels,
        "actor_rows": sorted(actor_rows.values(), key=lambda row: (-row["mentions"], row["actor"].name)),
    }
    return render(request, "article.html", context)


# --- actors -----------------------------------------------------------------------------------


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: Reader) -> HTMLResponse:
    """Actors by name (any spelling), type, country and code, most mentioned first."""
    form = Form(request)
    query = form.text("q")
    actor_type = form.choice("type", ACTOR_TYPES)
    country = form.pattern("country", "[A-Z]{3}", "an ISO3 code (RUS)")
    code = form.pattern("code", "(?:[A-Z]{3})+", "a CAMEO actor code or prefix (RUSGOV, RUS)")
    after = form.cursor(ACTOR_CURSOR)
    page = Page([])
    if not form.errors:
        ids = actor_ids(query, store) if query else None
        page = store.actor_page(
            ids=ids, actor_type=actor_type, country=country, code=code, limit=PAGE_SIZE, after=after
        )
    return render(request, "actors.html", {"form": form, "page": page, "types": ACTOR_TYPES}, _status(form))


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor(request: Request, store: Reader, actor_id: str) -> HTMLResponse:
    """Who the actor is (names, codes and roles over time), what they said, and their events:
    a weekly timeline by QuadClass as source and as target, and whom they deal with most."""
    detail = actor_detail(store, actor_id)
    quotes = store.quote_page(QuoteFilter(speakers=[actor_id]), limit=20)
    events = store.event_page(EventFilter(actors=[actor_id]), limit=20)
    context = {
        "actor": detail,
        "quotes": quotes,
        "events": events,
        "timeline": charts.event_timeline(detail["timeline"], by_role=True),
        "labels": cameo_labels(),
    }
    return render(request, "actor.html", context)


# --- events and quotes ------------------------------------------------------------------------


def _event_filter(form: Form, store: Store) -> tuple[EventFilter, dict[str, list[str]]]:
    named = {name: form.text(name) for name in ("actor", "source", "target")}
    code = form.pattern("code", "[0-9]{2,4}", "a CAMEO code or prefix (04, 043)")
    plover = form.choice("plover", PLOVER_CATEGORIES)
    status = form.choice("status", EVENT_STATUSES)
    return event_filter(store, named, code, plover, status, form.date("since"), form.date("until"))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: Reader) -> HTMLResponse:
    """A filterable table of events, their weekly timeline and the dyads (source × target counts)."""
    form = Form(request)
    where, matched = _event_filter(form, store)
    after = form.cursor(EVENT_CURSOR)
    context: dict[str, Any] = {
        "form": form,
        "matched": matched,
        "plovers": sorted(PLOVER_CATEGORIES),
        "statuses": EVENT_STATUSES,
        "labels": cameo_labels(),
        "page": Page([]),
        "dyads": [],
        "timeline": None,
        "dyad_chart": None,
    }
    if not form.errors:
        dyads = store.event_dyads(where, limit=400)
        context.update(
            page=store.event_page(where, limit=PAGE_SIZE, after=after),
            dyads=dyads[:30],
            timeline=charts.event_timeline(store.event_weeks(where)),
            dyad_chart=charts.dyad_matrix(dyads),
        )
    return render(request, "events.html", context, _status(form))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, store: Reader) -> HTMLResponse:
    """Quotations by speaker, words and date."""
    form = Form(request)
    speaker = form.text("speaker")
    words = form.text("q", 500)
    since, until = form.date("since"), form.date("until")
    after = form.cursor(QUOTE_CURSOR)
    page, matched = Page([]), None
    if not form.errors:
        matched = actor_ids(speaker, store) if speaker else None

        def search(expression: str | None) -> Page:
            return store.quote_page(QuoteFilter(matched, expression, since, until), limit=PAGE_SIZE, after=after)

        page = _words(search, words) if words else search(None)
    return render(request, "quotes.html", {"form": form, "page": page, "matched": matched}, _status(form))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API's interactive documentation (Swagger UI, shipped with telex: no CDN)."""
    return render(request, "docs.html", {})


def not_found_page(request: Request, error: HTTPException) -> HTMLResponse:
    return render(request, "error.html", {"status": error.status_code, "message": error.detail}, error.status_code)
