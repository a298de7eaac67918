"""Web archives: HTML responses become documents; damage is reported once, after the good records."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from telex.errors import DocumentTooLarge, SkippedRecord, TruncatedArchive, UnsupportedInput
from telex.ingest import read_documents
from telex.records import RawDocument


def read_unskipped(path: Path, **options) -> list:
    """Documents and errors of an archive, without the records skipped as not articles."""
    return [item for item in read_documents(path, **options) if not isinstance(item, SkippedRecord)]


UTF8_PAGE = "<html><head><title>Niamey</title></head><body><p>Le président a déclaré « oui ».</p></body></html>"
CP1252_PAGE = (
    '<html><head><meta charset="windows-1252"><title>Lomé</title></head>'
    "<body><p>L’économie du cœur coûte 5 €.</p></body></html>"
)
LATIN1_HEADER_PAGE = "<html><body><p>Réunion à Cotonou : « accord » sur l’œuvre, 10 €.</p></body></html>"
GZIPPED_PAGE = "<html><body><p>Conakry : la dépêche compressée arrive intacte, ça marche.</p></body></html>"
CHUNKED_PAGE = "<html><body><p>Bamako : une réponse découpée en morceaux.</p></body></html>"


def _chunked(data: bytes, size: int = 16) -> bytes:
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def build_warc(*, compress: bool) -> bytes:
    """Records 1-9: warcinfo, request, 4 HTML responses, a PNG, a 404 page, a chunked page (record 9)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(url: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "telex tests"}))
    request = StatusAndHeaders("GET /niamey HTTP/1.1", [("Host", "ex.ne")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://ex.ne/niamey", "request", payload=io.BytesIO(b""), http_headers=request)
    )
    response("https://ex.ne/niamey", UTF8_PAGE.encode(), [("Content-Type", "text/html; charset=UTF-8")])
    response("https://ex.tg/lome", CP1252_PAGE.encode("cp1252"), [("Content-Type", "text/html")])
    response(
        "https://ex.bj/cotonou",
        LATIN1_HEADER_PAGE.encode("cp1252"),
        [("Content-Type", 'application/xhtml+xml; charset="ISO-8859-1"')],
    )
    response(
        "https://ex.gn/conakry",
        gzip.compress(GZIPPED_PAGE.encode()),
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
    )
    response("https://ex.ne/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), [("Content-Type", "image/png")])
    response("https://ex.ne/absent", b"<html>introuvable</html>", [("Content-Type", "text/html")], "404 Not Found")
    response(
        "https://ex.ml/bamako",
        _chunked(CHUNKED_PAGE.encode()),
        [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
    )
    return buffer.getvalue()


EXPECTED = [  # (record number, url, page) of the HTML documents in build_warc's archive
    (3, "https://ex.ne/niamey", UTF8_PAGE),
    (4, "https://ex.tg/lome", CP1252_PAGE),
    (5, "https://ex.bj/cotonou", LATIN1_HEADER_PAGE),
    (6, "https://ex.gn/conakry", GZIPPED_PAGE),
    (9, "https://ex.ml/bamako", CHUNKED_PAGE),
]


@pytest.fixture(scope="module", params=[True, False], ids=["warc.gz", "warc"])
def archive(request) -> tuple[str, bytes]:
    compress = request.param
    return ("crawl.warc.gz" if compress else "crawl.warc"), build_warc(compress=compress)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_html_responses_become_documents_with_url_and_decoded_accents(tmp_path, archive):
    name, data = archive
    path = write(tmp_path, name, data)
    documents = read_unskipped(path)
    assert all(isinstance(document, RawDocument) for document in documents), documents
    assert [(d.source, d.url, d.html) for d in documents] == [
        (f"{path}#record={number}", url, page) for number, url, page in EXPECTED
    ]
    assert {(d.kind, d.text, d.published) for d in documents} == {("warc", None, None)}


def test_records_that_are_not_pages_are_skipped_with_their_reason(tmp_path, archive):
    name, data = archive
    path = write(tmp_path, name, data)
    skipped = [item for item in read_documents(path) if isinstance(item, SkippedRecord)]
    assert [(item.source, item.reason, item.detail) for item in skipped] == [
        (f"{path}#record=1", "warcinfo record (about the crawl)", ""),
        (f"{path}#record=2", "request record", ""),
        (f"{path}#record=7", "binary payload", "image/png: starts like a PNG image"),
        (f"{path}#record=8", "HTTP status other than 2xx", "404"),
    ]


def test_truncated_warc_gz_keeps_earlier_records_and_reports_the_cut(tmp_path):
    data = build_warc(compress=True)
    path = write(tmp_path, "cut.warc.gz", data[: len(data) - 40])  # inside the last record's member
    *documents, error = read_unskipped(path)
    assert [d.url for d in documents] == [url for _, url, _ in EXPECTED[:-1]]
    assert isinstance(error, TruncatedArchive)
    assert error.source == f"{path}#record=9"
    assert "byte offset" in error.detail


def test_cut_inside_a_record_body_names_the_record_and_its_offset(tmp_path):
    data = build_warc(compress=False)
    cut = data.index(b"Conakry") if b"Conakry" in data else data.index(b"https://ex.gn/conakry") + 400
    path = write(tmp_path, "cut.warc", data[:cut])
    *documents, error = read_unskipped(path)
    assert [d.url for d in documents] == [url for _, url, _ in EXPECTED[:3]]
    assert isinstance(error, TruncatedArchive) and error.source == f"{path}#record=6"
    assert "stops" in error.detail and "short" in error.detail


def record_spans(data: bytes, *, compress: bool) -> list[tuple[int, int]]:
    """(end of content, start of next record) per record: cutting between the two loses nothing."""
    starts = [iterator_offset for iterator_offset in _record_starts(data)] + [len(data)]
    # An uncompressed record's content ends two CRLFs before the next; one byte of them is enough.
    separator = 0 if compress else len(b"\r\n\r")
    return [(next_start - separator, next_start) for next_start in starts[1:]]


def _record_starts(data: bytes) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(io.BytesIO(data))
    return [iterator.offset for _ in iterator]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_every_cut_yields_the_complete_records_then_one_truncation_error(tmp_path, compress):
    data = build_warc(compress=compress)
    spans = record_spans(data, compress=compress)
    html_records = [number for number, _, _ in EXPECTED]
    pages = [page for _, _, page in EXPECTED]
    path = tmp_path / "cut.warc"
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        items = read_unskipped(path)
        whole = sum(1 for number in html_records if spans[number - 1][0] <= cut)
        at_a_boundary = any(content_end <= cut <= next_start for content_end, next_start in spans)
        assert [item.html for item in items[:whole]] == pages[:whole], cut
        if at_a_boundary:
            assert len(items) == whole, (cut, items)
        else:
            assert len(items) == whole + 1, (cut, items)
            assert isinstance(items[-1], TruncatedArchive), (cut, items)


def test_size_limit_applies_per_record_not_to_the_archive(tmp_path):
    big_page = "<html><body>" + "<p>Une très longue dépêche.</p>" * 50 + "</body></html>"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, page in [("https://ex.fr/court", UTF8_PAGE), ("https://ex.fr/long", big_page)]:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode()), http_headers=http)
        )
    path = write(tmp_path, "two.warc.gz", buffer.getvalue())
    assert path.stat().st_size > 400
    short, too_large = read_unskipped(path, max_bytes=400)
    assert short.html == UTF8_PAGE
    assert isinstance(too_large, DocumentTooLarge) and too_large.source == f"{path}#record=2"


def test_file_named_warc_that_is_not_an_archive_is_unsupported(tmp_path):
    path = write(tmp_path, "fake.warc", "Ceci n’est pas une archive.\n".encode())
    (error,) = read_documents(path)
    assert isinstance(error, UnsupportedInput)
