"""Versioned schema migrations: numbered SQL files applied once each, in order; and the check
that a database is a telex store this version can use.

Applying takes SQLite's write lock first (``BEGIN IMMEDIATE``) and looks at what is applied
inside it, so several processes creating or upgrading one store at once wait for each other
and each migration runs exactly once. All pending migrations apply in one transaction: a store
is at one version or the next, never in between.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
)


class NotATelexStore(Exception):
    """The database holds tables, but not a telex store's (another application's file)."""


class NewerSchema(Exception):
    """The store was written by a newer telex: this version does not know its schema."""

    def __init__(self, version: int, known: int) -> None:
        super().__init__(f"schema version {version}; this telex knows up to {known}")
        self.version = version
        self.known = known


def available_migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every packaged migration, in order."""
    folder = resources.files("telex.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return max(version for version, _name, _sql in available_migrations())


def schema_version(connection: sqlite3.Connection) -> int | None:
    """The store's schema version: 0 for an empty database (a new store), None when the database
    is not a telex store. Raises :class:`NotATelexStore` for another application's database and
    :class:`NewerSchema` for a store of a newer telex. Reads only; never writes."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return 0
    if "schema_migrations" not in tables:
        raise NotATelexStore(f"tables {', '.join(sorted(tables)[:5])}{'…' if len(tables) > 5 else ''}")
    try:
        rows = connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    except sqlite3.OperationalError as error:  # a schema_migrations table of another shape (Rails has one)
        raise NotATelexStore(f"its schema_migrations table is not telex's ({error})") from error
    known = {version: name for version, name, _sql in available_migrations()}
    newest = max(known)
    for version, name in rows:
        if not isinstance(version, int) or (version in known and name != known[version]):
            raise NotATelexStore(f"migration {version!r} is {name!r}, not one of telex's")
    versions = [version for version, _name in rows]
    if versions and max(versions) > newest:
        raise NewerSchema(max(versions), newest)
    if "articles" not in tables and versions:
        raise NotATelexStore("no articles table")
    return max(versions, default=0)


def _statements(sql: str) -> list[str]:
    """The statements of a migration file, split where SQLite says a statement is complete (a
    semicolon inside a string or a comment does not end one)."""
    statements, pending = [], ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                statements.append(pending)
            pending = ""
    if pending.strip(" \t\r\n;"):
        statements.append(pending)
    return statements


def migrate(connection: sqlite3.Connection) -> list[str]:
    """Bring the schema up to date (a connection in autocommit mode); returns the migrations applied.

    Nothing is written when the store is up to date. Otherwise the write lock is taken first and
    the applied versions read under it: a second process creating the same store waits, then
    finds the work done. Raises :class:`NotATelexStore` and :class:`NewerSchema` as
    :func:`schema_version` does, before writing anything.
    """
    migrations = available_migrations()
    current = schema_version(connection)
    if current == migrations[-1][0]:
        return []
    connection.execute("BEGIN IMMEDIATE")
    try:
        schema_version(connection)  # checked again under the lock: another process may have begun
        connection.execute(_CREATE_TABLE)
        applied = {row[0] for row in connection.execute("SELECT version FROM schema_migrations")}
        done = []
        for version, name, sql in migrations:
            if version in applied:
                continue
            for statement in _statements(sql):
                connection.execute(statement)
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
            done.append(name)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return done
