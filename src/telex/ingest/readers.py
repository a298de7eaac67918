"""One entry point for any input file: pick its reader and turn every failure into a reported error."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from telex.errors import DocumentError, DocumentTooLarge, EmptyDocument, UnreadableFile
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
from telex.ingest.files import DEFAULT_MAX_BYTES
from telex.ingest.html import read_html
from telex.ingest.jsonl import read_jsonl
from telex.ingest.text import read_text
from telex.ingest.warc import read_warc
from telex.records import RawDocument


def read_documents(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | DocumentError]:
    """Every document in a file, or a :class:`DocumentError` for each one that cannot be read.

    Never raises for bad content. Single-document files (text, HTML, feeds) over ``max_bytes`` are
    refused from their size on disk before any byte is read; WARC and JSONL files are containers and
    apply the limit to each record or line instead.
    """
    path = Path(path)
    source = str(path)
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
            yield from _read_open_file(path, stream, status.st_size, max_bytes)
    except OSError as error:
        yield UnreadableFile(source, error.strerror or str(error))


def _read_open_file(path: Path, stream: BinaryIO, size: int, max_bytes: int) -> Iterator[RawDocument | DocumentError]:
    source = str(path)
    try:
        kind = detect_kind(path, stream.read(HEAD_BYTES))
    except DocumentError as error:
        yield error
        return
    stream.seek(0)
    if kind == JSONL:
        yield from read_jsonl(path, stream, max_bytes=max_bytes)
        return
    if kind not in SINGLE_DOCUMENT_KINDS:
        yield from read_warc(path, stream, file_size=size, max_bytes=max_bytes)
        return
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
