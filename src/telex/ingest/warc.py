"""Web archives (.warc, .warc.gz): every successful HTML response inside becomes one document.

Records are numbered from 1 among *all* records of the file (warcinfo and requests included), and a
document's ``source`` is ``"path#record=n"``; error details also give the record's byte offset in
the file (in the compressed file for .warc.gz). Archives are legitimately large, so the size limit
applies to each record, not to the file. warcio reads a cut-off archive without complaint, so
completeness is checked here: a record whose body is short, whose header is cut, or bytes left over
after the last record mean the archive is truncated; the records before the damage are yielded,
then one :class:`TruncatedArchive` error, and reading stops. WARC-Date is the crawl date, not the
publication date, so it is not used.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from telex.errors import (
    BinaryDocument,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    TruncatedArchive,
    UnsupportedInput,
)
from telex.ingest.decode import binary_evidence, decode_bytes, find_declared_charset
from telex.ingest.detect import GZIP_MAGIC, HEAD_BYTES, WARC_MAGIC, looks_like_warc, warc_head
from telex.records import RawDocument

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What warcio and zlib raise on damaged archives, beyond the silent truncations checked by hand;
# warcio trips over its own missing fields (AttributeError, TypeError) when a header is cut short.
_ARCHIVE_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    zlib.error,
    EOFError,
    ValueError,
    AttributeError,
    TypeError,
)


def read_warc(path: Path, stream: BinaryIO, *, file_size: int, max_bytes: int) -> Iterator[RawDocument | DocumentError]:
    """Documents from a WARC stream opened in binary mode, then at most one error if it is damaged."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not looks_like_warc(head):  # warcio would also accept legacy ARC files, and misread text as one
        if GZIP_MAGIC.startswith(head) or WARC_MAGIC.startswith(warc_head(head)):
            yield TruncatedArchive(f"{path}#record=1", f"archive ends after {file_size} bytes")
        else:
            yield UnsupportedInput(str(path), f"not a WARC archive: starts with {head[:16]!r}")
        return
    iterator = ArchiveIterator(stream)
    number = 0
    offset = 0
    try:
        for record in iterator:
            number += 1
            offset = iterator.offset
            source = f"{path}#record={number}"
            if record.rec_type is None or record.length is None:
                yield TruncatedArchive(source, f"record header cut short at byte offset {offset}")
                return
            outcome = _read_record(record, source, max_bytes)
            iterator.read_to_end()
            damage = _damage(iterator, record, offset)
            if damage:
                yield TruncatedArchive(source, damage)
                return
            if outcome is not None:
                yield outcome
    except _ARCHIVE_ERRORS as error:
        message = " ".join(str(error).split()) or type(error).__name__
        detail = f"after byte offset {iterator.offset}: {message}"
        yield TruncatedArchive(f"{path}#record={number + 1}", detail)
        return
    if iterator.offset < file_size:
        yield TruncatedArchive(
            f"{path}#record={number + 1}",
            f"{file_size - iterator.offset} bytes after offset {iterator.offset} hold no complete record",
        )


def _damage(iterator: ArchiveIterator, record: ArcWarcRecord, offset: int) -> str | None:
    """Why a record that warcio read to its end is incomplete, or None if it is whole."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return f"record at byte offset {offset} stops {missing} bytes short of its {record.length}"
    decompressor = iterator.reader.decompressor if iterator.reader else None
    if decompressor is not None:
        if not getattr(decompressor, "eof", True):
            return f"gzip member of the record at byte offset {offset} is cut before its end"
        return None
    # Uncompressed records end with blank lines; without them the header itself may be cut short.
    start, length = iterator.member_info
    if iterator.offset - start - length == 0:
        return f"record at byte offset {offset} is not followed by the blank lines that end a record"
    return None


def _read_record(record: ArcWarcRecord, source: str, max_bytes: int) -> RawDocument | DocumentError | None:
    """The document an HTML response record holds, an error for it, or None for any other record."""
    media_type, charset = _content_type(record)
    if record.rec_type != "response" or media_type not in HTML_MEDIA_TYPES or not _is_success(record):
        return None
    if record.length > max_bytes:
        return DocumentTooLarge(source, f"record of {record.length} bytes, limit {max_bytes}")
    payload = record.content_stream().read(max_bytes + 1)  # de-chunked and decompressed
    if len(payload) > max_bytes:
        return DocumentTooLarge(source, f"decompressed payload over the {max_bytes}-byte limit")
    if not payload.strip():
        return EmptyDocument(source, "HTML response with an empty body")
    evidence = binary_evidence(payload)
    if evidence:
        return BinaryDocument(source, f"HTML response whose body is binary: {evidence}")
    try:
        html = decode_bytes(payload, source, declared=charset or find_declared_charset(payload))
    except DocumentError as error:
        return error
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source=source, kind="warc", html=html, url=url)


def _content_type(record: ArcWarcRecord) -> tuple[str | None, str | None]:
    """The HTTP media type (lower case) and charset parameter of a record, when it has HTTP headers."""
    if record.http_headers is None:
        return None, None
    header = record.http_headers.get_header("Content-Type")
    if not header:
        return None, None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _is_success(record: ArcWarcRecord) -> bool:
    status = record.http_headers.get_statuscode() if record.http_headers else None
    return bool(status) and status.startswith("2")
