"""Streamed exports: the CLI's formats, written to an HTTP response one article at a time.

Each stream borrows its own read-only store for as long as it runs; articles are read one by one
(their ids a page at a time), turned into export records and written, so the server's memory holds
one article whatever the size of the export. The formats are the CLI's: JSONL records, one CSV table
(the CLI writes the five tables to a folder; over HTTP one asks for one with ``table=``), and the
GDELT 2.0 event table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from telex.export import article_records
from telex.export.gdelt import gdelt_line, gdelt_rows
from telex.export.tables import iter_table_rows, table_columns
from telex.store import ArticleFilter
from telex.web.stores import ReadOnlyStores

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "gdelt": "text/tab-separated-values; charset=utf-8",
}
ROWS_PER_CHUNK = 200  # CSV and GDELT rows sent together: fewer, larger writes to the socket


def _records(stores: ReadOnlyStores, where: ArticleFilter) -> Iterator[dict[str, Any]]:
    with stores.reading() as store:
        yield from article_records(store.articles_with_analyses(where))


def stream_jsonl(stores: ReadOnlyStores, where: ArticleFilter) -> Iterator[str]:
    for record in _records(stores, where):
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def stream_csv(stores: ReadOnlyStores, where: ArticleFilter, table: str) -> Iterator[str]:
    """One table as CSV, header first (known before any row), as ``telex export --format csv``
    writes it."""
    buffer = io.StringIO()
    columns = table_columns(table)
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    pending = 0
    for row in iter_table_rows(_records(stores, where), table):
        writer.writerow({key: _csv_value(value) for key, value in row.items()})
        pending += 1
        if pending >= ROWS_PER_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def stream_gdelt(stores: ReadOnlyStores, where: ArticleFilter) -> Iterator[str]:
    """The GDELT 2.0 event table (docs/gdelt-export.md), tab-separated, no header."""
    lines: list[str] = []
    for row in gdelt_rows(_records(stores, where)):
        lines.append(gdelt_line(row))
        if len(lines) >= ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)
