"""JSONL dumps: each line is its own document, and a bad line fails alone with its line number."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from telex.errors import (
    BinaryDocument,
    BrokenJsonLine,
    DocumentTooLarge,
    EmptyDocument,
    NoArticleFound,
    UndecodableDocument,
)
from telex.ingest import read_documents
from telex.records import Author, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def jsonl_file(tmp_path: Path, lines: list[bytes | dict], name: str = "dump.jsonl") -> Path:
    encoded = [_line_bytes(line) for line in lines]
    path = tmp_path / name
    path.write_bytes(b"\n".join(encoded) + b"\n")
    return path


def _line_bytes(line: bytes | dict) -> bytes:
    return line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode("utf-8")


def test_broken_lines_among_good_ones_fail_alone_with_their_line_numbers():
    path = FIXTURES / "articles.jsonl"
    items = list(read_documents(path))
    by_source = {item.source: item for item in items}
    assert list(by_source) == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 8)]  # line 2 is blank

    first = by_source[f"{path}:1"]
    assert isinstance(first, RawDocument) and first.kind == "jsonl"
    assert first.text.startswith("De fortes pluies ont causé des dégâts à Ouagadougou. « Nous avons tout perdu »")
    assert (first.url, first.title, first.published, first.site) == (
        "https://ex.example.bf/a",
        "Ouaga : la pluie fait des dégâts",
        "2023-09-13",
        "Le Faso Exemple",
    )
    assert first.authors == (Author("Anne-Marie Nado KY", "Stagiaire"),)

    broken = by_source[f"{path}:3"]
    assert isinstance(broken, BrokenJsonLine)
    assert "column" in broken.detail and "Unterminated string" in broken.detail

    html_line = by_source[f"{path}:4"]
    assert html_line.html == "<p>Le président a reçu l’ambassadeur à Koulouba.</p>" and html_line.text is None
    assert html_line.authors == (Author("Issa Diallo"),)

    assert isinstance(by_source[f"{path}:5"], NoArticleFound)
    assert by_source[f"{path}:5"].detail == "line is a JSON array, not an object"
    assert by_source[f"{path}:6"].detail == "line has neither 'text' nor 'html'"
    assert isinstance(by_source[f"{path}:7"], BrokenJsonLine)
    assert by_source[f"{path}:7"].detail == "field 'text' must be a string, not a number"

    last = by_source[f"{path}:8"]
    assert last.text == "Le cœur du marché a brûlé à Bobo-Dioulasso, selon les pompiers."
    assert last.authors == (Author("Paul Ouédraogo"), Author("Awa Sanou"))  # duplicate dropped


def test_undecodable_bytes_fail_only_their_line(tmp_path):
    path = jsonl_file(
        tmp_path,
        [{"text": "Première dépêche."}, b'{"text": "caf\xe9 latin-1"}', {"text": "Troisième dépêche."}],
    )
    first, bad, third = read_documents(path)
    assert first.text == "Première dépêche." and third.text == "Troisième dépêche."
    assert isinstance(bad, UndecodableDocument)
    assert bad.source == f"{path}:2"
    assert bad.detail == "byte 0xE9 at column 14 is not valid UTF-8"


def test_bom_on_the_first_line_and_crlf_endings_are_accepted(tmp_path):
    path = tmp_path / "windows.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"text": "\xc3\xa0 Dakar"}\r\n{"text": "\xc2\xab oui \xc2\xbb"}\r\n')
    assert [document.text for document in read_documents(path)] == ["à Dakar", "« oui »"]


def test_text_wins_over_html_and_blank_fields_count_as_absent(tmp_path):
    line = {"text": "Le texte extrait.", "html": "<p>La page</p>", "title": "  ", "url": "", "site": None}
    (document,) = read_documents(jsonl_file(tmp_path, [line]))
    assert document.text == "Le texte extrait." and document.html is None
    assert (document.title, document.url, document.site) == (None, None, None)


def test_blank_text_falls_back_to_html(tmp_path):
    (document,) = read_documents(jsonl_file(tmp_path, [{"text": "  ", "html": "<p>à la une</p>"}]))
    assert document.html == "<p>à la une</p>" and document.text is None


def test_wrong_metadata_type_is_a_clear_error_for_that_line(tmp_path):
    (error,) = read_documents(jsonl_file(tmp_path, [{"text": "x", "published": 20230913}]))
    assert isinstance(error, BrokenJsonLine)
    assert error.detail == "field 'published' must be a string, not a number"


def test_author_objects_without_a_name_are_rejected(tmp_path):
    (error,) = read_documents(jsonl_file(tmp_path, [{"text": "x", "authors": [{"role": "AFP"}]}]))
    assert isinstance(error, BrokenJsonLine)
    assert error.detail == "authors[0] must have a string 'name' and an optional string 'role'"


def test_long_line_over_the_limit_fails_alone(tmp_path):
    path = jsonl_file(tmp_path, [{"text": "court"}, {"text": "long " * 100}, {"text": "fin"}])
    first, too_large, last = read_documents(path, max_bytes=200)
    assert (first.text, last.text) == ("court", "fin")
    assert isinstance(too_large, DocumentTooLarge) and too_large.source == f"{path}:2"
    assert last.source == f"{path}:3"


def test_file_of_blank_lines_is_empty(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \n\r\n")
    (error,) = read_documents(path)
    assert isinstance(error, EmptyDocument) and error.source == str(path)


def test_binary_file_named_jsonl_is_one_binary_error(tmp_path):
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (error,) = read_documents(path)
    assert isinstance(error, BinaryDocument)
