"""How each record type is laid out in SQLite: one field-to-column mapping per record type.

The same mapping writes a record and reads it back, so a field cannot be stored under one
name and read under another. Adding a field to a record means adding it there, here and in a
migration; a mapping that misses a field of its record fails at import, and the tests check
every mapped column against the migrated schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from telex.records import Actor, Article, Author, Block, Event, Location, Mention, Quote


@dataclass(frozen=True, slots=True)
class Column:
    """One record field and the column(s) that hold it, with the conversion each way.

    ``to_sql`` turns the field's value into one value per column; ``from_sql`` takes the
    column values, in the same order, and gives back the field's value.
    """

    field: str
    columns: tuple[str, ...]
    to_sql: Callable[[Any], tuple[Any, ...]]
    from_sql: Callable[..., Any]


def _same(value: Any) -> Any:
    return value


def plain(field: str, column: str | None = None) -> Column:
    """A field stored as is, in a column of its own name unless ``column`` says otherwise."""
    return Column(field, (column or field,), lambda value: (value,), _same)


def json_list(field: str) -> Column:
    """A tuple of strings (actor ids), stored as a JSON list that SQL can read with json_each."""
    return Column(field, (field,), lambda value: (json.dumps(list(value)),), lambda text: tuple(json.loads(text)))


def _authors_to_sql(authors: Sequence[Author]) -> tuple[str]:
    return (json.dumps([{"name": a.name, "role": a.role} for a in authors], ensure_ascii=False),)


def _authors_from_sql(text: str) -> tuple[Author, ...]:
    return tuple(Author(a["name"], a.get("role")) for a in json.loads(text))


def _location_to_sql(location: Location | None) -> tuple[str | None, str | None]:
    return (location.name, location.country) if location else (None, None)


def _location_from_sql(name: str | None, country: str | None) -> Location | None:
    return Location(name, country) if name else None


@dataclass(frozen=True, slots=True)
class RecordTable:
    """A record type stored as rows of one table.

    ``keys`` are the columns the caller supplies besides the record's own fields (the article a
    row belongs to, its position; an article's version and ingestion time); ``order`` is how an
    article's rows are read back, so that records come out in the order they went in.
    """

    table: str
    record: type
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    order: str | None = None  # None: not rows of an article (the articles themselves)
    insert_verb: str = "INSERT"

    def __post_init__(self) -> None:
        mapped = [column.field for column in self.columns]
        missing = [f.name for f in fields(self.record) if f.name not in mapped]
        unknown = sorted(set(mapped) - {f.name for f in fields(self.record)})
        if missing or unknown:
            raise TypeError(
                f"the {self.table} mapping does not match {self.record.__name__}: "
                f"unmapped fields {missing}, unknown fields {unknown}"
            )

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column a row of this record type fills, keys first."""
        return (*self.keys, *(name for column in self.columns for name in column.columns))

    def insert_sql(self) -> str:
        names = self.column_names
        quoted = ", ".join(f'"{name}"' for name in names)
        return f"{self.insert_verb} INTO {self.table} ({quoted}) VALUES ({', '.join('?' * len(names))})"

    def select_sql(self) -> str:
        """One article's rows, in their stored order (one parameter: the article id)."""
        if self.order is None:
            raise TypeError(f"{self.table} rows do not belong to an article")
        return f"SELECT * FROM {self.table} WHERE article_id = ? ORDER BY {self.order}"

    def row(self, record: Any, *keys: Any) -> tuple[Any, ...]:
        """The values of one row: ``keys`` (as many as :attr:`keys`), then the record's columns."""
        values = list(keys)
        for column in self.columns:
            values.extend(column.to_sql(getattr(record, column.field)))
        return tuple(values)

    def from_row(self, row: Any) -> Any:
        """The record a row holds (``row`` is indexed by column name, like :class:`sqlite3.Row`)."""
        return self.record(
            **{column.field: column.from_sql(*(row[name] for name in column.columns)) for column in self.columns}
        )


ARTICLES = RecordTable(
    "articles",
    Article,
    keys=("version", "previous_id", "ingested_at"),
    columns=(
        plain("id"),
        plain("content_hash"),
        plain("text"),
        plain("source"),
        plain("kind"),
        plain("url"),
        plain("site"),
        plain("title"),
        Column("authors", ("authors",), _authors_to_sql, _authors_from_sql),
        plain("published"),
        plain("published_from"),
        plain("language"),
        plain("raw_text"),
        Column(
            "raw_offsets",
            ("raw_offsets",),
            lambda runs: (json.dumps([list(run) for run in runs]),),
            lambda text: tuple(tuple(run) for run in json.loads(text)),
        ),
        Column(
            "blocks",
            ("blocks",),
            lambda blocks: (json.dumps([[b.start, b.end, b.kind] for b in blocks]),),
            lambda text: tuple(Block(start, end, kind) for start, end, kind in json.loads(text)),
        ),
    ),
)

# The actors of one article, coded on its date. The `actors` table beside it is a directory of
# canonical names across articles, for searches and listings; it holds no record of its own.
ACTORS = RecordTable(
    "article_actors",
    Actor,
    keys=("article_id",),
    columns=(plain("id", "actor_id"), plain("name"), plain("type"), plain("country"), plain("code")),
    order="name",
    insert_verb="INSERT OR REPLACE",
)

MENTIONS = RecordTable(
    "mentions",
    Mention,
    keys=("article_id",),
    columns=(plain("start"), plain("end"), plain("text"), plain("actor", "actor_id"), plain("rule")),
    order='start, "end"',
    insert_verb="INSERT OR IGNORE",
)

QUOTES = RecordTable(
    "quotes",
    Quote,
    keys=("article_id", "position"),
    columns=(
        plain("start"),
        plain("end"),
        plain("text"),
        plain("kind"),
        plain("speaker", "speaker_id"),
        plain("cue"),
        plain("cue_start"),
        plain("cue_end"),
        plain("speaker_start"),
        plain("speaker_end"),
    ),
    order="position",
)

EVENTS = RecordTable(
    "events",
    Event,
    keys=("article_id", "position"),
    columns=(
        plain("start"),
        plain("end"),
        plain("trigger"),
        plain("trigger_start"),
        plain("trigger_end"),
        plain("cameo"),
        json_list("source"),
        json_list("target"),
        plain("plover"),
        plain("plover_mode"),
        plain("quad_class"),
        plain("goldstein"),
        plain("date"),
        plain("date_source"),
        plain("status"),
        Column("location", ("location_name", "location_country"), _location_to_sql, _location_from_sql),
        plain("quote", "quote_position"),
        plain("rule"),
        Column(
            "also_stated_at",
            ("also_stated_at",),
            lambda spans: (json.dumps([list(span) for span in spans]),),
            lambda text: tuple(tuple(span) for span in json.loads(text)),
        ),
    ),
    order="position",
)

ANALYSIS_TABLES = (ACTORS, MENTIONS, QUOTES, EVENTS)
