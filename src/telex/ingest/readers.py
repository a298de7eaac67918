"""One entry point for any input file: pick its reader and turn every failure into a reported error.

Whatever a file holds, :func:`read_documents` yields documents and errors and never raises: an
exception no reader expected is yielded as a :class:`ReaderDefect` for that file. Every string in a
document it yields can be encoded as UTF-8 (lone surrogates from JSON escapes or XML character
references are repaired, see :mod:`telex.surrogates`), so storing or printing it cannot fail.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from telex.errors import DocumentError, DocumentTooLarge, EmptyDocument, ReaderDefect, SkippedLink, UnreadableFile
from telex.ingest.detect import (
    FEED,
    HEAD_BYTES,
    HTML,
    JSONL,
    SINGLE_DOCUMENT_KINDS,
    detect_kind,
    kind_from_extension,
)
from telex.ingest.feeds import read_feed
from telex.ingest.files import DEFAULT_MAX_BYTES, source_name
from telex.ingest.html import read_html
from telex.ingest.jsonl import read_jsonl
from telex.ingest.text import read_text
from telex.ingest.warc import read_warc
from telex.records import Author, RawDocument
from telex.surrogates import has_surrogates, repair_surrogates

_TEXT_FIELDS = ("text", "html", "url", "title", "site", "published")
FilePart = tuple[int, int, int | None]  # byte offset, number of the first record or line, how many (None: all)


def read_documents(
    path: Path | SkippedLink, *, max_bytes: int = DEFAULT_MAX_BYTES, part: FilePart | None = None
) -> Iterator[RawDocument | DocumentError]:
    """Every document in a file, or a :class:`DocumentError` for each one that cannot be read.

    Never raises for bad content. What a file is comes from its content first, then its name
    (:func:`telex.ingest.detect.detect_kind`). Single-document files named as such (text, HTML,
    feeds) over ``max_bytes`` are refused from their size on disk before any byte is read; WARC and
    JSONL files are containers and apply the limit to each record or line instead. Records a
    container holds that are not articles are yielded as :class:`telex.errors.Skipped`; so is a
    :class:`SkippedLink` from :func:`telex.ingest.iter_input_files`, given back as is, so that a loop
    over both reports it like any other skip.

    ``part`` reads one range of a WARC or JSONL file (``(byte offset, number of its first record or
    line, how many)``, see :mod:`telex.ingest.units`), numbered as in a whole-file read.
    """
    if isinstance(path, SkippedLink):
        yield path
        return
    path = Path(path)
    source = source_name(path)
    try:
        for item in _read_file(path, source, max_bytes, part):
            yield item if isinstance(item, DocumentError) else valid_unicode(item)
    except Exception as error:  # a reader's defect must cost this file only, never the batch
        yield ReaderDefect(source, f"{type(error).__name__}: {error}")


def valid_unicode(document: RawDocument) -> RawDocument:
    """``document`` with lone surrogates repaired in every string, so it can be stored and printed."""
    changes: dict[str, object] = {
        name: repair_surrogates(value)
        for name in _TEXT_FIELDS
        if isinstance(value := getattr(document, name), str) and has_surrogates(value)
    }
    if any(has_surrogates(author.name) or has_surrogates(author.role or "") for author in document.authors):
        changes["authors"] = tuple(
            Author(repair_surrogates(author.name), repair_surrogates(author.role) if author.role else None)
            for author in document.authors
        )
    return replace(document, **changes) if changes else document


def _read_file(path: Path, source: str, max_bytes: int, part: FilePart | None) -> Iterator[RawDocument | DocumentError]:
    try:
        status = path.stat()
    except OSError as error:
        yield UnreadableFile(source, error.strerror or str(error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield UnreadableFile(source, "a folder, not a file")
        return
    if status.st_size == 0:
        yield EmptyDocument(source, "0 bytes")
        return
    if kind_from_extension(path) in SINGLE_DOCUMENT_KINDS and status.st_size > max_bytes:
        yield _too_large(source, status.st_size, max_bytes)
        return
    try:
        with path.open("rb") as stream:
            yield from _read_open_file(path, source, stream, status.st_size, max_bytes, part)
    except OSError as error:
        yield UnreadableFile(source, error.strerror or str(error))


def _read_open_file(
    path: Path, source: str, stream: BinaryIO, size: int, max_bytes: int, part: FilePart | None
) -> Iterator[RawDocument | DocumentError]:
    try:
        kind = detect_kind(path, stream.read(HEAD_BYTES))
    except DocumentError as error:
        yield error
        return
    stream.seek(0)
    start, first, count = part or (0, 1, None)
    if kind == JSONL:
        yield from read_jsonl(path, stream, max_bytes=max_bytes, start=start, first_line=first, count=count)
        return
    if kind not in SINGLE_DOCUMENT_KINDS:
        yield from read_warc(
            path, stream, file_size=size, max_bytes=max_bytes, start=start, first_number=first, count=count
        )
        return
    if part is not None and start > 0:
        return  # a file cut into ranges is a container; its later ranges hold nothing of another kind
    if size > max_bytes:
        yield _too_large(source, size, max_bytes)
        return
    data = stream.read()
    if kind == FEED:
        yield from read_feed(path, data)
        return
    reader = read_html if kind == HTML else read_text
    try:
        yield reader(source, data)
    except DocumentError as error:
        yield error


def _too_large(source: str, size: int, max_bytes: int) -> DocumentTooLarge:
    return DocumentTooLarge(source, f"{size} bytes, limit {max_bytes}")
