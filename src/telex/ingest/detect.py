"""Which reader a file needs: by its extension, or by its first bytes when the name does not say.

Unknown files that show no sign of a container or markup are read as plain text; the text reader
then refuses them if they turn out to be binary, so a stray image is reported as binary content
rather than as an unsupported format.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from telex.errors import UnsupportedInput
from telex.ingest.decode import split_byte_order_mark

TEXT = "text"
HTML = "html"
JSONL = "jsonl"
WARC = "warc"
FEED = "feed"
# Kinds whose file is a single document, so the size limit applies to the whole file.
SINGLE_DOCUMENT_KINDS = frozenset({TEXT, HTML, FEED})

HEAD_BYTES = 8 * 1024
EXTENSION_KINDS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".warc": WARC,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
    ".rdf": FEED,
}
GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_ROOT = re.compile(rb"<!doctype\s+html|<html\b", re.I)
_HTML_FRAGMENT = re.compile(rb"<(?:head|body|div|p|article|section|meta|title)\b", re.I)


def kind_from_extension(path: Path) -> str | None:
    """The input kind a file's name announces, or None when the extension is unknown or missing."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return WARC
    return EXTENSION_KINDS.get(path.suffix.lower())


def detect_kind(path: Path, head: bytes) -> str:
    """The input kind of a file from its name and its first bytes; raises :class:`UnsupportedInput`.

    A ``.xml`` file must hold an RSS, Atom or RDF feed: other XML has no article reader.
    """
    by_extension = kind_from_extension(path)
    if by_extension == FEED and path.suffix.lower() == ".xml" and not _FEED_ROOT.search(_as_utf8(head)):
        raise UnsupportedInput(str(path), "XML that is not an RSS, Atom or RDF feed")
    if by_extension is not None:
        return by_extension
    return sniff_kind(str(path), head)


def sniff_kind(source: str, head: bytes) -> str:
    """The input kind from a file's first bytes alone (text when nothing more specific shows)."""
    if looks_like_warc(head):
        return WARC
    if head.startswith(GZIP_MAGIC):
        raise UnsupportedInput(source, "gzip file that is not a WARC archive")
    start = _as_utf8(head).lstrip()
    if start.startswith(b"<"):
        feed_root = _FEED_ROOT.search(start)
        html_root = _HTML_ROOT.search(start) or _HTML_FRAGMENT.search(start)
        if feed_root and (html_root is None or feed_root.start() < html_root.start()):
            return FEED
        if html_root:
            return HTML
        if start[:5].lower() == b"<?xml":
            raise UnsupportedInput(source, "XML that is not an RSS, Atom or RDF feed")
    elif start.startswith(b"{"):
        return JSONL
    return TEXT


def looks_like_warc(head: bytes) -> bool:
    """True when a file starts with a WARC record, plain or gzip-compressed."""
    return warc_head(head).startswith(WARC_MAGIC)


def warc_head(head: bytes) -> bytes:
    """The first bytes of a file, decompressed when it is gzip."""
    return _gunzip_head(head) if head.startswith(GZIP_MAGIC) else head


def _as_utf8(head: bytes) -> bytes:
    """The head without its byte order mark, re-encoded as UTF-8 so byte patterns match UTF-16 too."""
    codec, rest = split_byte_order_mark(head)
    if codec is None or codec == "utf-8":
        return rest
    return rest.decode(codec, errors="ignore").encode("utf-8")


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(head, len(WARC_MAGIC) + 16)
    except zlib.error:
        return b""
