"""RSS, Atom and RDF feeds: every entry becomes one document (``source`` is ``"path#entry=n"``).

The bytes are decoded by telex's own chain (so a feed declared latin-1 keeps its ’ and €), then
handed to feedparser as UTF-8. An entry's body is its full content when the feed carries it, else
its summary; a body without markup is plain text. Dates are the entry's publication (or update)
time in UTC; a date feedparser reads as outside 1000-2999, or as another year than the one written,
is passed on as written, for the clean stage to parse or to report as bad metadata.

feedparser parses with expat, external entities off; expat (2.4 and later) refuses entity
expansion bombs. Numeric character references to surrogates (``&#xD83D;``, half an emoji) are
joined or replaced before parsing: feedparser's fallback parser raises on them.
"""

from __future__ import annotations

import html as html_entities
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from telex.errors import BinaryDocument, DocumentError, EmptyDocument, NoArticleFound
from telex.ingest.decode import binary_evidence, decode_bytes, find_declared_charset
from telex.ingest.files import source_name
from telex.records import EARLIEST_PUBLISHED_YEAR, LATEST_PUBLISHED_YEAR, Author, RawDocument

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKUP = re.compile(r"<(?:/?[A-Za-z][\w:-]*|!--)[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_PROLOG_ENCODING = re.compile(r"""\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+));")
_HIGH_SURROGATES = range(0xD800, 0xDC00)
_LOW_SURROGATES = range(0xDC00, 0xE000)
_FIRST_YEAR = re.compile(r"(?<!\d)\d{4,}(?!\d)")  # the year comes first in ISO 8601 and RFC 822 dates


def read_feed(path: Path, data: bytes) -> Iterator[RawDocument | DocumentError]:
    """One document or one error per feed entry, or a single error for a feed that cannot be read."""
    source = source_name(path)
    evidence = binary_evidence(data)
    if evidence:
        yield BinaryDocument(source, evidence)
        return
    try:
        text = decode_bytes(data, source, declared=find_declared_charset(data))
    except DocumentError as error:
        yield error
        return
    if not text.strip():
        yield EmptyDocument(source, "only whitespace")
        return
    # The prolog's encoding would now lie: the bytes handed over are UTF-8.
    text = _PROLOG_ENCODING.sub(r"\1", text, count=1)
    parsed = feedparser.parse(io.BytesIO(valid_character_references(text).encode("utf-8")))
    if not parsed.entries:
        problem = _parser_message(parsed.get("bozo_exception")) if parsed.get("bozo") else None
        yield NoArticleFound(source, f"not a readable feed: {problem}" if problem else "feed has no entries")
        return
    site = _plain(parsed.feed.get("title_detail")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield read_entry(entry, f"{source}#entry={number}", site)
        except DocumentError as error:
            yield error


def read_entry(entry: Any, source: str, site: str | None) -> RawDocument:
    """The document one feedparser entry holds; raises :class:`NoArticleFound` when it has no body."""
    body = _body(entry)
    if body is None:
        raise NoArticleFound(source, "entry has neither content nor summary")
    value, content_type = body
    is_markup = content_type in HTML_CONTENT_TYPES
    if is_markup and not _MARKUP.search(value):
        value, is_markup = html_entities.unescape(value), False
    return RawDocument(
        source=source,
        kind="feed",
        html=value if is_markup else None,
        text=None if is_markup else value,
        url=entry.get("link") or None,
        title=_plain(entry.get("title_detail")) or None,
        site=site,
        authors=entry_authors(entry),
        published=entry_published(entry),
    )


def _body(entry: Any) -> tuple[str, str] | None:
    """(value, content type) of the entry's first non-blank content, else its summary."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    for detail in candidates:
        if detail and (detail.get("value") or "").strip():
            return detail["value"], (detail.get("type") or "text/html").lower()
    return None


def valid_character_references(text: str) -> str:
    """``text`` with every numeric character reference naming a real character: a surrogate pair
    written as two adjacent references (how some encoders write an emoji) becomes one, a lone
    surrogate, NUL or a number past U+10FFFF becomes U+FFFD (what browsers show)."""
    pieces: list[str] = []
    end = 0
    matches = list(_CHARACTER_REFERENCE.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        pieces.append(text[end : match.start()])
        value = _reference_value(*match.groups())
        following = matches[index + 1] if index + 1 < len(matches) else None
        if value in _HIGH_SURROGATES and following is not None and following.start() == match.end():
            low = _reference_value(*following.groups())
            if low in _LOW_SURROGATES:
                pieces.append(f"&#x{0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00):X};")
                end, index = following.end(), index + 2
                continue
        pieces.append(_valid_reference(value, match.group()))
        end, index = match.end(), index + 1
    pieces.append(text[end:])
    return "".join(pieces)


def _reference_value(hexadecimal: str | None, decimal: str | None) -> int:
    """The code point a reference names; past U+10FFFF (or too long to be read as an int) -1."""
    digits = hexadecimal or decimal or "0"
    if len(digits) > 8:
        return -1
    return int(digits, 16 if hexadecimal else 10)


def _valid_reference(value: int, written: str) -> str:
    if value <= 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "&#xFFFD;"
    return written


def entry_published(entry: Any) -> str | None:
    """ISO 8601 UTC time of publication, or of the last update when the feed gives only that.

    feedparser's reading is used only when its year is within 1000-2999 and is the year written
    (it reads "10000-01-01" as December 2010); otherwise the date is returned as written, for
    the clean stage to parse strictly or to refuse.
    """
    written = None
    for field in ("published", "updated"):
        # dict.get: feedparser's own get() answers "published" with "updated", and warns each time.
        value = dict.get(entry, field)
        if not value:
            continue
        moment = dict.get(entry, f"{field}_parsed")
        if moment and _plausible_reading(value, moment.tm_year):
            return datetime(*moment[:6], tzinfo=UTC).isoformat()
        written = written or value
    return written


def _plausible_reading(written: str, year: int) -> bool:
    """True when feedparser's year is a publication year and matches the year in the text (the
    time zone may move it by one)."""
    if not EARLIEST_PUBLISHED_YEAR <= year <= LATEST_PUBLISHED_YEAR:
        return False
    stated = _FIRST_YEAR.search(written)
    return stated is None or abs(int(stated.group()) - year) <= 1


def entry_authors(entry: Any) -> tuple[Author, ...]:
    """Entry authors by name, in order, without duplicates; entries naming only an email are skipped."""
    names = [author.get("name") for author in entry.get("authors", []) if isinstance(author, dict)]
    if not any(names) and entry.get("author"):
        names = [entry.get("author_detail", {}).get("name") or entry["author"]]
    unique = dict.fromkeys(name.strip() for name in names if name and name.strip())
    return tuple(Author(name) for name in unique)


def _parser_message(error: Any) -> str:
    """feedparser's complaint, with the line and column of XML syntax errors."""
    if hasattr(error, "getLineNumber"):
        return f"line {error.getLineNumber()}, column {error.getColumnNumber()}: {error.getMessage()}"
    return str(error)


def _plain(detail: Any) -> str:
    """A title-like field as plain text, whatever markup its feed allowed in it."""
    if not detail or not detail.get("value"):
        return ""
    value = detail["value"]
    if (detail.get("type") or "").lower() in HTML_CONTENT_TYPES:
        value = html_entities.unescape(_TAG.sub("", value))
    return " ".join(value.split())
