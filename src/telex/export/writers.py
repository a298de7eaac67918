"""Writers for each export format: JSONL (one article per line), CSV and Parquet (one file per table)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from telex.export.tables import TABLES, tables_from_records

FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _columns(rows: list[dict[str, Any]], table: str) -> list[str]:
    columns: dict[str, None] = {"article_id": None} if table != "articles" else {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def write_csv_tables(records: Iterable[dict[str, Any]], folder: Path) -> dict[str, Path]:
    """One UTF-8 CSV per table in ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, rows in tables_from_records(records).items():
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=_columns(rows, table) or ["article_id"])
            writer.writeheader()
            writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)
        written[table] = path
    return written


def write_parquet_tables(records: Iterable[dict[str, Any]], folder: Path) -> dict[str, Path]:
    """One Parquet file per table in ``folder``, typed from the records (:func:`telex.export.dataset.arrow_table`)."""
    import pyarrow.parquet as pq

    from telex.export.dataset import arrow_table

    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, rows in tables_from_records(records).items():
        path = folder / f"{table}.parquet"
        pq.write_table(arrow_table(table, rows, _columns(rows, table) if rows else None), path)
        written[table] = path
    return written


def export(records: Iterable[dict[str, Any]], fmt: str, out: Path | None) -> str:
    """Write ``records`` in ``fmt`` to ``out``; returns a one-line description of what was written."""
    if fmt in ("jsonl", "gdelt"):
        from telex.export.gdelt import write_gdelt

        write, unit = (write_jsonl, "articles") if fmt == "jsonl" else (write_gdelt, "GDELT event rows")
        if out is None:
            return f"{write(records, sys.stdout)} {unit}"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            count = write(records, handle)
        return f"{count} {unit} to {out}"
    folder = out or Path(f"telex-export-{fmt}")
    if fmt == "csv":
        written = write_csv_tables(records, folder)
    elif fmt == "parquet":
        written = write_parquet_tables(records, folder)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return f"tables {', '.join(TABLES)} to {folder}/ ({', '.join(p.name for p in written.values())})"
