"""Writers for each export format: JSONL (one article per line), CSV and Parquet (one file per table).

An export never destroys anything by accident: it refuses to write over the store it reads (or
the files SQLite keeps beside it), and over any existing file unless ``force`` is given. Each
file is written to a temporary name in its folder and renamed over the target only when
complete, so a full disk or an interruption leaves the old file whole. CSV cells that a
spreadsheet would run as a formula are neutralised (:func:`neutralise_formula`).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from telex.errors import TelexError
from telex.export.tables import TABLES, tables_from_records

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): =, +, -, @, and
# a tab, carriage return or line feed in front of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


class ExportRefused(TelexError):
    """An export that would overwrite the store, or an existing file without ``--force``."""


class ExportFailed(TelexError):
    """The operating system refused the export (a missing or read-only folder, a full disk)."""


def neutralise_formula(value: str) -> str:
    """A text cell that a spreadsheet would evaluate (``=HYPERLINK(…)``, ``+1+cmd|…``, ``@SUM``)
    gets a leading apostrophe, as OWASP recommends: shown as text, the characters all there."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):  # numbers stay numbers: -5.0 is a Goldstein score, not a formula
        return neutralise_formula(value)
    return value


def _columns(rows: list[dict[str, Any]], table: str) -> list[str]:
    columns: dict[str, None] = {"article_id": None} if table != "articles" else {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def check_targets(targets: Sequence[Path], force: bool, protect: Sequence[Path]) -> None:
    """Refuse to write any of ``targets`` over a ``protect`` file (the store) or, without
    ``force``, over an existing file; and over a folder."""
    for target in targets:
        for kept in protect:
            if _same_file(target, kept) or target.absolute() == Path(kept).absolute():
                raise ExportRefused(f"refusing to export to {str(target)!r}: it is the store being exported")
        if target.is_dir():
            raise ExportRefused(f"cannot export to {str(target)!r}: it is a folder")
        if target.exists() and target.is_file() and not force:  # /dev/stdout or a pipe is written to
            raise ExportRefused(f"{str(target)!r} already exists; give --force to overwrite it")


@contextmanager
def _os_errors(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise ExportFailed(f"cannot write the export to {str(target)!r}: {error.strerror or error}") from error


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it when the block ends without error."""
    blocking = next((folder for folder in target.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise ExportFailed(f"cannot write the export to {str(target)!r}: {str(blocking)!r} is a file, not a folder")
    with _os_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(handle)
        os.chmod(name, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
    temporary = Path(name)
    try:
        with _os_errors(target):
            yield temporary
            os.replace(temporary, target)
    finally:
        with suppress(OSError):
            temporary.unlink()


def _write_text(target: Path, write: Callable[[IO[str]], Any]) -> Any:
    if target.exists() and not target.is_file():  # a device or a pipe: written to, never replaced
        with _os_errors(target), target.open("w", encoding="utf-8", newline="") as out:
            return write(out)
    with _replacing(target) as temporary, _os_errors(target), temporary.open("w", encoding="utf-8", newline="") as out:
        return write(out)


def write_csv_tables(
    records: Iterable[dict[str, Any]], folder: Path, force: bool = True, protect: Sequence[Path] = ()
) -> dict[str, Path]:
    """One UTF-8 CSV per table in ``folder``; returns the files written."""
    targets = {table: folder / f"{table}.csv" for table in TABLES}
    check_targets(list(targets.values()), force, protect)
    written = {}
    for table, rows in tables_from_records(records).items():

        def write(handle: IO[str], rows: list[dict[str, Any]] = rows, table: str = table) -> None:
            writer = csv.DictWriter(handle, fieldnames=_columns(rows, table) or ["article_id"])
            writer.writeheader()
            writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)

        _write_text(targets[table], write)
        written[table] = targets[table]
    return written


def write_parquet_tables(
    records: Iterable[dict[str, Any]], folder: Path, force: bool = True, protect: Sequence[Path] = ()
) -> dict[str, Path]:
    """One Parquet file per table in ``folder``, typed from the records (:func:`telex.export.dataset.arrow_table`)."""
    import pyarrow.parquet as pq

    from telex.export.dataset import arrow_table

    targets = {table: folder / f"{table}.parquet" for table in TABLES}
    check_targets(list(targets.values()), force, protect)
    written = {}
    for table, rows in tables_from_records(records).items():
        with _replacing(targets[table]) as temporary:
            pq.write_table(arrow_table(table, rows, _columns(rows, table) if rows else None), temporary)
        written[table] = targets[table]
    return written


def export(
    records: Iterable[dict[str, Any]],
    fmt: str,
    out: Path | None,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
) -> str:
    """Write ``records`` in ``fmt`` to ``out``; returns a one-line description of what was written.

    Never over a ``protect`` file (the store being exported), over a folder, or over an existing
    file unless ``force``; raises :class:`ExportRefused` before reading a record, and
    :class:`ExportFailed` when the system refuses a write (the old file, if any, is left whole).
    """
    if fmt in ("jsonl", "gdelt"):
        from telex.export.gdelt import write_gdelt

        write, unit = (write_jsonl, "articles") if fmt == "jsonl" else (write_gdelt, "GDELT event rows")
        if out is None:
            return f"{write(records, sys.stdout)} {unit}"
        check_targets([out], force, protect)
        count = _write_text(out, lambda handle: write(records, handle))
        return f"{count} {unit} to {out}"
    folder = out or Path(f"telex-export-{fmt}")
    if folder.exists() and not folder.is_dir():
        raise ExportRefused(f"cannot export {fmt} tables to {str(folder)!r}: it is a file, not a folder")
    if fmt == "csv":
        written = write_csv_tables(records, folder, force, protect)
    elif fmt == "parquet":
        written = write_parquet_tables(records, folder, force, protect)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return f"tables {', '.join(TABLES)} to {folder}/ ({', '.join(p.name for p in written.values())})"
