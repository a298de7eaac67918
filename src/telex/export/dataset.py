"""A Parquet dataset of the export tables, partitioned by publication month, written by workers.

``telex ingest … --out-parquet DIR`` has every worker write its own unit's rows, so that a cluster
is never throttled by one SQLite writer::

    DIR/articles/month=2020-05/part-00000012-<key>.parquet
    DIR/actors/month=2020-05/part-00000012-<key>.parquet   (mentions, quotes, events alike)
    DIR/_units/<key>                                       (a unit whose files are all written,
                                                            holding the NLP's fingerprint)

The tables and columns are those of ``telex export --format parquet`` (:mod:`telex.export.tables`),
with the same Arrow types, plus ``month`` (from the directory names, ``unknown`` without a date)
and, in ``articles``, ``ingest_order``: the article's place in the job, which ``telex import``
follows so that versions and first sources come out as a direct ingest stores them. Each article
is stored as a one-process ingest would: version 1, its own source; a text found twice in one unit
is written once with both sources, and one found in two units is written by each (``import``
stores it once). Only units marked done are imported: a file of a unit cut short by a kill is
rewritten by the re-run, never read half-made.

DuckDB and Spark read it as it is: ``read_parquet('DIR/events/*/*.parquet', hive_partitioning=true)``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telex.export.record import article_record
from telex.export.tables import TABLES, tables_from_records
from telex.records import Actor, Analysis, Article, Author, Block, Event, Location, Mention, Quote, StoredArticle

if TYPE_CHECKING:
    import pyarrow as pa

    from telex.ingest.units import WorkUnit
    from telex.pipeline import AnalysedDocument

UNITS_FOLDER = "_units"
NO_MONTH = "unknown"
ORDER_COLUMN = "ingest_order"
UNIT_STRIDE = 1_000_000  # ingest_order = unit index × this + the article's place in its unit
_PART = re.compile(r"^part-(\d{8})-([0-9a-f]+)\.parquet$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_RECORDS = {"articles": Article, "actors": Actor, "mentions": Mention, "quotes": Quote, "events": Event}
_NESTED = {"Author": Author, "Block": Block}
# Article columns that come from the store or the analysis rather than the Article record.
_STORE_TYPES = {
    "sources": "tuple[str, ...]",
    "version": "int",
    "previous_id": "str | None",
    "ingested_at": "str",
    "notes": "tuple[str, ...]",
}


# --- Arrow types ------------------------------------------------------------------------------


def _arrow_type(annotation: str) -> pa.DataType | None:
    """The Arrow type of a record field from its annotation, or None to let pyarrow infer it."""
    import pyarrow as pa

    text = annotation.replace(" | None", "").strip()
    simple = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    if text in simple:
        return simple[text]
    if text.startswith("tuple[") and text.endswith(", ...]"):
        inner = text[len("tuple[") : -len(", ...]")]
        if inner in _NESTED:
            record = _NESTED[inner]
            return pa.list_(pa.struct([(f.name, _arrow_type(str(f.type)) or pa.string()) for f in fields(record)]))
        if inner.startswith("tuple["):  # (start, end) runs and the like
            return pa.list_(pa.list_(pa.int64()))
        item = _arrow_type(inner)
        return pa.list_(item) if item is not None else None
    return None


@cache
def column_types(table: str) -> dict[str, pa.DataType]:
    """Column name → Arrow type for one export table, from the record fields behind it, so that a
    column that happens to be empty in one file has the same type as in the others."""
    import pyarrow as pa

    types: dict[str, pa.DataType] = {"article_id": pa.string(), "position": pa.int64(), ORDER_COLUMN: pa.int64()}
    for field in fields(_RECORDS[table]):
        annotation = str(field.type)
        if table == "actors" and field.name == "id":
            types["actor_id"] = pa.string()
        elif annotation.replace(" | None", "") == "Location":
            for name in fields(Location):
                types[f"{field.name}_{name.name}"] = pa.string()
        elif (arrow := _arrow_type(annotation)) is not None:
            types[field.name] = arrow
    if table == "articles":
        types.update({name: _arrow_type(annotation) for name, annotation in _STORE_TYPES.items()})
    return types


def arrow_table(table: str, rows: list[dict[str, Any]], columns: Sequence[str] | None = None) -> pa.Table:
    """Rows of one export table as an Arrow table with telex's types (pyarrow infers any other)."""
    import pyarrow as pa

    names = list(columns or (rows[0].keys() if rows else column_types(table).keys()))
    known = column_types(table)
    arrays = []
    for name in names:
        values = [row.get(name) for row in rows]
        arrays.append(pa.array(values, type=known.get(name)))
    return pa.Table.from_arrays(arrays, names=names)


# --- writing, in a worker -----------------------------------------------------------------------


def month_of(published: str | None) -> str:
    """The partition of an article: the year and month it was published."""
    month = (published or "")[:7]
    return month if _MONTH.match(month) else NO_MONTH


def write_unit(folder: Path, unit: WorkUnit, results: Sequence[AnalysedDocument], ingested_at: str) -> list[str]:
    """Write one unit's articles and their analyses; returns the ids written.

    Files are named after the unit, so a unit done again (a worker died, a job re-run) replaces
    its own files; each file is written beside its place and renamed into it.
    """
    import pyarrow.parquet as pq

    failed = {r.article.content_hash for r in results if r.error is not None and r.article is not None}
    first: dict[str, tuple[Article, Analysis, list[str]]] = {}
    for result in results:
        article = result.article
        if article is None or result.error is not None or article.content_hash in failed:
            continue
        if article.content_hash in first:
            first[article.content_hash][2].append(article.source)
        else:
            first[article.content_hash] = (article, result.analysis or Analysis(), [article.source])
    records = []
    for place, (article, analysis, sources) in enumerate(first.values()):
        stored = StoredArticle(article, 1, None, ingested_at, list(dict.fromkeys(sources)))
        record = article_record(article, analysis, stored)
        record[ORDER_COLUMN] = unit.index * UNIT_STRIDE + place
        records.append(record)
    months = {record["id"]: month_of(record["published"]) for record in records}
    for table, rows in tables_from_records(records).items():
        by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_month[months[row["id"] if table == "articles" else row["article_id"]]].append(row)
        for month, month_rows in by_month.items():
            target = folder / table / f"month={month}" / f"part-{unit.index:08d}-{unit.key}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            pq.write_table(arrow_table(table, month_rows), temporary)
            os.replace(temporary, target)
    return [record["id"] for record in records]


def done_units(folder: Path) -> set[str]:
    """Units whose files are all written (by an earlier run of the same job, too)."""
    marks = folder / UNITS_FOLDER
    return {entry.name for entry in marks.iterdir()} if marks.is_dir() else set()


def mark_done(folder: Path, key: str, fingerprint: str = "") -> None:
    """Record, after its files, that a unit is complete (the driver does it once a worker is done),
    with the fingerprint of the NLP that analysed it."""
    marks = folder / UNITS_FOLDER
    marks.mkdir(parents=True, exist_ok=True)
    (marks / key).write_text(fingerprint, encoding="utf-8")


def unit_fingerprint(folder: Path, key: str) -> str:
    """The fingerprint of the NLP that analysed a unit ("" without NLP)."""
    return (folder / UNITS_FOLDER / key).read_text(encoding="utf-8").strip()


# --- reading back: telex import ---------------------------------------------------------------


def dataset_units(folder: Path) -> list[tuple[int, str, dict[str, list[Path]]]]:
    """``(unit index, key, table → files)`` of every complete unit in the dataset, in job order."""
    done = done_units(folder)
    units: dict[tuple[int, str], dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for table in TABLES:
        root = folder / table
        if not root.is_dir():
            continue
        for path in sorted(root.glob("month=*/part-*.parquet")):
            match = _PART.match(path.name)
            if match and match.group(2) in done:
                units[(int(match.group(1)), match.group(2))][table].append(path)
    return [(index, key, dict(tables)) for (index, key), tables in sorted(units.items())]


def read_unit_records(files: dict[str, list[Path]]) -> Iterator[tuple[Article, Analysis, list[str]]]:
    """The articles of one unit, in job order, with their analyses and every source they were seen at."""
    import pyarrow.parquet as pq

    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows[table] = [row for path in files.get(table, ()) for row in pq.read_table(path).to_pylist()]
    layers: dict[str, dict[str, list[dict[str, Any]]]] = {table: defaultdict(list) for table in TABLES[1:]}
    for table in TABLES[1:]:
        for row in rows[table]:
            layers[table][row["article_id"]].append(row)
    for row in sorted(rows["articles"], key=lambda row: row[ORDER_COLUMN]):
        article_id = row["id"]
        analysis = Analysis(
            actors=[_actor(r) for r in layers["actors"][article_id]],
            mentions=[_mention(r) for r in layers["mentions"][article_id]],
            quotes=[_quote(r) for r in sorted(layers["quotes"][article_id], key=lambda r: r["position"])],
            events=[_event(r) for r in sorted(layers["events"][article_id], key=lambda r: r["position"])],
            notes=list(row.get("notes") or ()),
        )
        yield _article(row), analysis, list(row.get("sources") or [row["source"]])


def _values(record: type, row: dict[str, Any], renamed: dict[str, str] | None = None) -> dict[str, Any]:
    renamed = renamed or {}
    return {f.name: row.get(renamed.get(f.name, f.name)) for f in fields(record) if renamed.get(f.name, f.name) in row}


def _runs(value: Any) -> tuple:
    return tuple(tuple(item) for item in value or ())


def _article(row: dict[str, Any]) -> Article:
    values = _values(Article, row)
    values["authors"] = tuple(Author(a["name"], a.get("role")) for a in values.get("authors") or ())
    values["raw_offsets"] = _runs(values.get("raw_offsets"))
    values["blocks"] = tuple(Block(b["start"], b["end"], b["kind"]) for b in values.get("blocks") or ())
    return Article(**values)


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(**_values(Actor, row, {"id": "actor_id"}))


def _mention(row: dict[str, Any]) -> Mention:
    return Mention(**_values(Mention, row))


def _quote(row: dict[str, Any]) -> Quote:
    return Quote(**_values(Quote, row))


def _event(row: dict[str, Any]) -> Event:
    values = _values(Event, row)
    values["source"] = tuple(values.get("source") or ())
    values["target"] = tuple(values.get("target") or ())
    if "also_stated_at" in values:
        values["also_stated_at"] = _runs(values["also_stated_at"])
    name = row.get("location_name")
    values["location"] = Location(name, row.get("location_country")) if name else None
    return Event(**values)
