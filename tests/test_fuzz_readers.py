"""Fuzzing every reader: whatever a file holds, it yields documents and specific errors, never raises.

The property checked on every item (:func:`check_items`): it is a ``RawDocument`` or a
``DocumentError``, never a ``ReaderDefect`` (an exception no reader expected); every string in it
encodes as UTF-8, so storing or printing it cannot fail; a document has exactly one body and its
source names the file. Container readers are checked for more: each JSONL line gives exactly one
item, each WARC record one item, and a damaged archive ends with one error, after its good records.

Inputs: arbitrary bytes under every extension, text with lone surrogates, markup built from
hostile fragments (surrogate character references, odd charset declarations, entities), JSON
with surrogates and deep nesting, archives built record by record then cut at random offsets or
with bytes flipped, feeds with impossible dates, and real pages mutated before cleaning.

The run is reproducible: the seed is ``TELEX_FUZZ_SEED`` (default in conftest.py, printed in
pytest's header) and ``TELEX_FUZZ_SCALE`` multiplies the number of examples (1: about two minutes
on CI). Run only this suite with ``pytest -m fuzz``, or skip it with ``-m "not fuzz"``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, seed, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import FUZZ_SCALE, FUZZ_SEED, SHARED
from telex.clean import clean_document
from telex.errors import (
    ArchiveHeaderTooLarge,
    DocumentError,
    ReaderDefect,
    Skipped,
    TruncatedArchive,
    UnsupportedInput,
)
from telex.ingest import detect_kind, read_documents
from telex.records import EARLIEST_PUBLISHED_YEAR, LATEST_PUBLISHED_YEAR, Article, RawDocument
from telex.surrogates import has_surrogates

pytestmark = pytest.mark.fuzz
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
KINDS = {"text", "html", "jsonl", "warc", "feed"}
EXTENSIONS = ["", ".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".warc", ".warc.gz", ".bin"]
# Small limits reach the "too large" paths with small examples.
MAX_BYTES = [64, 4096, 1 << 20]


def fuzz(examples: int):
    """Hypothesis settings for one fuzz test: seeded, no example database, no deadline (the
    machine is shared and charset detection is slow on noise)."""

    def decorate(test):
        configured = settings(
            max_examples=max(1, int(examples * FUZZ_SCALE)),
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        )(test)
        return seed(FUZZ_SEED)(configured)

    return decorate


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --- strategies --------------------------------------------------------------------------------

surrogates = st.integers(0xD800, 0xDFFF).map(chr)
unicode_with_surrogates = st.text(alphabet=st.one_of(st.characters(), surrogates, st.sampled_from("éà’«»€\n<>&\"'")))


def encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates as CESU-8 bytes: not valid UTF-8


# Fragments that reach the readers' odd corners when glued together in any order.
HOSTILE_FRAGMENTS = [
    b"<!DOCTYPE html>",
    b"<html>",
    b"<head>",
    b"<meta charset=utf-7>",
    b'<meta charset="unicode_escape">',
    b'<meta http-equiv="Content-Type" content="text/html; charset=undefined">',
    b"<meta charset=base64>",
    b'<?xml version="1.0" encoding="utf-7"?>',
    b'<?xml version="1.0"?>',
    b'<rss version="2.0"><channel><title>T</title><item><title>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>',
    b"</title><description>",
    b"</description><pubDate>",
    b"</pubDate></item>",
    b"<updated>10000-01-01T00:00:00Z</updated>",
    b"<pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate>",
    b"</channel></rss>",
    b'<!DOCTYPE r [<!ENTITY a "&#xD83D;"><!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b"&a;&x;",
    b"&#xD83D;",
    b"&#xDE00;",
    b"&#55357;",
    b"&#x110000;",
    b"&#99999999999999999999;",
    b"&#0;",
    b"<p>Le pr\xc3\xa9sident a d\xc3\xa9clar\xc3\xa9 \xc2\xab oui \xc2\xbb.</p>",
    b"<p>Le pr\xe9sident a d\xe9clar\xe9.</p>",
    b"<body><article>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\r\n",
    b"\xed\xa0\xbd",  # a surrogate encoded as UTF-8 (CESU-8): invalid UTF-8
    b'{"text": "',
    b"\\ud83d",
    b'"}',
    b"WARC/1.0\r\n",
    b"\x1f\x8b",
]
hostile_bytes = st.lists(
    st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.binary(max_size=40), unicode_with_surrogates.map(encoded)),
    max_size=30,
).map(b"".join)

file_bytes = st.one_of(
    st.binary(max_size=2048),
    unicode_with_surrogates.map(encoded),
    unicode_with_surrogates.map(lambda text: text.encode("utf-16", "surrogatepass")),
    hostile_bytes,
)


# --- the property --------------------------------------------------------------------------------


def check_items(items: list, name: str) -> None:
    """Documents and specific errors only, all storable and printable, sources naming the file."""
    for item in items:
        assert isinstance(item, RawDocument | DocumentError), item
        assert not isinstance(item, ReaderDefect), item
        assert item.source.startswith(name), (item.source, name)
        if isinstance(item, DocumentError):
            strings = [item.source, item.reason, item.detail, str(item)]
        else:
            assert (item.text is None) != (item.html is None), item
            assert item.kind in KINDS
            strings = [item.source, item.text, item.html, item.url, item.title, item.site, item.published]
            strings += [author.name for author in item.authors] + [author.role for author in item.authors]
        for value in strings:
            if value is not None:
                value.encode("utf-8")  # raises UnicodeEncodeError on a lone surrogate


def read(folder: Path, name: str, data: bytes, max_bytes: int = 1 << 20) -> list:
    path = folder / name
    path.write_bytes(data)
    items = list(read_documents(path, max_bytes=max_bytes))
    check_items(items, str(path))
    return items


# --- every reader on arbitrary bytes -----------------------------------------------------------------


@fuzz(2000)
@given(data=file_bytes, extension=st.sampled_from(EXTENSIONS), max_bytes=st.sampled_from(MAX_BYTES))
def test_any_bytes_under_any_name_give_documents_or_errors(folder, data, extension, max_bytes):
    items = read(folder, f"input{extension}", data, max_bytes)
    if data.strip(b" \t\r\n") == b"":
        assert len(items) == 1 and isinstance(items[0], DocumentError)
    assert items, "every file gives at least one document or one error"


@fuzz(1500)
@given(name=unicode_with_surrogates, head=file_bytes)
def test_detect_kind_returns_a_kind_or_refuses(name, head):
    try:
        kind = detect_kind(Path(name or "x"), head)
    except UnsupportedInput as error:
        str(error).encode("utf-8")
    else:
        assert kind in KINDS


@fuzz(100)
@given(name=st.binary(min_size=1, max_size=20).filter(lambda raw: b"/" not in raw and b"\x00" not in raw))
def test_any_file_name_bytes_give_a_printable_source(folder, name):
    if name in (b".", b".."):
        return
    raw_path = os.path.join(os.fsencode(folder), name)
    with open(raw_path, "wb") as handle:
        handle.write("Le président a déclaré « oui ».".encode())
    path = Path(raw_path.decode("utf-8", "surrogateescape"))
    (document,) = read_documents(path)
    assert isinstance(document, RawDocument) and document.text == "Le président a déclaré « oui »."
    document.source.encode("utf-8")
    path.unlink()


# --- JSONL ---------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | unicode_with_surrogates,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(unicode_with_surrogates, children, max_size=4),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries(
    {},
    optional={
        "text": unicode_with_surrogates | json_values,
        "html": hostile_bytes.map(lambda raw: raw.decode("utf-8", "replace")) | json_values,
        "title": unicode_with_surrogates | json_values,
        "url": unicode_with_surrogates,
        "published": st.sampled_from(["2023-09-13", "hier", "yesterday", "0000-01-01", "10000-01-01", "N/A", ""])
        | unicode_with_surrogates,
        "site": unicode_with_surrogates,
        "authors": json_values,
    },
)


def json_line(draw_value, ascii_only: bool) -> bytes:
    return json.dumps(draw_value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


jsonl_lines = st.one_of(
    st.builds(json_line, article_objects, st.booleans()),
    st.builds(json_line, json_values, st.booleans()),
    st.integers(1, 3000).map(lambda depth: b'{"text": "x", "deep": ' + b"[" * depth + b"]" * depth + b"}"),
    st.integers(1, 3000).map(lambda depth: b"{" * depth),
    st.binary(max_size=200).map(lambda raw: raw.replace(b"\n", b" ")),
    st.just(b"9" * 5000),  # over Python's 4,300-digit limit for int()
)


@fuzz(600)
@given(lines=st.lists(jsonl_lines, min_size=1, max_size=8), max_bytes=st.sampled_from(MAX_BYTES))
def test_every_jsonl_line_gives_exactly_one_item(folder, lines, max_bytes):
    items = read(folder, "dump.jsonl", b"\n".join(lines) + b"\n", max_bytes)
    if any(f"{folder}/dump.jsonl:" not in item.source for item in items):
        return  # the whole file was refused (binary, blank) or its content is another kind (HTML, a WARC)
    first = lines[0].removeprefix(b"\xef\xbb\xbf")  # a byte order mark opening the file is not content
    expected = [
        n for n, line in enumerate([first, *lines[1:]], start=1) if line.strip() or len(lines[n - 1]) > max_bytes
    ]
    assert [item.source.rsplit(":", 1)[-1] for item in items] == [str(n) for n in expected]


# --- WARC -----------------------------------------------------------------------------------------------

payloads = st.one_of(
    st.binary(max_size=600),
    hostile_bytes,
    st.just(b"<html><body><p>" + "Le président a reçu le ministre à Bamako. ".encode() * 5 + b"</p></body></html>"),
    st.just(gzip.compress("<html><body><p>Compressé.</p></body></html>".encode())),
    st.just(b"\x89PNG\r\n\x1a\n" + bytes(100)),
)
content_types = st.sampled_from(
    [None, "text/html", "text/html; charset=utf-7", "text/plain", "application/json", "image/png", "garbage", ""]
)
records = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["response", "response", "resource", "request", "metadata", "revisit", "warcinfo"]),
        "url": st.sampled_from(["https://ex.ne/a", "https://ex.ne/robots.txt", "dns:ex.ne", "https://ex.ne/é"]),
        "status": st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "299 Odd"]),
        "content_type": content_types,
        "encoding": st.sampled_from([None, "gzip", "chunked", "br"]),
        "payload": payloads,
    }
)


def build_archive(specs: list[dict], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for spec in specs:
        # warcio writes a revisit's declared length without its payload: revisits carry none here.
        body = b"" if spec["type"] == "revisit" else spec["payload"]
        if spec["type"] == "warcinfo":
            writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
            continue
        if spec["type"] in ("response", "revisit", "request") and spec["url"].startswith("http"):
            headers = [("Content-Type", spec["content_type"])] if spec["content_type"] is not None else []
            if spec["encoding"] == "chunked":
                headers.append(("Transfer-Encoding", "chunked"))
            elif spec["encoding"]:
                headers.append(("Content-Encoding", spec["encoding"]))
            if spec["type"] == "request":
                http = StatusAndHeaders("GET /a HTTP/1.1", headers, is_http_request=True)
            else:
                http = StatusAndHeaders(spec["status"], headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(spec["url"], spec["type"], payload=io.BytesIO(body), http_headers=http)
        else:
            record = writer.create_warc_record(
                spec["url"], spec["type"], payload=io.BytesIO(body), warc_content_type=spec["content_type"] or None
            )
        writer.write_record(record)
    return buffer.getvalue()


@fuzz(600)
@given(specs=st.lists(records, min_size=1, max_size=6), compress=st.booleans(), max_bytes=st.sampled_from(MAX_BYTES))
def test_every_record_of_a_whole_archive_gives_exactly_one_item(folder, specs, compress, max_bytes):
    items = read(folder, "crawl.warc.gz" if compress else "crawl.warc", build_archive(specs, compress), max_bytes)
    assert len(items) == len(specs), items
    assert not any(isinstance(item, TruncatedArchive | ArchiveHeaderTooLarge) for item in items), items
    assert [item.source.rsplit("=", 1)[-1] for item in items] == [str(n) for n in range(1, len(specs) + 1)]


@fuzz(1000)
@given(specs=st.lists(records, min_size=1, max_size=5), compress=st.booleans(), cut=st.floats(0, 1))
def test_a_cut_archive_gives_its_whole_records_then_one_error(folder, specs, compress, cut):
    data = build_archive(specs, compress)
    items = read(folder, "cut.warc.gz" if compress else "cut.warc", data[: int(len(data) * cut)])
    fatal = [n for n, item in enumerate(items) if isinstance(item, TruncatedArchive | ArchiveHeaderTooLarge)]
    assert fatal in ([], [len(items) - 1]), items
    assert len(items) <= len(specs) + 1


@fuzz(800)
@given(
    specs=st.lists(records, min_size=1, max_size=4),
    compress=st.booleans(),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_an_archive_with_flipped_bytes_gives_documents_or_errors(folder, specs, compress, flips):
    data = bytearray(build_archive(specs, compress))
    for where, value in flips:
        data[min(int(len(data) * where), len(data) - 1)] = value
    read(folder, "flipped.warc.gz" if compress else "flipped.warc", bytes(data))


# --- feeds ------------------------------------------------------------------------------------------------

feed_dates = st.one_of(
    st.sampled_from(
        [
            "Wed, 13 Sep 2023 08:30:00 GMT",
            "Sat, 01 Jan 0000 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:30:00 -0100",
            "hier",
            "13 septembre 2023",
        ]
    ),
    st.integers(0, 99999).map(lambda year: f"{year:04d}-06-15T12:00:00Z"),
    unicode_with_surrogates,
)
feed_text = st.one_of(
    unicode_with_surrogates.map(lambda text: text.replace("]]>", "")),
    st.lists(
        st.sampled_from(["&#xD83D;", "&#xDE00;", "&#55357;", "&#x110000;", "&#0;", "&amp;", "&lt;p&gt;", "é"])
    ).map("".join),
)


def build_feed(entries: list[tuple[str, str, str]], atom: bool) -> bytes:
    if atom:
        body = "".join(
            f"<entry><title>{title}</title><updated>{date}</updated><summary>{text}</summary></entry>"
            for title, date, text in entries
        )
        feed = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{body}</feed>'
    else:
        body = "".join(
            f"<item><title>{title}</title><pubDate>{date}</pubDate><description>{text}</description></item>"
            for title, date, text in entries
        )
        feed = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
        )
    return encoded(feed)


@fuzz(800)
@given(entries=st.lists(st.tuples(feed_text, feed_dates, feed_text), min_size=1, max_size=4), atom=st.booleans())
def test_feeds_with_hostile_text_and_dates_give_documents_or_errors(folder, entries, atom):
    for item in read(folder, "fil.atom" if atom else "fil.rss", build_feed(entries, atom)):
        if isinstance(item, RawDocument):
            check_cleaned(item)  # dates out of range are passed on as written, for cleaning to refuse


# --- clean_document on mutated real pages ------------------------------------------------------------------

mutations = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 2000)),
        st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(HOSTILE_FRAGMENTS) | st.binary(max_size=30)),
        st.tuples(st.just("duplicate"), st.floats(0, 1), st.integers(1, 2000)),
        st.tuples(st.just("truncate"), st.floats(0, 1), st.just(0)),
    ),
    min_size=1,
    max_size=5,
)


def mutate(data: bytes, operations: list[tuple]) -> bytes:
    page = bytearray(data)
    for operation, where, argument in operations:
        at = int(len(page) * where)
        if operation == "delete":
            del page[at : at + argument]
        elif operation == "insert":
            page[at:at] = argument
        elif operation == "duplicate":
            page[at:at] = page[at : at + argument]
        else:
            del page[at:]
    return bytes(page)


def check_cleaned(raw: RawDocument) -> None:
    """clean_document gives a storable article, or a specific DocumentError."""
    try:
        article = clean_document(raw)
    except DocumentError as error:
        assert not isinstance(error, ReaderDefect)
        str(error).encode("utf-8")
        return
    assert isinstance(article, Article) and article.text.strip()
    for value in (article.text, article.title, article.site, article.url, article.raw_text, article.published):
        if value is not None:
            value.encode("utf-8")
    if article.published:
        assert EARLIEST_PUBLISHED_YEAR <= int(article.published[:4]) <= LATEST_PUBLISHED_YEAR
    for article_start, raw_start, length in article.raw_offsets:  # offsets still point at the same characters
        assert article.text[article_start : article_start + length] == article.raw_text[raw_start : raw_start + length]


def clean_all(folder: Path, name: str, data: bytes) -> None:
    for item in read(folder, name, data):
        if isinstance(item, RawDocument):
            check_cleaned(item)
        else:
            assert not isinstance(item, Skipped) or name.endswith((".warc", ".warc.gz"))


FIXTURE_PAGES = sorted(path for path in FIXTURES.iterdir() if path.is_file())


@fuzz(250)
@given(page=st.sampled_from(FIXTURE_PAGES), operations=mutations)
def test_cleaning_mutated_fixture_pages_gives_articles_or_errors(folder, page, operations):
    clean_all(folder, "mutated" + "".join(page.suffixes), mutate(page.read_bytes(), operations))


@pytest.fixture(scope="module")
def orangesum_pages() -> list[Path]:
    pages = SHARED / "corpus" / "orangesum" / "pages"
    if not pages.is_dir():
        pytest.skip(f"{pages} not available")
    return sorted(pages.glob("*.html"))[:50]


@fuzz(120)
@given(pick=st.integers(0, 49), operations=mutations, saved_as=st.sampled_from([".html", ".txt", ""]))
def test_cleaning_mutated_orangesum_pages_gives_articles_or_errors(folder, orangesum_pages, pick, operations, saved_as):
    page = orangesum_pages[pick % len(orangesum_pages)]
    clean_all(folder, f"orangesum{saved_as}", mutate(page.read_bytes(), operations))


def test_text_strategy_reaches_lone_surrogates():
    """Hypothesis' default alphabet has no surrogates; the one used here must."""
    lone = find(unicode_with_surrogates, has_surrogates, settings=settings(database=None))
    assert len(lone) == 1 and 0xD800 <= ord(lone) <= 0xDFFF
