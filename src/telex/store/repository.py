"""The article store: the only place in telex that speaks SQL.

One :class:`Store` owns one SQLite connection. Writes happen in batches, one transaction per
batch, so an interrupted ingest leaves whole articles or none; because articles are keyed by
the hash of their text, re-running the same ingest completes it without duplicates. Records go
in and come out through the mappings of :mod:`telex.store.columns`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from telex.errors import (
    ArticleNotFound,
    ArticleNotStored,
    DocumentError,
    StoreSchemaOutdated,
    StoreUnavailable,
    StoreWriteFailed,
)
from telex.records import Analysis, Article, StoredArticle
from telex.store.browse import LIKE_ESCAPE, ArticleFilter, BrowseQueries, EventFilter, QuoteFilter, escape_like
from telex.store.columns import ACTORS, ANALYSIS_TABLES, ARTICLES, EVENTS, MENTIONS, QUOTES, RecordTable
from telex.store.migrate import NewerSchema, NotATelexStore, latest_version, migrate, schema_version

BUSY_TIMEOUT = 30.0  # seconds a store waits for another process's write lock

DB_ENVIRONMENT_VARIABLE = "TELEX_DB"
DEFAULT_DB = "telex.db"
CHUNK = 500  # ids per ``IN (...)`` list, well under SQLite's limit on parameters


def default_db_path() -> Path:
    """``$TELEX_DB`` when set, else ``./telex.db``."""
    return Path(os.environ.get(DB_ENVIRONMENT_VARIABLE) or DEFAULT_DB)


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: str
    status: str  # added | present
    version: int = 1


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# what the database raises for one article's values (not for the store as a whole)
_REFUSED = (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError, ValueError, TypeError, OverflowError)


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch a store to WAL, waiting for other processes as the busy timeout does: SQLite answers
    "database is locked" at once, without its busy handler, when another connection is creating or
    switching the same new file (several ingests started on one new store)."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``): SQLite never creates, migrates or converts the file.
    Not tied to the thread that opened it (a server lends it to one request at a time).

    A store in WAL mode needs its ``-shm`` file beside it; in a read-only folder that file cannot
    be made. When no ``-wal`` file exists there either, no writer can be changing the store (it
    would need one), so it is opened as immutable, which needs neither."""
    location = "file:" + quote(os.fsencode(path.absolute()))
    connection = sqlite3.connect(
        location + "?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False
    )
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        connection.close()
        if path.with_name(path.name + "-wal").exists():
            raise
        connection = sqlite3.connect(
            location + "?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
    return connection


def _explained(error: sqlite3.Error) -> str:
    """SQLite's message, with what to do about the errors a user can cause."""
    message = str(error)
    lowered = message.lower()
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"{message} (free some space, then re-run the same command)"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{message} (the file or its folder is read-only)"
    if "locked" in lowered or "busy" in lowered:
        return f"{message} (another process is writing to it; try again when it is done)"
    if "not a database" in lowered:
        return f"{message} (not an SQLite file)"
    if "unable to open" in lowered:
        return f"{message} (a folder, a missing folder, or no permission)"
    return message


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


class Store(BrowseQueries):
    """An SQLite file of articles and what was extracted from them.

    ``Store(path)`` opens a store for reading and writing, creating it (and bringing an older
    one up to date) as needed. ``read_only=True`` opens an existing store for reading only
    (SQLite refuses every write): the file is never created, migrated or switched to another
    journal mode, which is how every command that only reads opens it, and what a server's read
    requests use, so that no request can change the store; such a store may be handed from thread
    to thread, used by one at a time. ``create=False`` refuses a path where no store exists.
    A database that is not a telex store, or a store of a newer telex, is refused before
    anything is written to it; a store of an older telex opened read-only is refused as
    :class:`StoreSchemaOutdated` (``telex upgrade`` brings it up to date).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.migrated: list[str] = []  # the migrations this opening applied (telex upgrade reports them)
        shown = str(self.path)
        if (read_only or not create) and not self.path.exists():
            raise StoreUnavailable(f"cannot open the store {shown!r}: no such file (telex ingest creates a store)")
        try:
            if read_only:
                self.connection = _connect_read_only(self.path)
            else:
                self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        except sqlite3.Error as error:
            raise StoreUnavailable(f"cannot open the store {shown!r}: {_explained(error)}") from error
        try:
            self.connection.row_factory = sqlite3.Row
            version = schema_version(self.connection)  # reads only: a foreign file is left untouched
            if read_only:
                self.connection.execute("PRAGMA query_only = ON")
                self._check_readable(version)
            else:
                _use_wal(self.connection)
                self.connection.execute("PRAGMA synchronous = NORMAL")
                self.migrated = migrate(self.connection)
            self.connection.execute("PRAGMA foreign_keys = ON")
        except StoreUnavailable:  # an older store opened read-only
            self.connection.close()
            raise
        except NotATelexStore as error:
            self.connection.close()
            raise StoreUnavailable(
                f"cannot open the store {shown!r}: it is an SQLite database but not a telex store ({error});"
                " give another --db"
            ) from None
        except NewerSchema as error:
            self.connection.close()
            raise StoreUnavailable(
                f"cannot open the store {shown!r}: it was written by a newer telex ({error}); upgrade telex to use it"
            ) from None
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreUnavailable(f"cannot open the store {shown!r}: {_explained(error)}") from error

    def _check_readable(self, version: int) -> None:
        if version == 0:
            raise NotATelexStore("an empty database")
        if version < latest_version():
            raise StoreSchemaOutdated(
                f"the store {str(self.path)!r} was made by an older telex (schema version {version} of"
                f" {latest_version()}); run 'telex upgrade --db {self.path}' once, then try again"
            )

    def close(self) -> None:
        self.connection.close()

    def files(self) -> tuple[Path, ...]:
        """The store's file and the files SQLite keeps beside it: what no export may overwrite."""
        return (self.path, *(self.path.with_name(self.path.name + suffix) for suffix in ("-wal", "-shm", "-journal")))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if anything (an
        error, Ctrl-C) interrupts it, so readers and a re-run never see half of it. Not nested.

        ``BEGIN IMMEDIATE`` takes the write lock at the start, so two writers wait for each other
        (up to the connection's timeout) instead of failing halfway through a batch. An error of
        the store itself (a full disk, a read-only file, a lock held too long) becomes
        :class:`StoreWriteFailed`: what earlier transactions stored is intact.
        """
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield connection
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:  # SQLite may already have rolled back on its own
                with suppress(sqlite3.Error):  # a store failing as a whole: SQLite rolls back on close
                    connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
                error, sqlite3.IntegrityError | sqlite3.DataError
            ):
                raise StoreWriteFailed(
                    f"cannot write to the store {str(self.path)!r}: {_explained(error)};"
                    " everything stored before is intact"
                ) from error
            raise

    # --- writing -------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored: lets ingest skip the NLP for them."""
        return self._present("SELECT content_hash FROM articles WHERE content_hash IN ({marks})", hashes)

    def _present(self, query: str, keys: Sequence[str]) -> set[str]:
        """The ``keys`` a one-column ``IN ({marks})`` query finds, asked in chunks of parameters."""
        found: set[str] = set()
        for chunk in _chunks(keys):
            rows = self.connection.execute(query.format(marks=",".join("?" * len(chunk))), chunk)
            found.update(row[0] for row in rows)
        return found

    def add(
        self, items: Sequence[tuple[Article, Analysis | None]], pipeline: str = "", unit: str | None = None
    ) -> list[AddResult]:
        """Store a batch in one transaction: all of it, or nothing if interrupted. ``unit`` names the
        unit of work the batch completes (:meth:`done_units`), recorded in the same transaction."""
        with self.transaction():
            added = [self._add_one(article, analysis, pipeline) for article, analysis in items]
            if unit is not None:
                self.connection.execute(
                    "INSERT OR REPLACE INTO ingest_units (key, done_at) VALUES (?, ?)", (unit, _now())
                )
            return added

    def done_units(self, keys: Sequence[str]) -> set[str]:
        """Which of these units of work an ingest already stored whole."""
        return self._present("SELECT key FROM ingest_units WHERE key IN ({marks})", keys)

    def add_each(
        self, items: Sequence[tuple[Article, Analysis | None]], pipeline: str = "", unit: str | None = None
    ) -> list[AddResult | DocumentError]:
        """Store a batch in one transaction, one savepoint per article: an article the database
        refuses (a value it cannot hold, a constraint it breaks) is rolled back alone and comes
        back as :class:`ArticleNotStored`, in its place; the others are stored. An error of the
        store itself (full disk, read-only file) still stops the batch (:class:`StoreWriteFailed`).
        ``unit`` names the unit of work the batch completes (:meth:`done_units`), recorded in the
        same transaction when every article of it was stored (else a re-run retries the refused)."""
        results: list[AddResult | DocumentError] = []
        with self.transaction() as connection:
            for article, analysis in items:
                connection.execute("SAVEPOINT article")
                try:
                    results.append(self._add_one(article, analysis, pipeline))
                except (
                    sqlite3.IntegrityError,
                    sqlite3.DataError,
                    sqlite3.InterfaceError,
                    ValueError,
                    TypeError,
                ) as error:
                    connection.execute("ROLLBACK TO article")
                    results.append(ArticleNotStored(article.source, f"{type(error).__name__}: {error}"))
                connection.execute("RELEASE article")
            if unit is not None and not any(isinstance(result, DocumentError) for result in results):
                connection.execute("INSERT OR REPLACE INTO ingest_units (key, done_at) VALUES (?, ?)", (unit, _now()))
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
        connection.execute(ARTICLES.insert_sql(), ARTICLES.row(article, version, previous_id, now))
        connection.execute(
            "INSERT INTO article_sources (article_id, source, url, seen_at) VALUES (?, ?, ?, ?)",
            (article.id, article.source, article.url, now),
        )
        if analysis is not None:
            self._write_analysis(article.id, analysis, now, pipeline)
        return AddResult(article.id, "added", version)

    def replace_analyses(self, items: Sequence[tuple[str, Analysis]], pipeline: str = "") -> None:
        """Swap in new extraction results for stored articles (``telex reprocess``), one transaction."""
        with self.transaction():
            for article_id, analysis in items:
                self._delete_analysis(article_id)
                self._write_analysis(article_id, analysis, _now(), pipeline)

    def _delete_analysis(self, article_id: str) -> None:
        for table in (*(layer.table for layer in ANALYSIS_TABLES), "analyses", "quotes_fts"):
            self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _write_analysis(self, article_id: str, analysis: Analysis, now: str, pipeline: str = "") -> None:
        connection = self.connection
        # the directory first: article_actors rows reference it
        connection.executemany(
            "INSERT INTO actors (id, name, type, country) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,"
            " country = excluded.country",
            [(actor.id, actor.name, actor.type, actor.country) for actor in analysis.actors],
        )
        connection.executemany(ACTORS.insert_sql(), [ACTORS.row(actor, article_id) for actor in analysis.actors])
        connection.executemany(MENTIONS.insert_sql(), [MENTIONS.row(m, article_id) for m in analysis.mentions])
        connection.executemany(
            QUOTES.insert_sql(), [QUOTES.row(quote, article_id, n) for n, quote in enumerate(analysis.quotes)]
        )
        connection.executemany(
            "INSERT INTO quotes_fts (text, article_id, position) VALUES (?, ?, ?)",
            [(quote.text, article_id, n) for n, quote in enumerate(analysis.quotes)],
        )
        connection.executemany(
            EVENTS.insert_sql(), [EVENTS.row(event, article_id, n) for n, event in enumerate(analysis.events)]
        )
        connection.execute(
            "INSERT OR REPLACE INTO analyses (article_id, pipeline, analysed_at, notes) VALUES (?, ?, ?, ?)",
            (article_id, pipeline, now, json.dumps(analysis.notes, ensure_ascii=False)),
        )

    # --- reading -------------------------------------------------------------------------

    def count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    def data_version(self) -> int:
        """A number that changes whenever another connection (or process) commits to the store:
        what a cache of answers read through this connection is keyed on."""
        return self.connection.execute("PRAGMA data_version").fetchone()[0]

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one article whose id starts with ``id_or_prefix``."""
        rows = self.connection.execute(
            f"SELECT id FROM articles WHERE id LIKE ? {LIKE_ESCAPE} LIMIT 2", (escape_like(id_or_prefix) + "%",)
        ).fetchall()
        if not rows:
            raise ArticleNotFound(f"no article with id {id_or_prefix!r}")
        if len(rows) > 1:
            raise ArticleNotFound(f"id prefix {id_or_prefix!r} matches several articles; give more characters")
        return rows[0][0]

    def get(self, id_or_prefix: str) -> StoredArticle:
        """One article with its version and every source it was seen at; a unique prefix of its id
        is enough. Raises :class:`ArticleNotFound`."""
        return self._stored(self.resolve_id(id_or_prefix))

    def _stored(self, article_id: str) -> StoredArticle:
        row = self.connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        sources = [
            r[0]
            for r in self.connection.execute(
                "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source",
                (article_id,),
            )
        ]
        return _stored_from_row(row, sources)

    def list(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        """Articles newest ingested first, without their full text sources."""
        rows = self.connection.execute(
            "SELECT * FROM articles ORDER BY ingested_at DESC, rowid DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [_stored_from_row(row) for row in rows]

    def article_ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM articles ORDER BY rowid")]

    def articles_with_analyses(self, where: ArticleFilter | None = None) -> Iterator[tuple[StoredArticle, Analysis]]:
        """Every stored article, in the order it was stored, with its (maybe empty) analysis: what
        an export writes. The ids are read first, so no read stays open between two articles.

        With ``where``, the articles it selects, newest first, their ids read a page at a time
        (:meth:`iter_article_ids`): a filtered export of any size never holds every id."""
        for article_id in self.article_ids() if where is None else self.iter_article_ids(where):
            yield self._stored(article_id), self.analysis(article_id)

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
        rows = self.connection.execute(
            f"SELECT id FROM actors WHERE id = ? OR name LIKE ? {LIKE_ESCAPE} ORDER BY name",
            (name, "%" + escape_like(name) + "%"),
        )
        return [row[0] for row in rows]

    def actor_ids_coded(self, code: str) -> list[str]:
        """Actors of a country (ISO3) or carrying a CAMEO actor code in some article ("RUSGOV")."""
        rows = self.connection.execute(
            "SELECT id FROM actors WHERE country = ? UNION SELECT actor_id FROM article_actors WHERE code = ?",
            (code, code),
        )
        return [row[0] for row in rows]

    def actor_names(self, actor_ids: Sequence[str]) -> dict[str, str]:
        """The canonical name of each of these actors that the store knows."""
        names: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(actor_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", chunk)
            names.update((row[0], row[1]) for row in rows)
        return names

    def search_quotes(
        self,
        speakers: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        words: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes, newest articles first; ``words`` is an FTS5 query over the quoted text, and one
        SQLite rejects raises :class:`BadQuery`. (:meth:`quote_page` pages and filters further.)"""
        return self.quote_page(QuoteFilter(speakers, words, since, until), limit=limit).items

    def search_events(
        self,
        actors: Sequence[str] | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events, newest first; ``actors`` match either side; ``code`` matches a CAMEO prefix.
        (:meth:`event_page` pages and filters further.)"""
        return self.event_page(EventFilter(actors=actors, code=code, since=since, until=until), limit=limit).items

    def analysis(self, article_id: str) -> Analysis:
        """The stored extraction results of one article, as records."""

        def rows(table: RecordTable) -> list[Any]:
            return [table.from_row(row) for row in self.connection.execute(table.select_sql(), (article_id,))]

        noted = self.connection.execute("SELECT notes FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return Analysis(
            actors=rows(ACTORS),
            mentions=rows(MENTIONS),
            quotes=rows(QUOTES),
            events=rows(EVENTS),
            notes=json.loads(noted[0]) if noted is not None else [],
        )


def _stored_from_row(row: sqlite3.Row, sources: list[str] | None = None) -> StoredArticle:
    return StoredArticle(ARTICLES.from_row(row), row["version"], row["previous_id"], row["ingested_at"], sources or [])
