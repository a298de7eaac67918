"""Article records flattened into tables, one per layer, for CSV and Parquet.

JSONL keeps each article whole; spreadsheets and dataframes want flat rows. Every table
carries ``article_id`` so the layers join back together. Nested values (authors, event
source/target lists) are JSON strings in CSV and lists in Parquet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields
from functools import cache
from typing import Any

TABLES = ("articles", "actors", "mentions", "quotes", "events")
_NESTED_ARTICLE_FIELDS = ("actors", "mentions", "quotes", "events")


def flatten_record(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One article record as rows of each table: one article row, one row per actor, mention..."""
    article_id = record["id"]
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [{k: v for k, v in record.items() if k not in _NESTED_ARTICLE_FIELDS}]
    }
    for layer in _NESTED_ARTICLE_FIELDS:
        rows[layer] = []
        for position, row in enumerate(record[layer]):
            flat = {"article_id": article_id}
            if layer in ("quotes", "events"):
                flat["position"] = position
            for key, value in row.items():
                if key == "location":
                    flat["location_name"] = value["name"] if value else None
                    flat["location_country"] = value["country"] if value else None
                elif key == "id" and layer == "actors":
                    flat["actor_id"] = value
                else:
                    flat[key] = value
            rows[layer].append(flat)
    return rows


def tables_from_records(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        for table, rows in flatten_record(record).items():
            tables[table].extend(rows)
    return tables


def iter_table_rows(records: Iterable[dict[str, Any]], table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table, one record at a time: a streamed CSV never holds the whole table."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    for record in records:
        yield from flatten_record(record)[table]


@cache
def table_columns(table: str) -> tuple[str, ...]:
    """The columns of one table, in the order its rows hold them, known before any row is read (the
    header of a streamed CSV): those of a record built from empty records of every type."""
    from telex.export.record import article_record
    from telex.records import Actor, Analysis, Article, Event, Mention, Quote

    def blank(record_type: type) -> Any:
        return record_type(**{f.name: None for f in fields(record_type)})

    record = article_record(blank(Article), Analysis([blank(Actor)], [blank(Mention)], [blank(Quote)], [blank(Event)]))
    return tuple(flatten_record(record)[table][0])
