"""Reading the store page by page: the queries behind ``telex serve`` (and the CLI's searches).

Every listing has a total order ending in a unique key, and a page ends with the key of its last
row: the next page starts strictly after that key (keyset pagination). A page therefore never
repeats or skips a row because rows were added while a client paged, and reading page 1,000 costs
what reading page 1 does. Filters are plain dataclasses so that the API, the web pages and the CLI
ask the same question the same way; all values reach SQLite as parameters.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from telex.errors import BadQuery

LIKE_ESCAPE = "ESCAPE '\\'"
# What FTS5's snippet() puts around matched words: private-use characters, so that no markup is
# ever spliced into article text; :func:`split_snippet` turns them into offsets.
MATCH_START, MATCH_END = "\ue000", "\ue001"
SNIPPET_TOKENS = 24


def escape_like(text: str) -> str:
    """``text`` as a LIKE pattern that matches it literally (with :data:`LIKE_ESCAPE`): user input
    such as an id prefix or a name may hold ``%``, ``_`` or the escape character itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def plain_words_query(text: str) -> str:
    """An FTS5 expression that finds every word of ``text``, each taken literally: what a search box
    sends when its user typed words ("Kim Jong-un") rather than FTS5 syntax."""
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))


def split_snippet(marked: str) -> tuple[str, list[list[int]]]:
    """FTS5 snippet text with :data:`MATCH_START`/:data:`MATCH_END` around matches → the plain
    snippet and the ``[start, end]`` offsets of the matches in it."""
    plain: list[str] = []
    matches: list[list[int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == MATCH_START:
            start = length
        elif char == MATCH_END:
            if start is not None and length > start:
                matches.append([start, length])
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), matches


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one page, and the sort key to pass as ``after`` for the next (None: last page)."""

    items: list[dict[str, Any]]
    next_key: tuple[Any, ...] | None = None


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """``words``: an FTS5 expression over titles and texts (accents and case folded)."""

    words: str | None = None
    site: str | None = None
    since: str | None = None  # published on or after (YYYY-MM-DD)
    until: str | None = None  # published on or before
    language: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """``speakers``: actor ids (None: anyone; empty: no one); ``words``: FTS5 over the quoted words."""

    speakers: Sequence[str] | None = None
    words: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """``actors`` match either side, ``sources`` and ``targets`` one side each (None: anyone;
    empty: no one); ``code`` is a CAMEO code prefix ("04" finds 043); dates are the event's."""

    actors: Sequence[str] | None = None
    sources: Sequence[str] | None = None
    targets: Sequence[str] | None = None
    code: str | None = None
    plover: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    exclude_statuses: Sequence[str] = field(default_factory=tuple)


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _after(keys: Sequence[tuple[str, bool]], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """The rows strictly after ``values`` in the order ``keys`` (expression, descending?)."""
    alternatives, parameters = [], []
    for index, (expression, descending) in enumerate(keys):
        equal = [f"{earlier} = ?" for earlier, _ in keys[:index]]
        alternatives.append("(" + " AND ".join([*equal, f"{expression} {'<' if descending else '>'} ?"]) + ")")
        parameters += [*values[:index], values[index]]
    return "(" + " OR ".join(alternatives) + ")", parameters


def _order(keys: Sequence[tuple[str, bool]]) -> str:
    return ", ".join(f"{expression} {'DESC' if descending else 'ASC'}" for expression, descending in keys)


def _page(rows: list[dict[str, Any]], limit: int | None, key_names: Sequence[str]) -> Page:
    """``rows`` fetched with ``limit + 1``: the page, and the next key when there is more."""
    if limit is None or len(rows) <= limit:
        return Page(rows)
    rows = rows[:limit]
    return Page(rows, tuple(rows[-1][name] for name in key_names))


def _date_clauses(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """``until`` compares the date part only, so that "2023-09-13T08:30" is on the 13th."""
    clauses, parameters = [], []
    if since:
        clauses.append(f"{column} >= ?")
        parameters.append(since)
    if until:
        clauses.append(f"substr({column}, 1, 10) <= ?")
        parameters.append(until)
    return clauses, parameters


def _json_lists(row: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        if isinstance(row.get(name), str):
            row[name] = json.loads(row[name])
    return row


ARTICLE_KEYS = (("coalesce(a.published, '')", True), ("a.id", True))
QUOTE_KEYS = (("coalesce(a.published, '')", True), ("q.article_id", False), ("q.position", False))
EVENT_KEYS = (("coalesce(e.date, '')", True), ("e.article_id", False), ("e.position", False))
ACTOR_KEYS = (("mentions", True), ("id", False))


class BrowseQueries:
    """The read queries of :class:`telex.store.Store` that page, filter and count; mixed into it."""

    connection: sqlite3.Connection
    actor_names: Callable[[Sequence[str]], dict[str, str]]  # Store's

    # --- articles ------------------------------------------------------------------------

    def _article_where(self, where: ArticleFilter) -> tuple[str, list[str], list[Any]]:
        """(FROM clause, WHERE clauses, their parameters)."""
        if where.words:
            source = "articles_fts f JOIN articles a ON a.id = f.article_id"
            clauses, parameters = ["articles_fts MATCH ?"], [where.words]
        else:
            source, clauses, parameters = "articles a", [], []
        if where.site:
            clauses.append("a.site = ? COLLATE NOCASE")
            parameters.append(where.site)
        if where.language:
            clauses.append("a.language = ?")
            parameters.append(where.language)
        dates, values = _date_clauses("a.published", where.since, where.until)
        return source, clauses + dates, parameters + values

    def article_page(
        self, where: ArticleFilter = ArticleFilter(), *, limit: int | None = 50, after: Sequence[Any] | None = None
    ) -> Page:
        """Articles newest published first (undated last), with the beginning of their text (``lead``)
        and counts of what was found in each;
        with ``words``, each has the ``snippet`` of its text that matches best and the offsets
        of the matched words in it (``snippet_matches``). A bad FTS5 expression is a :class:`BadQuery`."""
        source, clauses, parameters = self._article_where(where)
        if after is not None:
            clauses.append("(coalesce(a.published, ''), a.id) < (?, ?)")
            parameters += list(after)
        snippet = (
            f", snippet(articles_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_TOKENS}) AS snippet"
            if where.words
            else ""
        )
        sql = (
            "SELECT a.id, a.url, a.site, a.title, substr(a.text, 1, 240) AS lead, a.authors, a.published, a.language,"
            " a.version, a.ingested_at,"
            " coalesce(a.published, '') AS sort_published,"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
            f"{snippet} FROM {source}"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY {_order(ARTICLE_KEYS)} LIMIT ?"
        )
        rows = self._search(sql, [*parameters, -1 if limit is None else limit + 1], where.words)
        for row in rows:
            _json_lists(row, "authors")
            if "snippet" in row:
                row["snippet"], row["snippet_matches"] = split_snippet(row["snippet"] or "")
        page = _page(rows, limit, ("sort_published", "id"))
        for row in page.items:
            del row["sort_published"]
        return page

    def iter_article_ids(self, where: ArticleFilter = ArticleFilter(), batch: int = 500) -> Iterator[str]:
        """The ids of every article ``where`` selects, in :meth:`article_page` order, read a page at
        a time so that an export of any size holds one page of ids, and no read stays open between
        two pages."""
        after: tuple[Any, ...] | None = None
        while True:
            source, clauses, parameters = self._article_where(where)
            if after is not None:
                clauses.append("(coalesce(a.published, ''), a.id) < (?, ?)")
                parameters += list(after)
            sql = (
                f"SELECT a.id, coalesce(a.published, '') AS sort_published FROM {source}"
                + (" WHERE " + " AND ".join(clauses) if clauses else "")
                + f" ORDER BY {_order(ARTICLE_KEYS)} LIMIT ?"
            )
            rows = self._search(sql, [*parameters, batch], where.words)
            yield from (row["id"] for row in rows)
            if len(rows) < batch:
                return
            after = (rows[-1]["sort_published"], rows[-1]["id"])

    # --- quotes --------------------------------------------------------------------------

    def quote_page(
        self, where: QuoteFilter = QuoteFilter(), *, limit: int | None = 50, after: Sequence[Any] | None = None
    ) -> Page:
        """Quotes, newest articles first and in their order inside an article, with their offsets,
        speaker (id, canonical name, the span that names them) and article."""
        clauses, parameters = [], []
        if where.speakers is not None:
            clauses.append(f"q.speaker_id IN ({_marks(where.speakers)})")
            parameters += list(where.speakers)
        if where.article:
            clauses.append("q.article_id = ?")
            parameters.append(where.article)
        dates, values = _date_clauses("a.published", where.since, where.until)
        clauses += dates
        parameters += values
        if where.words:
            clauses.append(
                "(q.article_id, q.position) IN (SELECT article_id, position FROM quotes_fts WHERE quotes_fts MATCH ?)"
            )
            parameters.append(where.words)
        if after is not None:
            clause, values = _after(QUOTE_KEYS, after)
            clauses.append(clause)
            parameters += values
        sql = (
            'SELECT q.article_id, q.position, q.start, q."end", q.text, q.kind, q.cue, q.cue_start, q.cue_end,'
            " q.speaker_id, s.name AS speaker, q.speaker_start, q.speaker_end, a.published, a.title, a.site,"
            " coalesce(a.published, '') AS sort_published"
            " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors s ON s.id = q.speaker_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY {_order(QUOTE_KEYS)} LIMIT ?"
        )
        rows = self._search(sql, [*parameters, -1 if limit is None else limit + 1], where.words)
        page = _page(rows, limit, ("sort_published", "article_id", "position"))
        for row in page.items:
            del row["sort_published"]
        return page

    # --- events --------------------------------------------------------------------------

    def _event_where(self, where: EventFilter) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        parameters: list[Any] = []
        for side, ids in (("source", where.sources), ("target", where.targets)):
            if ids is not None:
                clauses.append(f"EXISTS (SELECT 1 FROM json_each(e.{side}) WHERE value IN ({_marks(ids)}))")
                parameters += list(ids)
        if where.actors is not None:
            marks = _marks(where.actors)
            clauses.append(
                f"(EXISTS (SELECT 1 FROM json_each(e.source) WHERE value IN ({marks}))"
                f" OR EXISTS (SELECT 1 FROM json_each(e.target) WHERE value IN ({marks})))"
            )
            parameters += list(where.actors) * 2
        if where.code:
            clauses.append(f"e.cameo LIKE ? {LIKE_ESCAPE}")
            parameters.append(escape_like(where.code) + "%")
        if where.plover:
            clauses.append("e.plover = ?")
            parameters.append(where.plover)
        if where.status:
            clauses.append("e.status = ?")
            parameters.append(where.status)
        if where.exclude_statuses:
            clauses.append(f"e.status NOT IN ({_marks(where.exclude_statuses)})")
            parameters += list(where.exclude_statuses)
        if where.article:
            clauses.append("e.article_id = ?")
            parameters.append(where.article)
        dates, values = _date_clauses("e.date", where.since, where.until)
        return clauses + dates, parameters + values

    def event_page(
        self, where: EventFilter = EventFilter(), *, limit: int | None = 50, after: Sequence[Any] | None = None
    ) -> Page:
        """Events, newest event date first (undated last), each with its article's title and the
        canonical names of its source and target actors (``source_names``, ``target_names``; an id
        the store has no name for stands for itself)."""
        clauses, parameters = self._event_where(where)
        if after is not None:
            clause, values = _after(EVENT_KEYS, after)
            clauses.append(clause)
            parameters += values
        rows = self.connection.execute(
            "SELECT e.*, a.title, a.published, coalesce(e.date, '') AS sort_date"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY {_order(EVENT_KEYS)} LIMIT ?",
            (*parameters, -1 if limit is None else limit + 1),
        ).fetchall()
        page = _page([dict(row) for row in rows], limit, ("sort_date", "article_id", "position"))
        for event in page.items:
            del event["sort_date"]
            _json_lists(event, "source", "target", "also_stated_at")
        names = self.actor_names([actor for event in page.items for actor in event["source"] + event["target"]])
        for event in page.items:
            event["source_names"] = [names.get(actor, actor) for actor in event["source"]]
            event["target_names"] = [names.get(actor, actor) for actor in event["target"]]
        return page

    def event_weeks(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """How many events ``where`` selects per week (weeks start on Monday) and QuadClass; undated
        events are left out."""
        clauses, parameters = self._event_where(where)
        clauses.append("e.date IS NOT NULL")
        rows = self.connection.execute(
            "SELECT date(substr(e.date, 1, 10), '-6 days', 'weekday 1') AS week, e.quad_class, count(*) AS events"
            " FROM events e WHERE "
            + " AND ".join(clauses)
            + " GROUP BY week, e.quad_class ORDER BY week, e.quad_class",
            parameters,
        )
        return [dict(row) for row in rows if row["week"] is not None]

    def actor_event_weeks(self, actor_ids: Sequence[str], exclude_statuses: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Events per week in which these actors are the source and in which they are the target,
        by QuadClass (an event with them on both sides counts once on each)."""
        marks = _marks(actor_ids)
        excluded = f" AND e.status NOT IN ({_marks(exclude_statuses)})" if exclude_statuses else ""
        sides = [
            f"SELECT date(substr(e.date, 1, 10), '-6 days', 'weekday 1') AS week, '{side}' AS role, e.quad_class"
            f" FROM events e WHERE e.date IS NOT NULL{excluded}"
            f" AND EXISTS (SELECT 1 FROM json_each(e.{side}) WHERE value IN ({marks}))"
            for side in ("source", "target")
        ]
        rows = self.connection.execute(
            "SELECT week, role, quad_class, count(*) AS events FROM (" + " UNION ALL ".join(sides) + ")"
            " WHERE week IS NOT NULL GROUP BY week, role, quad_class ORDER BY week, role, quad_class",
            [*exclude_statuses, *actor_ids, *exclude_statuses, *actor_ids],
        )
        return [dict(row) for row in rows]

    def event_dyads(self, where: EventFilter = EventFilter(), limit: int = 100) -> list[dict[str, Any]]:
        """Source × target pairs of the events ``where`` selects, most frequent first, with names;
        an event with two sources and one target counts for both pairs."""
        clauses, parameters = self._event_where(where)
        rows = self.connection.execute(
            "SELECT s.value AS source, t.value AS target, count(*) AS events"
            " FROM events e, json_each(e.source) s, json_each(e.target) t WHERE s.value != t.value"
            + "".join(f" AND {clause}" for clause in clauses)
            + " GROUP BY s.value, t.value ORDER BY events DESC, s.value, t.value LIMIT ?",
            (*parameters, limit),
        )
        dyads = [dict(row) for row in rows]
        names = self.actor_names([actor for dyad in dyads for actor in (dyad["source"], dyad["target"])])
        for dyad in dyads:
            dyad["source_name"] = names.get(dyad["source"], dyad["source"])
            dyad["target_name"] = names.get(dyad["target"], dyad["target"])
        return dyads

    # --- actors --------------------------------------------------------------------------

    def actor_page(
        self,
        *,
        ids: Sequence[str] | None = None,
        actor_type: str | None = None,
        country: str | None = None,
        code: str | None = None,
        limit: int | None = 50,
        after: Sequence[Any] | None = None,
    ) -> Page:
        """Actors found in at least one article, most mentioned first, with how many mentions and
        articles, and every CAMEO code they were given. ``code`` is a prefix ("RUS" finds RUSGOV)."""
        clauses, parameters = [], []
        if ids is not None:
            clauses.append(f"a.id IN ({_marks(ids)})")
            parameters += list(ids)
        if actor_type:
            clauses.append("a.type = ?")
            parameters.append(actor_type)
        if country:
            clauses.append("a.country = ?")
            parameters.append(country)
        if code:
            clauses.append(
                f"EXISTS (SELECT 1 FROM article_actors c WHERE c.actor_id = a.id AND c.code LIKE ? {LIKE_ESCAPE})"
            )
            parameters.append(escape_like(code) + "%")
        outer, outer_parameters = ("", [])
        if after is not None:
            clause, outer_parameters = _after(ACTOR_KEYS, after)
            outer = " WHERE " + clause
        rows = self.connection.execute(
            "SELECT * FROM (SELECT a.id, a.name, a.type, a.country,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions,"
            " count(DISTINCT aa.article_id) AS articles, group_concat(DISTINCT aa.code) AS codes"
            " FROM actors a JOIN article_actors aa ON aa.actor_id = a.id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " GROUP BY a.id)"
            + outer
            + f" ORDER BY {_order(ACTOR_KEYS)} LIMIT ?",
            (*parameters, *outer_parameters, -1 if limit is None else limit + 1),
        ).fetchall()
        actors = [dict(row) for row in rows]
        for actor in actors:
            actor["codes"] = sorted(actor["codes"].split(",")) if actor["codes"] else []
        return _page(actors, limit, ("mentions", "id"))

    def actor_summary(self, actor_id: str) -> dict[str, Any] | None:
        """One actor of the directory with what the store knows of them: counts of mentions,
        articles, quotes and events on each side, and the first and last publication dates of the
        articles that mention them. None when the store has no such actor."""
        row = self.connection.execute(
            "SELECT a.id, a.name, a.type, a.country,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions,"
            " (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles,"
            " (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id) AS quotes,"
            " (SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM json_each(e.source) WHERE value = a.id))"
            " AS events_as_source,"
            " (SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM json_each(e.target) WHERE value = a.id))"
            " AS events_as_target,"
            " (SELECT min(substr(r.published, 1, 10)) FROM article_actors aa JOIN articles r ON r.id = aa.article_id"
            " WHERE aa.actor_id = a.id) AS first_seen,"
            " (SELECT max(substr(r.published, 1, 10)) FROM article_actors aa JOIN articles r ON r.id = aa.article_id"
            " WHERE aa.actor_id = a.id) AS last_seen"
            " FROM actors a WHERE a.id = ?",
            (actor_id,),
        ).fetchone()
        return dict(row) if row is not None else None

    def actor_forms(self, actor_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """How articles wrote this actor, most frequent first, with the resolution rules that linked
        each form ("Poutine": alias; "le président russe": role)."""
        rows = self.connection.execute(
            "SELECT text, count(*) AS mentions, count(DISTINCT article_id) AS articles,"
            " group_concat(DISTINCT rule) AS rules FROM mentions WHERE actor_id = ?"
            " GROUP BY text ORDER BY mentions DESC, text LIMIT ?",
            (actor_id, limit),
        )
        forms = [dict(row) for row in rows]
        for form in forms:
            form["rules"] = sorted(rule for rule in (form["rules"] or "").split(",") if rule)
        return forms

    def actor_codes(self, actor_id: str) -> list[dict[str, Any]]:
        """Each name and CAMEO code this actor was given on its articles' dates, with the first and
        last publication date and how many articles: the actor's codes over time as stored."""
        rows = self.connection.execute(
            "SELECT aa.name, aa.code, aa.country, count(*) AS articles,"
            " min(substr(a.published, 1, 10)) AS first, max(substr(a.published, 1, 10)) AS last"
            " FROM article_actors aa JOIN articles a ON a.id = aa.article_id WHERE aa.actor_id = ?"
            " GROUP BY aa.name, aa.code, aa.country ORDER BY first IS NULL, first, aa.code",
            (actor_id,),
        )
        return [dict(row) for row in rows]

    def actor_counterparts(self, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """The actors this one acts toward (``as_target``: this actor → them) and is acted on by
        (``as_source``: them → this actor), most events first."""
        rows = self.connection.execute(
            "SELECT other AS id, sum(toward) AS as_target, sum(from_other) AS as_source,"
            " sum(toward) + sum(from_other) AS events FROM ("
            " SELECT t.value AS other, 1 AS toward, 0 AS from_other FROM events e, json_each(e.source) s,"
            " json_each(e.target) t WHERE s.value = ? AND t.value != ?"
            " UNION ALL"
            " SELECT s.value, 0, 1 FROM events e, json_each(e.source) s, json_each(e.target) t"
            " WHERE t.value = ? AND s.value != ?"
            ") GROUP BY other ORDER BY events DESC, other LIMIT ?",
            (actor_id, actor_id, actor_id, actor_id, limit),
        )
        counterparts = [dict(row) for row in rows]
        names = self.actor_names([row["id"] for row in counterparts])
        for row in counterparts:
            row["name"] = names.get(row["id"], row["id"])
        return counterparts

    # --- the whole store -----------------------------------------------------------------

    def totals(self) -> dict[str, Any]:
        """How much the store holds, and the publication dates it spans."""
        row = self.connection.execute(
            "SELECT (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(DISTINCT actor_id) FROM article_actors) AS actors,"
            " (SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM quotes) AS quotes,"
            " (SELECT count(*) FROM events) AS events,"
            " (SELECT count(DISTINCT site COLLATE NOCASE) FROM articles WHERE site IS NOT NULL) AS sites,"
            " (SELECT min(substr(published, 1, 10)) FROM articles) AS first_published,"
            " (SELECT max(substr(published, 1, 10)) FROM articles) AS last_published"
        ).fetchone()
        return dict(row)

    def _search(self, sql: str, parameters: Sequence[Any], words: str | None) -> list[dict[str, Any]]:
        """Run a query that may hold a user's FTS5 expression: one SQLite rejects is a :class:`BadQuery`."""
        try:
            return [dict(row) for row in self.connection.execute(sql, parameters)]
        except sqlite3.OperationalError as error:
            if not words:  # only the search expression comes from the user as SQL syntax
                raise
            raise BadQuery(f"bad search expression {words!r}: {error}") from error
