"""From a raw document to a clean article with its metadata.

Metadata comes from the best source that has it: what the container declared (JSONL fields,
feed entries) first, then the page's own markup (trafilatura, htmldate), then the furniture
lines of the text (byline, site name, dateline), then the prose itself (first full date).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from functools import cache

from telex.clean.blocks import build_blocks
from telex.clean.boilerplate import strip_boilerplate
from telex.clean.dates import first_full_date
from telex.clean.html import extract_page
from telex.clean.language import identify_language
from telex.errors import BadMetadata, EmptyDocument, NoArticleFound
from telex.records import EARLIEST_PUBLISHED_YEAR, LATEST_PUBLISHED_YEAR, Article, RawDocument

MAX_TITLE_CHARACTERS = 150
# Longer than any way of writing a date (and dateparser's time grows with its input).
MAX_DATE_CHARACTERS = 100
# dateparser's parsers without "relative-time": "hier", "yesterday", "il y a 2 jours" would be read
# against the day of the ingest, which is not the day the page was written.
ABSOLUTE_DATE_PARSERS = ["timestamp", "custom-formats", "absolute-time"]
_SENTENCE_END = re.compile(r"[.!?»\"”:;…]$")
_WRITTEN_YEAR = re.compile(r"(?<!\d)\d{4,5}(?!\d)")


def content_hash(text: str) -> str:
    """The article's identity: the same text is the same article, wherever it was found."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def article_id(hash_hex: str) -> str:
    return hash_hex[:16]


@cache
def _dateparser():  # imported on first use: dateparser takes a second to import
    import dateparser

    return dateparser


def parse_published(value: str) -> str:
    """ISO 8601 date (or datetime, when it has a time) of an absolute date in 1000-2999.

    Raises ValueError saying why not: a relative date ("hier", "yesterday"), a year out of range,
    or no date at all. French and English dates in words are read ("13 septembre 2023").
    """
    text = value.strip()
    if len(text) > MAX_DATE_CHARACTERS:
        raise ValueError(f"not a date ({len(text)} characters)")
    parsed = _iso_date(text) or _written_date(text)
    if parsed is None:
        year = _WRITTEN_YEAR.search(text)
        if year and not EARLIEST_PUBLISHED_YEAR <= int(year.group()) <= LATEST_PUBLISHED_YEAR:
            raise ValueError(f"year {int(year.group())} outside {EARLIEST_PUBLISHED_YEAR}-{LATEST_PUBLISHED_YEAR}")
        if _is_relative(text):
            raise ValueError("a relative date; read against the day of the ingest it would be wrong")
        raise ValueError("not a date")
    if not EARLIEST_PUBLISHED_YEAR <= parsed.year <= LATEST_PUBLISHED_YEAR:
        raise ValueError(f"year {parsed.year} outside {EARLIEST_PUBLISHED_YEAR}-{LATEST_PUBLISHED_YEAR}")
    if isinstance(parsed, datetime) and (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0):
        return parsed.isoformat()
    return (parsed.date() if isinstance(parsed, datetime) else parsed).isoformat()


def normalize_published(value: str | None) -> str | None:
    """ISO 8601 date or datetime from what a source declared, or None if it is not an absolute date
    in 1000-2999 (see :func:`parse_published`)."""
    if not value or not value.strip():
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None


def _iso_date(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _written_date(text: str) -> datetime | None:
    settings = {"STRICT_PARSING": True, "PARSERS": ABSOLUTE_DATE_PARSERS}
    try:
        return _dateparser().parse(text, languages=["fr", "en"], settings=settings)
    except (ValueError, OverflowError, OSError):  # its timestamp parser on numbers past year 9999
        return None


def _is_relative(text: str) -> bool:
    try:
        return _dateparser().parse(text, languages=["fr", "en"], settings={"PARSERS": ["relative-time"]}) is not None
    except (ValueError, OverflowError, OSError):
        return False


def _split_title(text: str) -> tuple[str | None, str]:
    """A scraped page's first line is its headline when it is short, has no final punctuation
    and stands apart from the body; anything else stays in the body."""
    first, separator, rest = text.partition("\n")
    if (
        separator
        and rest.strip()
        and len(first) <= MAX_TITLE_CHARACTERS
        and not _SENTENCE_END.search(first)
        and len(first.split()) >= 3
    ):
        return first, rest.lstrip("\n")
    return None, text


def _declared_published(raw: RawDocument) -> str | None:
    """The publication date the container declared, or None; a value that is not an absolute date
    in range makes the document :class:`BadMetadata`."""
    if not raw.published or not raw.published.strip():
        return None
    try:
        return parse_published(raw.published)
    except ValueError as error:
        shown = raw.published if len(raw.published) <= 80 else raw.published[:80] + "…"
        raise BadMetadata(raw.source, f"field 'published' = {shown!r}: {error}") from error


def clean_document(raw: RawDocument) -> Article:
    """Clean one raw document; raises a :class:`DocumentError` subclass for bad input."""
    page = None
    if raw.html is not None:
        page = extract_page(raw.html, raw.source, raw.url)
        raw_text = page.text
    elif raw.text is not None:
        raw_text = raw.text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        raise EmptyDocument(raw.source, "neither text nor html")
    if not raw_text.strip():
        raise EmptyDocument(raw.source)

    stripped = strip_boilerplate(raw_text)
    if not stripped.text.strip():
        raise NoArticleFound(raw.source, "only site furniture (widgets, byline, site name) in the text")
    title = raw.title or (page.title if page else None)
    if title is None and page is None:
        title, _rest = _split_title(stripped.text)  # a scraped page's first line: its title block
    blocked = build_blocks(
        stripped.text,
        title=title,
        standfirst=page.standfirst if page else None,
        headings=page.headings if page else frozenset(),
    )
    body = blocked.text
    offsets = blocked.offsets.then(stripped.offsets)

    published, published_from = _declared_published(raw), "metadata"
    if published is None and page is not None and page.published:
        published, published_from = normalize_published(page.published), "html"
    if published is None:
        furniture = "\n".join(line for category, line in stripped.removed if category == "dateline")
        found = first_full_date(furniture) or first_full_date(body)
        published, published_from = (found.value.isoformat(), "text") if found else (None, None)

    hash_hex = content_hash(body)
    return Article(
        id=article_id(hash_hex),
        content_hash=hash_hex,
        text=body,
        source=raw.source,
        kind=raw.kind,
        url=raw.url or (page.url if page else None),
        site=raw.site or (page.site if page else None) or stripped.site,
        title=title,
        authors=raw.authors or (page.authors if page else ()) or stripped.authors,
        published=published,
        published_from=published_from,
        language=identify_language(body),
        raw_text=raw_text,
        raw_offsets=offsets.copied_runs(),
        blocks=blocked.blocks,
    )
