"""RSS, Atom and RDF feeds: every entry becomes one document (``source`` is ``"path#entry=n"``).

The bytes are decoded by telex's own chain (so a feed declared latin-1 keeps its ’ and €), then
handed to feedparser as UTF-8. An entry's body is its full content when the feed carries it, else
its summary; a body without markup is plain text. Dates are the entry's publication (or update)
time in UTC.
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
from telex.records import Author, RawDocument

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKUP = re.compile(r"<(?:/?[A-Za-z][\w:-]*|!--)[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_PROLOG_ENCODING = re.compile(r"""\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")


def read_feed(path: Path, data: bytes) -> Iterator[RawDocument | DocumentError]:
    """One document or one error per feed entry, or a single error for a feed that cannot be read."""
    source = str(path)
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
    parsed = feedparser.parse(io.BytesIO(_PROLOG_ENCODING.sub(r"\1", text, count=1).encode("utf-8")))
    if not parsed.entries:
        problem = _parser_message(parsed.get("bozo_exception")) if parsed.get("bozo") else None
        yield NoArticleFound(source, f"not a readable feed: {problem}" if problem else "feed has no entries")
        return
    site = _plain(parsed.feed.get("title_detail")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield read_entry(entry, f"{path}#entry={number}", site)
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


def entry_published(entry: Any) -> str | None:
    """ISO 8601 UTC time of publication, or of the last update when the feed gives only that."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime(*moment[:6], tzinfo=UTC).isoformat()


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
