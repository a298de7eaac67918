"""The article store: the only place in telex that speaks SQL.

One :class:`Store` owns one SQLite connection. Writes happen in batches, one transaction per
batch, so an interrupted ingest leaves whole articles or none; because articles are keyed by
the hash of their text, re-running the same ingest completes it without duplicates.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telex.records import Analysis, Article, Author
from telex.store.migrate import migrate

DB_ENVIRONMENT_VARIABLE = "TELEX_DB"
DEFAULT_DB = "telex.db"


def default_db_path() -> Path:
    """``$TELEX_DB`` when set, else ``./telex.db``."""
    return Path(os.environ.get(DB_ENVIRONMENT_VARIABLE) or DEFAULT_DB)


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    status: str  # added | present
    version: int = 1


@dataclass(slots=True)
class StoredArticle:
    """An article as stored, with what the store knows about it beyond the cleaning."""

    article: Article
    version: int
    previous_id: str | None
    ingested_at: str
    sources: list[str] = field(default_factory=list)


class ArticleNotFound(LookupError):
    pass


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authors_json(authors: Sequence[Author]) -> str:
    return json.dumps([{"name": a.name, "role": a.role} for a in authors], ensure_ascii=False)


class Store:
    """An SQLite file of articles and what was extracted from them."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("PRAGMA synchronous = NORMAL")
        self.connection.execute("PRAGMA foreign_keys = ON")
        migrate(self.connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored: lets ingest skip the NLP for them."""
        found: set[str] = set()
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def add(self, items: Sequence[tuple[Article, Analysis | None]], pipeline: str = "") -> list[AddResult]:
        """Store a batch in one transaction: all of it, or nothing if interrupted."""
        results: list[AddResult] = []
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            for article, analysis in items:
                results.append(self._add_one(article, analysis, pipeline))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return results

    def _add_one(self, article: Article, analysis: Analysis | None, pipeline: str) -> AddResult:
        connection = self.connection
        now = _now()
        existing = connection.execute(
            "SELECT id, version FROM articles WHERE content_hash = ?", (article.content_hash,)
        ).fetchone()
        if existing is not None:
            connection.execute(
                "INSERT OR IGNORE INTO article_sources (article_id, source, url, seen_at) VALUES (?, ?, ?, ?)",
                (existing["id"], article.source, article.url, now),
            )
            return AddResult(existing["id"], "present", existing["version"])
        version, previous_id = 1, None
        if article.url:
            latest = connection.execute(
                "SELECT id, version FROM articles WHERE url = ? ORDER BY version DESC LIMIT 1", (article.url,)
            ).fetchone()
            if latest is not None:
                version, previous_id = latest["version"] + 1, latest["id"]
        connection.execute(
            "INSERT INTO articles (id, content_hash, url, site, title, authors, published, published_from,"
            " language, text, raw_text, raw_offsets, source, kind, version, previous_id, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.content_hash,
                article.url,
                article.site,
                article.title,
                _authors_json(article.authors),
                article.published,
                article.published_from,
                article.language,
                article.text,
                article.raw_text,
                json.dumps([list(run) for run in article.raw_offsets]),
                article.source,
                article.kind,
                version,
                previous_id,
                now,
            ),
        )
        connection.execute(
            "INSERT INTO article_sources (article_id, source, url, seen_at) VALUES (?, ?, ?, ?)",
            (article.id, article.source, article.url, now),
        )
        if analysis is not None:
            self._write_analysis(article.id, analysis, now, pipeline)
        return AddResult(article.id, "added", version)

    def replace_analyses(self, items: Sequence[tuple[str, Analysis]], pipeline: str = "") -> None:
        """Swap in new extraction results for stored articles (``telex reprocess``), one transaction."""
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            for article_id, analysis in items:
                self._delete_analysis(article_id)
                self._write_analysis(article_id, analysis, _now(), pipeline)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _delete_analysis(self, article_id: str) -> None:
        for table in ("article_actors", "mentions", "quotes", "events", "analyses"):
            self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.connection.execute("DELETE FROM quotes_fts WHERE article_id = ?", (article_id,))

    def _write_analysis(self, article_id: str, analysis: Analysis, now: str, pipeline: str = "") -> None:
        connection = self.connection
        for actor in analysis.actors:
            connection.execute(
                "INSERT INTO actors (id, name, type, country) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,"
                " country = excluded.country",
                (actor.id, actor.name, actor.type, actor.country),
            )
            connection.execute(
                "INSERT OR REPLACE INTO article_actors (article_id, actor_id, name, type, country, code)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, actor.id, actor.name, actor.type, actor.country, actor.code),
            )
        connection.executemany(
            'INSERT OR IGNORE INTO mentions (article_id, start, "end", text, actor_id, rule) VALUES (?, ?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.text, m.actor, m.rule) for m in analysis.mentions],
        )
        for position, quote in enumerate(analysis.quotes):
            connection.execute(
                'INSERT INTO quotes (article_id, position, start, "end", text, kind, speaker_id, cue, cue_start,'
                " cue_end, speaker_start, speaker_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    position,
                    quote.start,
                    quote.end,
                    quote.text,
                    quote.kind,
                    quote.speaker,
                    quote.cue,
                    quote.cue_start,
                    quote.cue_end,
                    quote.speaker_start,
                    quote.speaker_end,
                ),
            )
            connection.execute(
                "INSERT INTO quotes_fts (text, article_id, position) VALUES (?, ?, ?)",
                (quote.text, article_id, position),
            )
        for position, event in enumerate(analysis.events):
            connection.execute(
                'INSERT INTO events (article_id, position, start, "end", trigger, trigger_start, trigger_end,'
                " source, target, cameo, plover, plover_mode, quad_class, goldstein, date, date_source, status,"
                " location_name, location_country, quote_position, rule)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    position,
                    event.start,
                    event.end,
                    event.trigger,
                    event.trigger_start,
                    event.trigger_end,
                    json.dumps(list(event.source)),
                    json.dumps(list(event.target)),
                    event.cameo,
                    event.plover,
                    event.plover_mode,
                    event.quad_class,
                    event.goldstein,
                    event.date,
                    event.date_source,
                    event.status,
                    event.location.name if event.location else None,
                    event.location.country if event.location else None,
                    event.quote,
                    event.rule,
                ),
            )
        connection.execute(
            "INSERT OR REPLACE INTO analyses (article_id, pipeline, analysed_at) VALUES (?, ?, ?)",
            (article_id, pipeline, now),
        )

    # --- reading -------------------------------------------------------------------------

    def count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one article whose id starts with ``id_or_prefix``."""
        pattern = id_or_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)
        ).fetchall()
        if not rows:
            raise ArticleNotFound(f"no article with id {id_or_prefix!r}")
        if len(rows) > 1:
            raise ArticleNotFound(f"id prefix {id_or_prefix!r} matches several articles; give more characters")
        return rows[0][0]

    def get(self, id_or_prefix: str) -> StoredArticle:
        article_id = self.resolve_id(id_or_prefix)
        row = self.connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        sources = [
            r[0]
            for r in self.connection.execute(
                "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source",
                (article_id,),
            )
        ]
        return StoredArticle(_article_from_row(row), row["version"], row["previous_id"], row["ingested_at"], sources)

    def list(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        """Articles newest ingested first, without their full text sources."""
        rows = self.connection.execute(
            "SELECT * FROM articles ORDER BY ingested_at DESC, rowid DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [StoredArticle(_article_from_row(r), r["version"], r["previous_id"], r["ingested_at"]) for r in rows]

    def article_ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM articles ORDER BY rowid")]

    def stale_article_ids(self, pipeline: str) -> list[str]:
        """Articles never analysed, or analysed by another pipeline version."""
        rows = self.connection.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
            " WHERE n.pipeline IS NULL OR n.pipeline != ? ORDER BY a.rowid",
            (pipeline,),
        )
        return [row[0] for row in rows]

    def actor_counts(self, limit: int | None = None, actor_type: str | None = None) -> list[dict[str, Any]]:
        """Actors with how often and in how many articles they are mentioned, most mentioned first."""
        rows = self.connection.execute(
            "SELECT a.id, a.name, a.type, a.country, count(m.actor_id) AS mentions,"
            " count(DISTINCT m.article_id) AS articles FROM actors a JOIN mentions m ON m.actor_id = a.id"
            " WHERE (? IS NULL OR a.type = ?) GROUP BY a.id ORDER BY mentions DESC, a.name LIMIT ?",
            (actor_type, actor_type, -1 if limit is None else limit),
        )
        return [dict(row) for row in rows]

    def actor_ids_named(self, name: str) -> list[str]:
        """Stored actors whose id is ``name`` or whose canonical name contains it (any case)."""
        pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.connection.execute(
            "SELECT id FROM actors WHERE id = ? OR name LIKE ? ESCAPE '\\' ORDER BY name", (name, pattern)
        )
        return [row[0] for row in rows]

    def actor_ids_coded(self, code: str) -> list[str]:
        """Actors of a country (ISO3) or carrying a CAMEO actor code in some article ("RUSGOV")."""
        rows = self.connection.execute(
            "SELECT id FROM actors WHERE country = ? UNION SELECT actor_id FROM article_actors WHERE code = ?",
            (code, code),
        )
        return [row[0] for row in rows]

    def search_quotes(
        self,
        speakers: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        words: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes, newest articles first; ``words`` is an FTS5 query over the quoted text."""
        clauses, parameters = [], []
        if speakers is not None:
            clauses.append(f"q.speaker_id IN ({','.join('?' * len(speakers))})")
            parameters += list(speakers)
        if since:
            clauses.append("a.published >= ?")
            parameters.append(since)
        if until:
            clauses.append("substr(a.published, 1, 10) <= ?")
            parameters.append(until)
        if words:
            clauses.append(
                "(q.article_id, q.position) IN (SELECT article_id, position FROM quotes_fts WHERE quotes_fts MATCH ?)"
            )
            parameters.append(words)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.connection.execute(
            "SELECT q.article_id, q.position, q.text, q.kind, q.cue, q.speaker_id, s.name AS speaker,"
            " a.published, a.title FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN actors s ON s.id = q.speaker_id"
            + where
            + " ORDER BY a.published DESC, q.article_id, q.position LIMIT ?",
            (*parameters, -1 if limit is None else limit),
        )
        return [dict(row) for row in rows]

    def search_events(
        self,
        actors: Sequence[str] | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events, newest first; ``actors`` match either side; ``code`` matches a CAMEO prefix."""
        clauses, parameters = [], []
        if actors is not None:
            marks = ",".join("?" * len(actors))
            clauses.append(
                f"(EXISTS (SELECT 1 FROM json_each(e.source) WHERE value IN ({marks}))"
                f" OR EXISTS (SELECT 1 FROM json_each(e.target) WHERE value IN ({marks})))"
            )
            parameters += list(actors) * 2
        if code:
            clauses.append("e.cameo LIKE ? ESCAPE '\\'")
            parameters.append(code.replace("%", "\\%").replace("_", "\\_") + "%")
        if since:
            clauses.append("e.date >= ?")
            parameters.append(since)
        if until:
            clauses.append("e.date <= ?")
            parameters.append(until)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.connection.execute(
            "SELECT e.*, a.title FROM events e JOIN articles a ON a.id = e.article_id"
            + where
            + " ORDER BY e.date DESC, e.article_id, e.position LIMIT ?",
            (*parameters, -1 if limit is None else limit),
        )
        events = []
        names = {}
        for row in rows:
            event = dict(row)
            event["source"], event["target"] = json.loads(event["source"]), json.loads(event["target"])
            for actor_id in event["source"] + event["target"]:
                if actor_id not in names:
                    found = self.connection.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
                    names[actor_id] = found[0] if found else actor_id
            event["source_names"] = [names[a] for a in event["source"]]
            event["target_names"] = [names[a] for a in event["target"]]
            events.append(event)
        return events

    def analysis(self, article_id: str) -> Analysis:
        """The stored extraction results of one article, as records."""
        from telex.records import Actor, Event, Location, Mention, Quote

        connection = self.connection
        actors = [
            Actor(r["actor_id"], r["name"], r["type"], r["country"], r["code"])
            for r in connection.execute(
                "SELECT * FROM article_actors WHERE article_id = ? ORDER BY name", (article_id,)
            )
        ]
        mentions = [
            Mention(r["start"], r["end"], r["text"], r["actor_id"], r["rule"])
            for r in connection.execute(
                'SELECT * FROM mentions WHERE article_id = ? ORDER BY start, "end"', (article_id,)
            )
        ]
        quotes = [
            Quote(
                r["start"],
                r["end"],
                r["text"],
                r["kind"],
                r["speaker_id"],
                r["cue"],
                r["cue_start"],
                r["cue_end"],
                r["speaker_start"],
                r["speaker_end"],
            )
            for r in connection.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY position", (article_id,))
        ]
        events = [
            Event(
                start=r["start"],
                end=r["end"],
                trigger=r["trigger"],
                trigger_start=r["trigger_start"],
                trigger_end=r["trigger_end"],
                cameo=r["cameo"],
                source=tuple(json.loads(r["source"])),
                target=tuple(json.loads(r["target"])),
                plover=r["plover"],
                plover_mode=r["plover_mode"],
                quad_class=r["quad_class"],
                goldstein=r["goldstein"],
                date=r["date"],
                date_source=r["date_source"],
                status=r["status"],
                location=Location(r["location_name"], r["location_country"]) if r["location_name"] else None,
                quote=r["quote_position"],
                rule=r["rule"],
            )
            for r in connection.execute("SELECT * FROM events WHERE article_id = ? ORDER BY position", (article_id,))
        ]
        return Analysis(actors, mentions, quotes, events)

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored article in the export contract's shape (docs/record-format.md)."""
        for article_id in self.article_ids():
            yield self.record(article_id)

    def record(self, id_or_prefix: str) -> dict[str, Any]:
        stored = self.get(id_or_prefix)
        return article_record(stored, self.analysis(stored.article.id))


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        content_hash=row["content_hash"],
        text=row["text"],
        source=row["source"],
        kind=row["kind"],
        url=row["url"],
        site=row["site"],
        title=row["title"],
        authors=tuple(Author(a["name"], a.get("role")) for a in json.loads(row["authors"])),
        published=row["published"],
        published_from=row["published_from"],
        language=row["language"],
        raw_text=row["raw_text"],
        raw_offsets=tuple(tuple(run) for run in json.loads(row["raw_offsets"])),
    )


def article_record(stored: StoredArticle, analysis: Analysis) -> dict[str, Any]:
    """One article as the export contract describes it; extra fields come after the contract's."""
    article = stored.article
    return {
        "id": article.id,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "authors": [{"name": a.name, "role": a.role} for a in article.authors],
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "actors": [
            {"id": a.id, "name": a.name, "type": a.type, "country": a.country, "code": a.code} for a in analysis.actors
        ],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "actor": m.actor, "rule": m.rule}
            for m in analysis.mentions
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "cue": q.cue,
                "kind": q.kind,
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
            }
            for q in analysis.quotes
        ],
        "events": [
            {
                "start": e.start,
                "end": e.end,
                "trigger": e.trigger,
                "source": list(e.source),
                "target": list(e.target),
                "cameo": e.cameo,
                "plover": e.plover,
                "quad_class": e.quad_class,
                "goldstein": e.goldstein,
                "date": e.date,
                "date_source": e.date_source,
                "status": e.status,
                "location": {"name": e.location.name, "country": e.location.country} if e.location else None,
                "trigger_start": e.trigger_start,
                "trigger_end": e.trigger_end,
                "plover_mode": e.plover_mode,
                "quote": e.quote,
                "rule": e.rule,
            }
            for e in analysis.events
        ],
        "content_hash": article.content_hash,
        "published_from": article.published_from,
        "source": article.source,
        "sources": stored.sources,
        "kind": article.kind,
        "version": stored.version,
        "previous_id": stored.previous_id,
        "ingested_at": stored.ingested_at,
        "raw_text": article.raw_text,
        "raw_offsets": [list(run) for run in article.raw_offsets],
    }
