"""A job cut into units of work that any worker can read, clean and analyse on its own.

Worker processes and Ray actors read the files themselves: the process that stores only says
which unit to do. A unit is a run of small files (one document each, usually), or one range of
records of a big WARC or JSONL file, so that a single 1 GB archive spreads across workers. Units
are numbered in input order; the driver stores their results in that order, so a distributed
job stores exactly what a one-process ingest of the same files stores.

A unit's :attr:`WorkUnit.key` names its files' identity (path, size, modification time) and its
range: a re-run of the same job after a kill recognises the units already stored and skips them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from telex.errors import DocumentError, SkippedLink
from telex.ingest.detect import HEAD_BYTES, JSONL, WARC, detect_kind
from telex.records import RawDocument

# Files below this are read whole by one worker: cutting them would cost more than it spreads.
SPLIT_BYTES = 4 * 1024 * 1024
# A WARC usually holds a request, a response and a metadata record per page.
WARC_RECORDS_PER_DOCUMENT = 3


@dataclass(frozen=True, slots=True)
class Part:
    """One file, or one range of it, as a worker reads it.

    ``start``, ``first`` and ``count`` are the range (byte offset, number of its first record or
    line, how many; ``count`` None runs to the end); ``share`` is the fraction of the file it is
    (for progress), ``last`` whether the file is read once this part is.
    """

    path: str
    size: int
    mtime_ns: int
    start: int = 0
    first: int = 1
    count: int | None = None
    share: float = 1.0
    last: bool = True

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.count is None

    def range(self) -> tuple[int, int, int | None] | None:
        return None if self.whole else (self.start, self.first, self.count)


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """Parts read, cleaned, analysed and stored together (one transaction)."""

    index: int
    parts: tuple[Part, ...]

    @property
    def key(self) -> str:
        """Stable across runs of the same job on unchanged files; changes if a file does."""
        text = "\n".join(f"{p.path}\t{p.size}\t{p.mtime_ns}\t{p.start}\t{p.first}\t{p.count}" for p in self.parts)
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


Planner = Callable[[list[Path], int], list[list[tuple[int, int]] | None]]


def file_cuts(path: Path, documents_per_range: int) -> list[tuple[int, int]] | None:
    """Where a big WARC or JSONL file is cut, or None for a file read whole (by content, as the readers
    decide: a ``.txt`` holding a WARC is a WARC)."""
    from telex.ingest.jsonl import plan_jsonl
    from telex.ingest.warc import plan_warc

    try:
        with path.open("rb") as stream:
            kind = detect_kind(path, stream.read(HEAD_BYTES))
    except (OSError, DocumentError):
        return None  # the reader reports it
    if kind == WARC:
        return plan_warc(path, documents_per_range * WARC_RECORDS_PER_DOCUMENT)
    if kind == JSONL:
        return plan_jsonl(path, documents_per_range)
    return None


# A small job is cut into at least this many units, so that no worker waits long at the end while
# another finishes a big unit; the size depends on the files alone, so a re-run cuts the same units.
MIN_UNITS = 32


def unit_size(files: Sequence[Path | SkippedLink], batch_size: int) -> int:
    """Documents per unit: ``batch_size``, or less for a job of few files."""
    return max(1, min(batch_size, -(-len(files) // MIN_UNITS)))


def plan_files(paths: list[Path], documents_per_range: int) -> list[list[tuple[int, int]] | None]:
    """:func:`file_cuts` of each file, in this process."""
    return [file_cuts(path, documents_per_range) for path in paths]


def plan_units(
    files: Sequence[Path | SkippedLink],
    documents_per_unit: int,
    *,
    planner: Planner = plan_files,
    split_bytes: int = SPLIT_BYTES,
) -> list[WorkUnit | SkippedLink]:
    """The units of a job, in input order; symbolic links refused are passed through for the report.

    Files of ``split_bytes`` or more are cut by ``planner`` (in this process by default; a cluster
    passes one that runs where the files are).
    """
    big = list(dict.fromkeys(p for p in files if isinstance(p, Path) and _size(p) >= split_bytes))
    cuts = dict(zip(big, planner(big, documents_per_unit) if big else [], strict=True))
    return list(_units(files, cuts, documents_per_unit))


def _units(
    files: Sequence[Path | SkippedLink], cuts: dict[Path, list[tuple[int, int]] | None], per_unit: int
) -> Iterator[WorkUnit | SkippedLink]:
    index = 0
    group: list[Part] = []

    def close_group() -> Iterator[WorkUnit]:
        nonlocal index, group
        if group:
            yield WorkUnit(index, tuple(group))
            index, group = index + 1, []

    for path in files:
        if isinstance(path, SkippedLink):
            yield from close_group()
            yield path
            continue
        size, mtime = _identity(path)
        ranges = cuts.get(path)
        if not ranges or len(ranges) < 2:
            group.append(Part(str(path), size, mtime))
            if len(group) >= per_unit:
                yield from close_group()
            continue
        yield from close_group()
        for number, (start, first) in enumerate(ranges):
            following = ranges[number + 1] if number + 1 < len(ranges) else None
            count = following[1] - first if following else None
            part = Part(str(path), size, mtime, start, first, count, 1 / len(ranges), following is None)
            yield WorkUnit(index, (part,))
            index += 1
    yield from close_group()


def _size(path: Path) -> int:
    if not path.is_file():
        return 0
    return _identity(path)[0]


def _identity(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return 0, 0  # the reader reports it
    return status.st_size, status.st_mtime_ns


def read_unit(unit: WorkUnit, max_bytes: int) -> Iterator[tuple[Part, RawDocument | DocumentError]]:
    """Every document (or reading error) of a unit, in order, with the part it came from."""
    from telex.ingest import source_name
    from telex.ingest.readers import read_documents

    for part in unit.parts:
        path = Path(part.path)
        for item in read_documents(path, max_bytes=max_bytes, part=part.range()):
            if isinstance(item, Exception) and not getattr(item, "source", ""):
                item.source = source_name(path)  # type: ignore[attr-defined]
            yield part, item
