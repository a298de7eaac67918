"""Web archives (.warc, .warc.gz): every record that holds a page becomes one document.

Records are numbered from 1 among *all* records of the file (warcinfo and requests included), and a
document's ``source`` is ``"path#record=n"``; error details also give the record's byte offset in
the file (in the compressed file for .warc.gz). WARC-Date is the crawl date, not the publication
date, so it is not used.

**Which records are documents.** The payload decides, not the Content-Type (servers and crawlers
get it wrong): a ``response`` with a 2xx status, or a ``resource``, whose payload looks like HTML is
an HTML document; one declared ``text/plain`` that is not a site file (robots.txt...) is a text
document; one declared HTML is HTML. Every other record is yielded as a :class:`SkippedRecord`
saying why (request, warcinfo, HTTP 404, binary payload, JSON...): reported, not a failure. A record
that is a document but cannot be read (undecodable, over the size limit) is a failure.

**Bounds.** Archives are legitimately large, so the size limit applies to each payload, not to the
file; records are streamed, so memory stays flat whatever their size. warcio reads header lines
with an unbounded ``readline``: a 2 MB .warc.gz whose header is a 2 GB line would be held in
memory whole. Header lines here are capped (:data:`MAX_HEADER_LINE_BYTES`, and
:data:`MAX_HEADER_BYTES` for one record's WARC and HTTP headers together); past the cap reading
stops with :class:`ArchiveHeaderTooLarge`, since where that record ends is unknown.

**Damage.** warcio reads a cut-off archive without complaint, so completeness is checked here: a
record whose body is short, whose header is cut, or bytes left over after the last record mean
the archive is truncated; the records before the damage are yielded, then one
:class:`TruncatedArchive` error, and reading stops.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from telex.errors import (
    ArchiveHeaderTooLarge,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    SkippedRecord,
    TruncatedArchive,
    UnsupportedInput,
)
from telex.ingest.decode import binary_evidence, decode_bytes, find_declared_charset
from telex.ingest.detect import (
    FEED,
    GZIP_MAGIC,
    HEAD_BYTES,
    HTML,
    JSONL,
    TEXT,
    WARC,
    WARC_MAGIC,
    kind_from_content,
    looks_like_warc,
    warc_head,
)
from telex.ingest.files import source_name
from telex.records import RawDocument

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_MEDIA_TYPES = frozenset({"text/plain"})
DOCUMENT_RECORD_TYPES = frozenset({"response", "resource"})
# Why each other record type holds no article.
RECORD_TYPE_REASONS = {
    "warcinfo": "warcinfo record (about the crawl)",
    "request": "request record",
    "metadata": "metadata record",
    "revisit": "revisit record (a repeat of an earlier capture)",
    "conversion": "conversion record",
    "continuation": "continuation record (segmented payloads are not reassembled)",
}
# Files every crawler fetches from every host: served as text/plain, never articles.
SITE_FILES = frozenset({"/robots.txt", "/ads.txt", "/app-ads.txt", "/humans.txt", "/security.txt", "/llms.txt"})
WELL_KNOWN_PREFIX = "/.well-known/"
MAX_HEADER_LINE_BYTES = 256 * 1024
MAX_HEADER_BYTES = 1024 * 1024
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


class _HeaderTooLarge(Exception):
    """Raised from inside warcio's parsing by :class:`_BoundedReader`; never leaves this module."""


class _BoundedReader(DecompressingBufferedReader):
    """warcio's (decompressing) reader with header lines capped.

    warcio reads record and HTTP headers, and the blank lines between records, with ``readline()``
    and no length, concatenating block after block until a newline comes. Here such a call reads
    at most :data:`MAX_HEADER_LINE_BYTES` and fails beyond; the bytes of these calls are counted
    per record (:meth:`start_record`) against :data:`MAX_HEADER_BYTES`. Calls that bound the line
    themselves (the chunked-encoding reader asks for 64 bytes) are left alone.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.header_bytes = 0

    def start_record(self) -> None:
        self.header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        if length is not None and 0 <= length <= MAX_HEADER_LINE_BYTES:
            return super().readline(length)
        line = super().readline(MAX_HEADER_LINE_BYTES + 1)
        if len(line) > MAX_HEADER_LINE_BYTES:
            raise _HeaderTooLarge(f"a header line longer than {MAX_HEADER_LINE_BYTES} bytes")
        self.header_bytes += len(line)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise _HeaderTooLarge(f"more than {MAX_HEADER_BYTES} bytes of header lines")
        return line


class _BoundedArchiveIterator(ArchiveIterator):
    """warcio's iterator reading through :class:`_BoundedReader`."""

    def __init__(self, fileobj: BinaryIO) -> None:
        super().__init__(fileobj)
        # Nothing was read yet: the generator started in __init__ looks ``self.reader`` up on each step.
        self.reader = _BoundedReader(self.fh, block_size=self.reader.block_size)


def read_warc(
    path: Path,
    stream: BinaryIO,
    *,
    file_size: int,
    max_bytes: int,
    start: int = 0,
    first_number: int = 1,
    count: int | None = None,
) -> Iterator[RawDocument | DocumentError]:
    """A document, a failure or a skip for every record of a WARC stream opened in binary mode, then
    at most one error if the archive is damaged.

    A range of the archive (:func:`plan_warc`) is read with ``start``, the byte offset of its first
    record, ``first_number``, that record's number in the whole file, and ``count`` records; the
    checks of the file's end only apply to the range that runs to it (``count`` None).
    """
    name = source_name(path)
    if start == 0:
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
        if not looks_like_warc(head):  # warcio would also accept legacy ARC files, and misread text as one
            if GZIP_MAGIC.startswith(head) or WARC_MAGIC.startswith(warc_head(head)):
                yield TruncatedArchive(f"{name}#record=1", f"archive ends after {file_size} bytes")
            else:
                yield UnsupportedInput(name, f"not a WARC archive: starts with {head[:16]!r}")
            return
    else:
        stream.seek(start)
    iterator = _BoundedArchiveIterator(stream)
    reader: _BoundedReader = iterator.reader
    number = first_number - 1
    offset = start
    try:
        for record in iterator:
            if count is not None and number - first_number + 1 >= count:
                return  # the next range starts here
            number += 1
            offset = iterator.offset
            source = f"{name}#record={number}"
            if record.rec_type is None or record.length is None:
                yield TruncatedArchive(source, f"record header cut short at byte offset {offset}")
                return
            outcome = _read_record(record, source, max_bytes)
            reader.start_record()  # the blank lines after this record count with the next one's header
            iterator.read_to_end()
            damage = _damage(iterator, record, offset)
            if damage:
                yield TruncatedArchive(source, damage)
                return
            yield outcome
    except _HeaderTooLarge as error:
        yield ArchiveHeaderTooLarge(f"{name}#record={number + 1}", f"after byte offset {iterator.offset}: {error}")
        return
    except _ARCHIVE_ERRORS as error:
        message = " ".join(str(error).split()) or type(error).__name__
        detail = f"after byte offset {iterator.offset}: {message}"
        yield TruncatedArchive(f"{name}#record={number + 1}", detail)
        return
    if iterator.offset < file_size:
        yield TruncatedArchive(
            f"{name}#record={number + 1}",
            f"{file_size - iterator.offset} bytes after offset {iterator.offset} hold no complete record",
        )


def plan_warc(path: Path, records_per_range: int) -> list[tuple[int, int]]:
    """Where to cut an archive into ranges of ``records_per_range`` records: ``(byte offset, number
    of the first record)`` of each range, the first being ``(0, 1)``.

    Reads the archive once without decoding payloads (decompressing is a small fraction of what
    cleaning and parsing the pages cost). Damage stops the plan where it is: the last range then
    runs to the end of the file and its reader reports the damage as a whole-file read would.
    """
    cuts = [(0, 1)]
    try:
        with path.open("rb") as stream:
            if not looks_like_warc(stream.read(HEAD_BYTES)):
                return cuts
            stream.seek(0)
            iterator = _BoundedArchiveIterator(stream)
            offset = 0
            for number, record in enumerate(iterator, 1):
                if record.rec_type is None or record.length is None:
                    break
                if number > 1 and (number - 1) % records_per_range == 0:
                    cuts.append((offset, number))
                iterator.reader.start_record()
                iterator.read_to_end()
                offset = iterator.offset
    except (_HeaderTooLarge, *_ARCHIVE_ERRORS, OSError):
        pass
    return cuts


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


def _read_record(record: ArcWarcRecord, source: str, max_bytes: int) -> RawDocument | DocumentError:
    """The document a record holds, the reason it cannot be read, or why it is skipped."""
    if record.rec_type not in DOCUMENT_RECORD_TYPES:
        reason = RECORD_TYPE_REASONS.get(record.rec_type, f"{record.rec_type} record")
        return SkippedRecord(source, reason)
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if record.http_headers is not None and not (status or "").startswith("2"):
        return SkippedRecord(source, "HTTP status other than 2xx", record.http_headers.get_statuscode() or "none")
    media_type, charset = _content_type(record)
    declared = media_type or "no Content-Type"
    stream = record.content_stream()  # de-chunked and decompressed
    head = stream.read(HEAD_BYTES)
    if not head.strip():
        if media_type in HTML_MEDIA_TYPES | TEXT_MEDIA_TYPES:
            return EmptyDocument(source, f"{declared} payload with an empty body")
        return SkippedRecord(source, "empty payload", declared)
    kind, why_not, evidence = _payload_kind(head, media_type, record.rec_headers.get_header("WARC-Target-URI"))
    if kind is None:
        return SkippedRecord(source, why_not, f"{declared}: {evidence}" if evidence else declared)
    if record.length > max_bytes:
        return DocumentTooLarge(source, f"record of {record.length} bytes, limit {max_bytes}")
    payload = head + stream.read(max_bytes + 1 - len(head))
    if len(payload) > max_bytes:
        return DocumentTooLarge(source, f"decompressed payload over the {max_bytes}-byte limit")
    if charset is None and kind == HTML:
        charset = find_declared_charset(payload)
    try:
        text = decode_bytes(payload, source, declared=charset)
    except DocumentError as error:
        return error
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind == HTML:
        return RawDocument(source=source, kind="warc", html=text, url=url)
    return RawDocument(source=source, kind="warc", text=text, url=url)


def _payload_kind(head: bytes, media_type: str | None, url: str | None) -> tuple[str | None, str, str]:
    """("html" or "text", "", "") for a payload that is a page, else (None, why it is skipped, evidence)."""
    evidence = binary_evidence(head)
    if evidence:
        return None, "binary payload", evidence
    by_content = kind_from_content(head)
    if by_content == HTML:
        return HTML, "", ""
    if by_content in (FEED, JSONL, WARC):
        return None, {FEED: "a feed", JSONL: "JSON", WARC: "a nested archive"}[by_content] + ", not a page", ""
    if media_type in HTML_MEDIA_TYPES:
        return HTML, "", ""
    if media_type in TEXT_MEDIA_TYPES:
        if _is_site_file(url):
            return None, "site file (robots.txt, ads.txt...), not an article", ""
        return TEXT, "", ""
    return None, "neither HTML nor plain text", ""


def _is_site_file(url: str | None) -> bool:
    path = urlsplit(url or "").path.lower()
    return path in SITE_FILES or path.startswith(WELL_KNOWN_PREFIX)


def _content_type(record: ArcWarcRecord) -> tuple[str | None, str | None]:
    """The payload's media type (lower case) and charset parameter: the HTTP header of a response,
    the WARC header of a resource (or of a response without HTTP headers)."""
    if record.http_headers is not None:
        header = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource" or not (record.content_type or "").startswith("application/http"):
        header = record.content_type
    else:
        header = None
    if not header:
        return None, None
    # Not Message.get_content_type(): it calls any malformed type "text/plain", which is a page here.
    media_type = header.split(";", 1)[0].strip().lower()
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return media_type if "/" in media_type else None, charset if isinstance(charset, str) else None
