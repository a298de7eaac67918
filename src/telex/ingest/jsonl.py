"""JSON Lines dumps from scrapers: one article object per line, each line its own document.

A line stands alone: a broken, oversized or undecodable line is reported with its 1-based number
(``source`` is ``"path:lineno"``) and the lines around it are still read. The file is read as a
stream and the size limit applies to each line, not to the file, since a dump of many articles is
legitimately large. Fields, all optional except one of ``text``/``html``::

    {"url", "title", "text", "html", "published", "site",
     "authors": "Name" | ["Name", ...] | [{"name": "Name", "role": "Stagiaire"}, ...]}

When a line has both ``text`` and ``html``, ``text`` wins: it is the producer's own extraction.

A line nested deeper than :data:`MAX_JSON_DEPTH` is refused (:class:`JsonTooDeep`) after a linear scan
of its brackets, before ``json.loads`` would recurse into it.
"""

from __future__ import annotations

import json
import operator
import os
import re
from collections.abc import Iterator
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any, BinaryIO

from telex.errors import (
    BinaryDocument,
    BrokenJsonLine,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    JsonTooDeep,
    NoArticleFound,
    UndecodableDocument,
)
from telex.ingest.decode import SNIFF_BYTES, binary_evidence
from telex.ingest.files import source_name
from telex.records import Author, RawDocument

METADATA_FIELDS = ("url", "title", "published", "site")
# An article object is 2 or 3 levels deep; 64 leaves room for any metadata a scraper nests in it.
MAX_JSON_DEPTH = 64
# A JSON string, escapes included, so that brackets inside strings are not counted. It always
# matches from a quote (an unterminated string runs to the end), so no quote is scanned twice and a
# line of 20 MB of quotes and backslashes costs one pass. Bytes are enough: '"' and '\\' never occur
# inside a UTF-8 sequence.
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
# Openers become 2 and closers 0, everything else is deleted: depth is then a running sum of (byte - 1).
_BRACKETS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[{]}"))
_SKIP_CHUNK = 1024 * 1024
_JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def read_jsonl(
    path: Path,
    stream: BinaryIO,
    *,
    max_bytes: int,
    start: int = 0,
    first_line: int = 1,
    count: int | None = None,
) -> Iterator[RawDocument | DocumentError]:
    """One document or one error per non-blank line of a JSONL stream opened in binary mode.

    A range of the file (:func:`plan_jsonl`) is read with ``start``, the byte offset of its first
    line, ``first_line``, that line's number in the file, and ``count`` lines; only a whole-file
    read reports a file without any non-blank line.
    """
    if start == 0:
        head = stream.read(SNIFF_BYTES)
        evidence = binary_evidence(head)
        if evidence:
            yield BinaryDocument(source_name(path), evidence)
            return
    stream.seek(start)
    found_a_line = start > 0 or count is not None
    name = source_name(path)
    for lineno, line in _numbered_lines(stream, max_bytes, first_line, count):
        source = f"{name}:{lineno}"
        if line is None:
            found_a_line = True
            yield DocumentTooLarge(source, f"line over the {max_bytes}-byte limit")
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        found_a_line = True
        try:
            yield parse_article_line(line, source)
        except DocumentError as error:
            yield error
    if not found_a_line:
        yield EmptyDocument(source_name(path), "no non-blank line")


def _numbered_lines(
    stream: BinaryIO, max_bytes: int, first_line: int = 1, count: int | None = None
) -> Iterator[tuple[int, bytes | None]]:
    """(1-based number, line without its end) pairs; None in place of a line longer than max_bytes."""
    lineno = first_line - 1
    while count is None or lineno - first_line + 1 < count:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest without holding it in memory
                line = stream.readline(_SKIP_CHUNK)
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def plan_jsonl(path: Path, lines_per_range: int) -> list[tuple[int, int]]:
    """Where to cut a JSONL file into ranges of ``lines_per_range`` lines: ``(byte offset, number of
    the first line)`` of each range, the first being ``(0, 1)``. One pass counting newlines, which
    is how :func:`read_jsonl` numbers lines (an over-long line is one line too)."""
    cuts = [(0, 1)]
    lines, position = 0, 0
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        while block := stream.read(_SKIP_CHUNK):
            start = 0
            while (newline := block.find(b"\n", start)) >= 0:
                lines += 1
                start = newline + 1
                if lines % lines_per_range == 0 and position + start < size:
                    cuts.append((position + start, lines + 1))
            position += len(block)
    return cuts


def parse_article_line(line: bytes, source: str) -> RawDocument:
    """The document one JSONL line describes; raises a :class:`DocumentError` subclass if it cannot."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UndecodableDocument(
            source, f"byte 0x{line[error.start]:02X} at column {error.start + 1} is not valid UTF-8"
        ) from error
    depth = json_too_deep(line)
    if depth is not None:
        raise JsonTooDeep(source, f"{depth} levels of brackets, limit {MAX_JSON_DEPTH}")
    try:
        value = json.loads(decoded)
    except ValueError as error:  # JSONDecodeError, and numbers over Python's 4,300-digit limit
        raise BrokenJsonLine(source, str(error)) from error
    if not isinstance(value, dict):
        raise NoArticleFound(source, f"line is a JSON {_json_type(value)}, not an object")
    fields = {name: _string_field(value, name, source) for name in ("text", "html", *METADATA_FIELDS)}
    text, html = fields["text"], fields["html"]
    if text is None and html is None:
        raise NoArticleFound(source, "line has neither 'text' nor 'html'")
    return RawDocument(
        source=source,
        kind="jsonl",
        text=text,
        html=html if text is None else None,
        url=fields["url"],
        title=fields["title"],
        site=fields["site"],
        published=fields["published"],
        authors=parse_authors(value.get("authors"), source),
    )


def json_too_deep(line: bytes, limit: int = MAX_JSON_DEPTH) -> int | None:
    """The nesting depth of a JSON text when it is over ``limit``, else None; linear time.

    Most lines have fewer opening brackets than the limit, which settles it in a count; the
    others are measured by :func:`json_depth`.
    """
    if line.count(b"[") + line.count(b"{") <= limit:
        return None
    depth = json_depth(line)
    return depth if depth > limit else None


def json_depth(line: bytes) -> int:
    """The deepest nesting of brackets outside strings in a JSON text, in one linear pass.

    Malformed text gets a number too (an unterminated string's brackets count); ``json.loads``
    then says what is wrong with it.
    """
    structure = _JSON_STRING.sub(b"", line).translate(_BRACKETS, _NOT_BRACKETS)
    if not structure:
        return 0
    return max(0, max(accumulate(map(operator.sub, structure, repeat(1)))))


def _string_field(article: dict[str, Any], name: str, source: str) -> str | None:
    """A field's string value, None when absent, null or blank; wrong types are the line's error.

    Body fields keep their text as written; metadata fields lose surrounding whitespace.
    """
    value = article.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BrokenJsonLine(source, f"field '{name}' must be a string, not a {_json_type(value)}")
    if not value.strip():
        return None
    return value if name in ("text", "html") else value.strip()


def parse_authors(value: Any, source: str) -> tuple[Author, ...]:
    """Authors from a name, a list of names, or objects with ``name`` and optional ``role``."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    authors: list[Author] = []
    for index, item in enumerate(items):
        author = _author(item, source, f"authors[{index}]" if isinstance(value, list) else "authors")
        if author is not None and author not in authors:
            authors.append(author)
    return tuple(authors)


def _author(item: Any, source: str, where: str) -> Author | None:
    if isinstance(item, str):
        return Author(item.strip()) if item.strip() else None
    if isinstance(item, dict):
        name, role = item.get("name"), item.get("role")
        if not isinstance(name, str) or not (role is None or isinstance(role, str)):
            raise BrokenJsonLine(source, f"{where} must have a string 'name' and an optional string 'role'")
        if not name.strip():
            return None
        return Author(name.strip(), role.strip() if role and role.strip() else None)
    raise BrokenJsonLine(source, f"{where} must be a string or an object, not a {_json_type(item)}")


def _json_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPE_NAMES.get(type(value), "object")
