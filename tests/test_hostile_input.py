"""Issue 15, "Hostile input and faults", reader half: one test per row of the fault table.

Each row is ingested in a batch beside good pages, through ``telex.pipeline.ingest`` into a
temporary store: the bad document is read, or reported with a specific reason, and the good
pages beside it are stored all the same.
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import requires_shared
from telex.cli import app
from telex.export import article_records
from telex.pipeline import IngestReport, ingest

PARAGRAPH = (
    "Le président burkinabè a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères pour "
    "des entretiens consacrés à la sécurité au Sahel, a indiqué la présidence dans un communiqué."
)
SECOND = (
    "À Niamey, les syndicats de l'enseignement ont suspendu leur grève après un accord avec le gouvernement "
    "sur le paiement des arriérés de salaires, a annoncé leur porte-parole."
)
PAGE = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Visite à Ouagadougou</title></head>
<body><nav>Accueil | Monde | Afrique</nav><article><h1>Visite à Ouagadougou</h1><p>{PARAGRAPH}</p>
<p>Les deux délégations ont évoqué la coopération militaire et la lutte contre les groupes armés.</p>
</article><footer>© 2024 Exemple</footer></body></html>"""


def by_name(report: IngestReport) -> dict[str, tuple[str, str]]:
    """Failures as {last part of the source: (reason, detail)}."""
    return {failure.source.rsplit("/", 1)[-1]: (failure.reason, failure.detail) for failure in report.failed}


def write_good_page(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(f"{SECOND}\n\nLes cours reprendront lundi dans tout le pays.", encoding="utf-8")


def records(store) -> list[dict]:
    """Every stored article as its export record."""
    return list(article_records(store.articles_with_analyses()))


def stored_texts(store) -> dict[str, dict]:
    return {record["source"].rsplit("/", 1)[-1]: record for record in records(store)}


# --- a file name with non-UTF-8 bytes; a lone surrogate in JSONL; &#xD83D; in an RSS title --------


def test_file_name_with_non_utf8_bytes_is_stored_with_the_bytes_written_out(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    raw_name = os.path.join(os.fsencode(folder), b"d\xe9p\xeache-caf\xe9.txt")  # latin-1 bytes: not UTF-8
    with open(raw_name, "wb") as handle:
        handle.write(PARAGRAPH.encode("utf-8"))
    report = ingest([folder], store)
    assert report.failed == [] and len(report.added) == 2
    sources = sorted(record["source"] for record in records(store))
    assert sources == [f"{folder}/d\\xe9p\\xeache-caf\\xe9.txt", f"{folder}/good.txt"]


def test_lone_surrogate_in_a_jsonl_title_becomes_a_replacement_character(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    lines = [
        # json.dumps writes lone surrogates as \ud83d escapes: valid JSON, invalid Unicode.
        json.dumps({"title": "Coupé en deux \ud83d", "text": PARAGRAPH, "authors": ["Awa \udc00 Traoré"]}),
        json.dumps({"title": "Émoji entier \ud83d\ude00", "text": SECOND + " Entier."}),
    ]
    (folder / "dump.jsonl").write_text("\n".join(lines), encoding="ascii")
    report = ingest([folder], store)
    assert report.failed == [] and len(report.added) == 3
    titles = {record["source"].rsplit("/", 1)[-1]: record["title"] for record in records(store)}
    assert titles["dump.jsonl:1"] == "Coupé en deux \ufffd"
    assert titles["dump.jsonl:2"] == "Émoji entier 😀"
    first = store.get(next(r["id"] for r in records(store) if r["source"].endswith("dump.jsonl:1"))).article
    assert first.authors[0].name == "Awa \ufffd Traoré"


def test_surrogate_character_reference_in_an_rss_title_is_repaired(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Journal</title>
<item><title>Moitié &#xD83D; d'émoji</title><description>{PARAGRAPH}</description></item>
<item><title>Paire &#xD83D;&#xDE00; et &#55357;&#56832;</title><description>{SECOND} Paire.</description></item>
</channel></rss>"""
    (folder / "feed.rss").write_text(feed, encoding="utf-8")
    report = ingest([folder], store)
    assert report.failed == [] and len(report.added) == 3
    titles = {record["source"].rsplit("/", 1)[-1]: record["title"] for record in records(store)}
    assert titles["feed.rss#entry=1"] == "Moitié \ufffd d'émoji"
    assert titles["feed.rss#entry=2"] == "Paire 😀 et 😀"


# --- a feed date in year 0 or 10000 ---------------------------------------------------------------


def test_feed_dates_in_year_0_and_10000_are_bad_metadata_and_the_good_entry_is_stored(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    entries = [
        ("2023-09-13T08:30:00Z", PARAGRAPH),
        ("0000-01-01T00:00:00Z", SECOND),
        ("10000-01-01T00:00:00Z", SECOND + " Dix mille."),
        ("9999-12-31T23:30:00-01:00", SECOND + " Fuseau."),  # feedparser makes it 10000 in UTC
    ]
    body = "".join(
        f"<entry><title>Dépêche {n}</title><updated>{date}</updated><summary>{text}</summary></entry>"
        for n, (date, text) in enumerate(entries, start=1)
    )
    feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fil</title>{body}</feed>'
    (folder / "fil.atom").write_text(feed, encoding="utf-8")
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><title>t</title>'
        f"<pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate><description>{SECOND} RSS.</description></item>"
        "</channel></rss>"
    )
    (folder / "fil.rss").write_text(rss, encoding="utf-8")
    report = ingest([folder], store)
    assert by_name(report) == {
        "fil.atom#entry=2": ("bad metadata", "field 'published' = '0000-01-01T00:00:00Z': year 0 outside 1000-2999"),
        "fil.atom#entry=3": (
            "bad metadata",
            "field 'published' = '10000-01-01T00:00:00Z': year 10000 outside 1000-2999",
        ),
        "fil.atom#entry=4": (
            "bad metadata",
            "field 'published' = '9999-12-31T23:30:00-01:00': year 9999 outside 1000-2999",
        ),
        "fil.rss#entry=1": (
            "bad metadata",
            "field 'published' = 'Sat, 01 Jan 0000 00:00:00 GMT': year 0 outside 1000-2999",
        ),
    }
    stored = stored_texts(store)
    assert set(stored) == {"good.txt", "fil.atom#entry=1"}
    assert stored["fil.atom#entry=1"]["published"] == "2023-09-13T08:30:00+00:00"


# --- a JSONL line nested 100k deep --------------------------------------------------------------


def test_jsonl_line_nested_100k_deep_fails_alone_without_recursion(tmp_path, store):
    folder = tmp_path / "in"
    lines = [
        json.dumps({"text": PARAGRAPH}),
        '{"text": "profond", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"text": SECOND, "meta": {"a": [{"b": ["[[[ pas compté ]]]"]}]}}),
    ]
    folder.mkdir()
    (folder / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = ingest([folder], store)
    assert by_name(report) == {"dump.jsonl:2": ("JSON line nested too deep", "100001 levels of brackets, limit 64")}
    assert set(stored_texts(store)) == {"dump.jsonl:1", "dump.jsonl:3"}


# --- a 2.1 MB .warc.gz whose record header is a 2 GB line ---------------------------------------


def response_record(
    url: str, body: bytes, headers: list[tuple[str, str]] | None, record_type: str = "response"
) -> bytes:
    """One gzip member holding one WARC record (``headers`` None: no HTTP headers, as in a resource)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1") if headers is not None else None
    content_type = None if headers is not None else "text/html"
    record = writer.create_warc_record(
        url, record_type, payload=io.BytesIO(body), http_headers=http, warc_content_type=content_type
    )
    writer.write_record(record)
    return buffer.getvalue()


def header_line_bomb(megabytes: int = 2048) -> bytes:
    """A valid gzip member whose WARC header has one line of ``megabytes`` MiB, in about 1 KB per MiB.

    After a full flush deflate starts afresh, so compressing the same block again gives the same
    bytes: the 2 GB line costs one compression of 1 MiB, not of 2 GB.
    """
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://ex.ne/"
    block, end = b"A" * (1 << 20), b"\r\n\r\n"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(end) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(end, crc)
    size = (len(head) + megabytes * len(block) + len(end)) & 0xFFFFFFFF
    gzip_header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return gzip_header + first + repeated * megabytes + last + struct.pack("<II", crc, size)


def test_warc_gz_with_a_2gb_header_line_stops_fast_in_flat_memory(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    html_headers = [("Content-Type", "text/html; charset=utf-8")]
    archive = response_record("https://ex.ne/visite", PAGE.encode(), html_headers) + header_line_bomb()
    assert 2_000_000 < len(archive) < 2_300_000
    assert struct.unpack("<I", archive[-4:])[0] > 2**31  # the gzip trailer: 2 GB once decompressed
    (folder / "crawl.warc.gz").write_bytes(archive)
    tracemalloc.start()
    started = time.perf_counter()
    report = ingest([folder], store)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert by_name(report) == {
        "crawl.warc.gz#record=2": (
            "archive record header over the size limit",
            f"after byte offset {len(archive) - len(header_line_bomb())}: a header line longer than 262144 bytes",
        )
    }
    assert set(stored_texts(store)) == {"good.txt", "crawl.warc.gz#record=1"}
    assert elapsed < 20 and peak < 100 * 2**20, (elapsed, peak)


def test_too_many_header_lines_are_refused_like_one_long_line(tmp_path):
    from telex.errors import ArchiveHeaderTooLarge
    from telex.ingest import read_documents

    lines = b"".join(b"X-Filler-%d: %s\r\n" % (n, b"a" * 100) for n in range(20_000))  # ~2.3 MB of headers
    record = b"WARC/1.0\r\nWARC-Type: resource\r\n" + lines + b"Content-Length: 4\r\n\r\nabcd\r\n\r\n"
    path = tmp_path / "many.warc"
    path.write_bytes(record)
    (error,) = read_documents(path)
    assert isinstance(error, ArchiveHeaderTooLarge)
    assert error.source == f"{path}#record=1" and "more than 1048576 bytes of header lines" in error.detail


# --- an HTML page saved as .txt ---------------------------------------------------------------


def test_html_page_saved_as_txt_is_read_as_html_and_text_saved_as_html_as_text(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    (folder / "note.html").write_text(f"{SECOND}\n\nLes cours reprendront lundi.", encoding="utf-8")
    report = ingest([folder], store)
    assert report.failed == []
    stored = stored_texts(store)
    assert stored["page.txt"]["kind"] == "html"
    assert stored["page.txt"]["title"] == "Visite à Ouagadougou"
    assert "<" not in stored["page.txt"]["text"] and "Accueil | Monde" not in stored["page.txt"]["text"]
    assert stored["note.html"]["kind"] == "text" and stored["note.html"]["text"].startswith("À Niamey")


def test_orangesum_page_saved_as_txt_is_read_as_html(tmp_path, store):
    page = requires_shared("corpus/orangesum/pages/10022.html")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "10022.txt").write_bytes(page.read_bytes())
    report = ingest([folder], store)
    assert report.failed == []
    (record,) = records(store)
    assert record["kind"] == "html" and "<meta" not in record["text"] and "</" not in record["text"]


# --- WARC resource records, HTML responses without or with a wrong Content-Type ------------------


def mixed_crawl() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "telex tests"}))
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "ex.ne")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://ex.ne/", "request", payload=io.BytesIO(b""), http_headers=request)
    )
    parts = [buffer.getvalue()]
    parts.append(response_record("https://ex.ne/sans-type", PAGE.encode(), []))
    parts.append(
        response_record(
            "https://ex.ne/mauvais-type",
            PAGE.replace("mercredi", "jeudi").encode(),
            [
                ("Content-Type", "application/octet-stream"),
            ],
        )
    )
    parts.append(
        response_record("https://ex.ne/ressource", PAGE.replace("mercredi", "vendredi").encode(), None, "resource")
    )
    parts.append(response_record("https://ex.ne/depeche.txt", SECOND.encode(), [("Content-Type", "text/plain")]))
    parts.append(
        response_record(
            "https://ex.ne/robots.txt",
            b"User-agent: *\nDisallow: /admin\n",
            [
                ("Content-Type", "text/plain"),
            ],
        )
    )
    parts.append(
        response_record(
            "https://ex.ne/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(300),
            [
                ("Content-Type", "text/html"),  # a lying server
            ],
        )
    )
    parts.append(response_record("https://ex.ne/api", b'{"ok": true}', [("Content-Type", "application/json")]))
    return b"".join(parts)


def test_warc_pages_are_chosen_by_content_and_every_skipped_record_is_reported(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    (folder / "crawl.warc.gz").write_bytes(mixed_crawl())
    report = ingest([folder], store)
    assert report.failed == [] and report.ok
    stored = stored_texts(store)
    assert {name: record["url"] for name, record in stored.items()} == {
        "good.txt": None,
        "crawl.warc.gz#record=3": "https://ex.ne/sans-type",
        "crawl.warc.gz#record=4": "https://ex.ne/mauvais-type",
        "crawl.warc.gz#record=5": "https://ex.ne/ressource",
        "crawl.warc.gz#record=6": "https://ex.ne/depeche.txt",
    }
    assert stored["crawl.warc.gz#record=6"]["text"] == SECOND
    skipped = {item.source.rsplit("/", 1)[-1]: (item.reason, item.detail) for item in report.skipped}
    assert skipped == {
        "crawl.warc.gz#record=1": ("warcinfo record (about the crawl)", ""),
        "crawl.warc.gz#record=2": ("request record", ""),
        "crawl.warc.gz#record=7": ("site file (robots.txt, ads.txt...), not an article", "text/plain"),
        "crawl.warc.gz#record=8": ("binary payload", "text/html: starts like a PNG image"),
        "crawl.warc.gz#record=9": ("JSON, not a page", "application/json"),
    }


def test_cli_lists_skipped_records_and_exits_0(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(mixed_crawl())
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "crawl.warc.gz"), "--db", str(tmp_path / "t.db"), "--no-nlp"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped (not articles)" in result.output
    assert "request record" in result.output and "binary payload" in result.output  # rich wraps longer cells


# --- JSONL "published": "yesterday" / "hier" -------------------------------------------------------


@pytest.mark.parametrize("word", ["yesterday", "hier", "demain", "il y a 2 jours"])
def test_relative_published_date_in_jsonl_is_refused_not_resolved_against_today(tmp_path, store, word):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"text": PARAGRAPH, "published": "2024-03-06"}),
        json.dumps({"text": SECOND, "published": word}),
    ]
    (folder / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = ingest([folder], store)
    assert by_name(report) == {
        "dump.jsonl:2": (
            "bad metadata",
            f"field 'published' = {word!r}: a relative date; read against the day of the ingest it would be wrong",
        )
    }
    assert [record["published"] for record in records(store)] == ["2024-03-06"]


# --- a symlink in the input folder to /etc/passwd ---------------------------------------------


def test_symlink_out_of_the_input_folder_is_skipped_and_reported(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECOND + " Secret.", encoding="utf-8")
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "archives").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "good.txt")  # a second name for a file inside: read once
    report = ingest([folder], store)
    assert report.failed == []
    assert set(stored_texts(store)) == {"good.txt"}
    skipped = {item.source.rsplit("/", 1)[-1]: (item.reason, item.detail) for item in report.skipped}
    reason = "symbolic link out of the input folder, not followed"
    assert skipped == {
        "archives": (reason, f"points to {outside.resolve()}"),
        "passwd": (reason, f"points to {Path('/etc/passwd').resolve()}"),
        "secret.txt": (reason, f"points to {(outside / 'secret.txt').resolve()}"),
    }


def test_follow_links_reads_links_out_of_the_folder(tmp_path, store):
    folder = tmp_path / "in"
    write_good_page(folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECOND + " Secret.", encoding="utf-8")
    (outside / "loop").symlink_to(outside, target_is_directory=True)  # walked once, not forever
    (folder / "archives").symlink_to(outside, target_is_directory=True)
    report = ingest([folder], store, follow_links=True)
    assert report.failed == [] and report.skipped == []
    assert set(stored_texts(store)) == {"good.txt", "secret.txt"}


def test_symlink_given_on_the_command_line_is_read(tmp_path, store):
    outside = tmp_path / "outside.txt"
    outside.write_text(PARAGRAPH, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(outside)
    report = ingest([link], store)
    assert report.failed == [] and report.skipped == [] and len(report.added) == 1


def test_cli_follow_links_option(tmp_path):
    folder = tmp_path / "in"
    write_good_page(folder)
    (tmp_path / "outside.txt").write_text(PARAGRAPH, encoding="utf-8")
    (folder / "outside.txt").symlink_to(tmp_path / "outside.txt")
    runner = CliRunner()
    refused = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "a.db"), "--no-nlp"])
    followed = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "b.db"), "--no-nlp", "--follow-links"])
    assert refused.exit_code == followed.exit_code == 0
    assert "symbolic" in refused.output  # the reason, wrapped by rich
    assert "symbolic" not in followed.output
