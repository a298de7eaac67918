"""Single-document files, kind detection and folder walking, through the public ingest API."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from telex.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    UndecodableDocument,
    UnsupportedInput,
)
from telex.ingest import UnreadableFile, detect_kind, iter_input_files, read_documents
from telex.records import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout
SEED_ARTICLE = SHARED / "seed" / "netafrique-2023-09-13.txt"
ORANGESUM_PAGE = SHARED / "corpus" / "orangesum" / "pages" / "10022.html"
ARTICLE = "Le ministre a déclaré : « Nous irons jusqu’au bout. » Le cœur du débat coûte 5 €, à Ouagadougou."


def read_one(path: Path, **options) -> RawDocument | Exception:
    items = list(read_documents(path, **options))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_file_becomes_a_text_document():
    document = read_one(FIXTURES / "article-utf8.txt")
    assert document.kind == "text"
    assert document.source == str(FIXTURES / "article-utf8.txt")
    assert document.html is None
    assert document.text.startswith("Ouagadougou : le ministre reçoit les syndicats à la Primature\n")
    assert "« Nous avons été entendus »" in document.text and "coûte désormais 25 €" in document.text


def test_cp1252_text_file_keeps_french_accents(tmp_path):
    document = read_one(write(tmp_path, "a.txt", ARTICLE.encode("cp1252")))
    assert document.text == ARTICLE


def test_utf8_with_bom_text_file_loses_only_the_bom(tmp_path):
    document = read_one(write(tmp_path, "a.txt", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")))
    assert document.text == ARTICLE


def test_html_declared_windows_1252_in_a_meta_tag_keeps_accents():
    document = read_one(FIXTURES / "page-cp1252.html")
    assert document.kind == "html" and document.text is None
    assert "<title>Dakar : « Nous irons jusqu’au bout », déclare le maire</title>" in document.html
    assert "3 millions d’€" in document.html and "en cœur" in document.html


def test_empty_file_is_an_empty_document(tmp_path):
    error = read_one(write(tmp_path, "empty.txt", b""))
    assert isinstance(error, EmptyDocument)
    assert error.source == str(tmp_path / "empty.txt")


def test_whitespace_only_html_is_an_empty_document(tmp_path):
    assert isinstance(read_one(write(tmp_path, "blank.html", b" \r\n\t\n")), EmptyDocument)


def test_png_named_txt_is_a_binary_document(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000)
    error = read_one(write(tmp_path, "photo.txt", data))
    assert isinstance(error, BinaryDocument)
    assert "PNG" in error.detail


def test_binary_file_without_extension_is_a_binary_document(tmp_path):
    error = read_one(write(tmp_path, "blob", b"\x00\x01\x02\x03" * 100))
    assert isinstance(error, BinaryDocument)


def test_file_over_the_size_limit_is_refused_with_size_and_limit(tmp_path):
    path = write(tmp_path, "long.txt", ARTICLE.encode("utf-8") * 10)
    error = read_one(path, max_bytes=100)
    assert isinstance(error, DocumentTooLarge)
    assert error.detail == f"{path.stat().st_size} bytes, limit 100"


def test_oversized_single_document_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    path = write(tmp_path, "long.html", b"<html>" + b"x" * 500)
    opened = []
    monkeypatch.setattr(Path, "open", lambda *args, **kwargs: opened.append(args) or 1 / 0)
    assert isinstance(read_one(path, max_bytes=100), DocumentTooLarge)
    assert opened == []


def test_undecodable_text_file_is_reported_with_offsets(tmp_path):
    data = ARTICLE.encode("cp1252") + b"\x81\x8d\x8f\x90\x9d"
    error = read_one(write(tmp_path, "bad.txt", data))
    assert isinstance(error, UndecodableDocument)
    assert f"byte 0x81 at offset {len(ARTICLE.encode('cp1252'))} is not valid windows-1252" in error.detail


def test_folder_is_reported_as_unreadable(tmp_path):
    error = read_one(tmp_path)
    assert isinstance(error, UnreadableFile)
    assert "folder" in error.detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission_is_unreadable_with_the_os_reason(tmp_path):
    path = write(tmp_path, "secret.txt", b"texte")
    path.chmod(0)
    error = read_one(path)
    assert isinstance(error, UnreadableFile)
    assert error.detail == "Permission denied"


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path):
    path = write(tmp_path, "config.xml", b'<?xml version="1.0"?><config><item>1</item></config>')
    error = read_one(path)
    assert isinstance(error, UnsupportedInput)
    assert "not an RSS, Atom or RDF feed" in error.detail


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.TXT", b"<html>", "html"),  # content first: crawlers save pages as .txt
        ("a.htm", b"plain", "text"),
        ("a.xhtml", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
        ("page.txt", b"\n  <!DOCTYPE html>\n<html lang=fr>", "html"),
        ("fragment.txt", b"<p>Le ministre a d\xc3\xa9clar\xc3\xa9</p>", "html"),
        ("note.txt", "{Mise à jour} Le ministre a déclaré".encode(), "text"),
        ("dump.txt", b'{"text": "bonjour"}', "jsonl"),
        ("crawl.html", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.ndjson", b"", "jsonl"),
        ("a.jsonl", b"<!DOCTYPE html><html>", "html"),
        ("crawl.warc.gz", b"", "warc"),
        ("feed.rdf", b"", "feed"),
        ("feed.xml", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("page", b"<!-- saved -->\n<!DOCTYPE html><html lang=fr>", "html"),
        ("feed", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("rdf", b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        ("dump", b'\n{"text": "bonjour"}\n', "jsonl"),
        ("crawl", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("notes", "Texte brut, « accentué ».".encode(), "text"),
        ("utf16", codecs.BOM_UTF16_LE + "<html><body>é".encode("utf-16-le"), "html"),
    ],
)
def test_kind_is_detected_by_first_bytes_then_by_extension(name, head, kind):
    assert detect_kind(Path(name), head) == kind


def test_gzip_warc_without_extension_is_detected_as_warc():
    import gzip

    assert detect_kind(Path("crawl"), gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")) == "warc"


def test_gzip_that_is_not_a_warc_is_unsupported():
    import gzip

    with pytest.raises(UnsupportedInput, match="gzip file that is not a WARC"):
        detect_kind(Path("backup"), gzip.compress(b"hello"))


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/b/c.html", "a.txt", ".hidden.txt", ".git/config", "a/.cache/x.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [path.relative_to(tmp_path).as_posix() for path in iter_input_files([tmp_path])]
    assert found == ["a/b/c.html", "a/z.txt", "a.txt", "b.txt"]


def test_files_are_yielded_as_given_then_folders_without_duplicates(tmp_path):
    (tmp_path / "dossier").mkdir()
    for name in ["dossier/2.txt", "dossier/1.txt", "seul.txt", ".cache.txt"]:
        (tmp_path / name).write_text("x")
    given = [tmp_path / "seul.txt", tmp_path / ".cache.txt", tmp_path / "dossier", tmp_path / "dossier/1.txt"]
    found = [path.relative_to(tmp_path).as_posix() for path in iter_input_files(given)]
    assert found == ["seul.txt", ".cache.txt", "dossier/1.txt", "dossier/2.txt"]


def test_missing_input_path_raises_before_anything_is_yielded(tmp_path):
    (tmp_path / "ok.txt").write_text("x")
    files = iter_input_files([str(tmp_path / "ok.txt"), str(tmp_path / "absent.txt")])
    with pytest.raises(FileNotFoundError) as caught:
        next(files)
    assert str(caught.value) == str(tmp_path / "absent.txt")


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="shared seed article not available")
def test_real_seed_article_is_read_as_text_with_accents():
    document = read_one(SEED_ARTICLE)
    assert document.kind == "text"
    assert document.text.startswith("Kim Jong-un a affirmé le mercredi 13 septembre 2023 qu’il voulait")
    assert "«\xa0l’impérialisme\xa0»" in document.text


@pytest.mark.skipif(not ORANGESUM_PAGE.exists(), reason="OrangeSum corpus not available")
def test_real_orangesum_page_is_read_as_html_with_accents():
    document = read_one(ORANGESUM_PAGE)
    assert document.kind == "html"
    assert '<meta charset="utf-8"/>' in document.html
    assert "Ã" not in document.html  # no UTF-8 read as windows-1252
    assert any(word in document.html for word in ("é", "è", "à"))
