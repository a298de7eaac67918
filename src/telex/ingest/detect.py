"""Which reader a file needs: what its first bytes are, and only then what its name says.

Crawlers and dumps name files carelessly (the OrangeSum dump and many crawlers save HTML pages as
``.txt``; a ``.html`` may hold a plain-text extraction), so a clear signature in the content wins:
a WARC record (plain or gzip), a feed root, an HTML root or fragment, a JSON object. Without one,
a container's extension (``.jsonl``, ``.warc``, ``.rss``...) is believed and its reader reports
precisely what is wrong inside; any other file is plain text, and the text reader refuses it if
it turns out to be binary, so a stray image is reported as binary content rather than as an
unsupported format.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from telex.errors import UnsupportedInput
from telex.ingest.decode import split_byte_order_mark
from telex.surrogates import escape_surrogates

TEXT = "text"
HTML = "html"
JSONL = "jsonl"
WARC = "warc"
FEED = "feed"
# Kinds whose file is a single document, so the size limit applies to the whole file.
SINGLE_DOCUMENT_KINDS = frozenset({TEXT, HTML, FEED})
# Kinds whose extension is believed when the content shows no signature: their readers say what is wrong.
CONTAINER_KINDS = frozenset({JSONL, WARC, FEED})

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
_XML_PROLOG = re.compile(rb"<\?xml\b", re.I)
# A JSON Lines file starts with an object whose first key is quoted (or an empty object):
# "{Mise à jour} Le président..." stays text.
_JSON_OBJECT_START = re.compile(rb'\{\s*(?:"|\})')


def kind_from_extension(path: Path) -> str | None:
    """The input kind a file's name announces, or None when the extension is unknown or missing."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return WARC
    return EXTENSION_KINDS.get(path.suffix.lower())


def detect_kind(path: Path, head: bytes) -> str:
    """The input kind of a file from its first bytes, then its name; raises :class:`UnsupportedInput`.

    A ``.xml`` file must hold an RSS, Atom or RDF feed: other XML has no article reader.
    """
    source = escape_surrogates(str(path))
    by_content = kind_from_content(head)
    if by_content is not None:
        return by_content
    by_extension = kind_from_extension(path)
    if by_extension == FEED and path.suffix.lower() == ".xml":
        raise UnsupportedInput(source, "XML that is not an RSS, Atom or RDF feed")
    if by_extension in CONTAINER_KINDS:
        return by_extension
    return sniff_kind(source, head)


def sniff_kind(source: str, head: bytes) -> str:
    """The input kind from a file's first bytes alone (text when nothing more specific shows)."""
    by_content = kind_from_content(head)
    if by_content is not None:
        return by_content
    if head.startswith(GZIP_MAGIC):
        raise UnsupportedInput(source, "gzip file that is not a WARC archive")
    if _XML_PROLOG.match(_as_utf8(head).lstrip()):
        raise UnsupportedInput(source, "XML that is not an RSS, Atom or RDF feed")
    return TEXT


def kind_from_content(head: bytes) -> str | None:
    """The kind a file's first bytes show beyond doubt (WARC, feed, HTML, JSONL), or None."""
    if looks_like_warc(head):
        return WARC
    start = _as_utf8(head).lstrip()
    if start.startswith(b"<"):
        feed_root = _FEED_ROOT.search(start)
        html_root = _HTML_ROOT.search(start) or _HTML_FRAGMENT.search(start)
        if feed_root and (html_root is None or feed_root.start() < html_root.start()):
            return FEED
        if html_root:
            return HTML
    elif _JSON_OBJECT_START.match(start):
        return JSONL
    return None


def looks_like_html(head: bytes) -> bool:
    """True when bytes start like an HTML page or fragment (used for WARC payloads too)."""
    return kind_from_content(head) == HTML


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
