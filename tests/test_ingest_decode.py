"""Decoding French pages: accents survive every encoding news sites use, and bad bytes are pinpointed."""

from __future__ import annotations

import codecs

import pytest

from telex.errors import UndecodableDocument
from telex.ingest.decode import (
    binary_evidence,
    decode_bytes,
    find_declared_charset,
    normalize_declared_charset,
    sniff_binary,
)

FRENCH = "Le cœur de l’été : « Ça coûte 5 € », a déclaré à Noël le président, très ému. È à ç"


def test_utf8_keeps_french_accents():
    assert decode_bytes(FRENCH.encode("utf-8"), "a.txt") == FRENCH


def test_utf8_with_bom_keeps_accents_and_drops_the_bom():
    assert decode_bytes(codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "a.txt") == FRENCH


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_keeps_accents_and_drops_the_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + FRENCH.encode(codec), "a.txt") == FRENCH


def test_utf16_without_bom_is_recognised():
    assert decode_bytes(FRENCH.encode("utf-16-le"), "a.txt") == FRENCH


def test_cp1252_text_keeps_french_accents_without_any_declaration():
    assert decode_bytes(FRENCH.encode("cp1252"), "a.txt") == FRENCH


def test_latin1_declaration_is_read_as_windows_1252_like_browsers_do():
    data = FRENCH.encode("cp1252")  # ’ œ € « » only exist in cp1252, yet the page says latin-1
    assert decode_bytes(data, "a.html", declared="ISO-8859-1") == FRENCH
    assert normalize_declared_charset("latin1") == "cp1252"
    assert normalize_declared_charset("us-ascii") == "cp1252"


def test_true_latin1_text_keeps_its_accents():
    text = "Élève à l’école : « déjà » ça"
    latin1 = text.replace("’", "'")
    assert decode_bytes(latin1.encode("latin-1"), "a.txt", declared="iso-8859-1") == latin1


def test_wrong_utf8_declaration_falls_back_to_windows_1252():
    assert decode_bytes(FRENCH.encode("cp1252"), "a.html", declared="utf-8") == FRENCH


def test_single_byte_declaration_producing_control_characters_is_not_believed():
    # iso-8859-15 decodes 0x92 (’ in cp1252) as the invisible control U+0092
    assert decode_bytes(FRENCH.encode("cp1252"), "a.html", declared="iso-8859-15") == FRENCH


def test_utf8_page_mislabelled_latin1_keeps_its_accents():
    # A CMS converted to UTF-8 that left its old <meta charset=iso-8859-1> behind
    assert decode_bytes(FRENCH.encode("utf-8"), "a.html", declared="iso-8859-1") == FRENCH


def test_unknown_declaration_is_ignored():
    assert decode_bytes(FRENCH.encode("utf-8"), "a.html", declared="no-such-charset") == FRENCH


def test_french_from_a_dos_codepage_is_recovered_by_the_guess():
    text = "Élysée : le président a déclaré à la presse que l'économie ça va. Événement à Genève."
    assert decode_bytes(text.encode("cp850"), "dos.txt") == text


def test_bytes_invalid_in_utf8_and_windows_1252_are_refused_with_their_offsets():
    good = FRENCH.encode("cp1252")
    data = good + b"\x81\x8d\x8f\x90\x9d" + good
    with pytest.raises(UndecodableDocument) as caught:
        decode_bytes(data, "bad.txt")
    error = caught.value
    assert error.source == "bad.txt"
    first_bad_utf8 = FRENCH.encode("cp1252").index(b"\x9c")  # œ in cp1252 is not UTF-8
    assert f"byte 0x9C at offset {first_bad_utf8} is not valid UTF-8" in error.detail
    assert f"byte 0x81 at offset {len(good)} is not valid windows-1252" in error.detail


def test_single_stray_byte_in_a_cp1252_page_is_not_rescued_into_slavic_letters():
    # charset-normalizer alone would read this as mac_latin2: "prťsident", "dťclarť"
    data = FRENCH.encode("cp1252") * 3 + b" \x90 " + FRENCH.encode("cp1252") * 3
    with pytest.raises(UndecodableDocument, match="0x90"):
        decode_bytes(data, "stray.txt")


def test_short_undecodable_bytes_are_not_rescued_into_cyrillic():
    with pytest.raises(UndecodableDocument):
        decode_bytes(b"caf\xe9 \x81\x8d\x8f\x90\x9d", "short.txt")


def test_broken_utf8_after_a_bom_names_the_offset():
    data = codecs.BOM_UTF8 + "déjà".encode() + b"\xff"
    with pytest.raises(UndecodableDocument, match="byte offset 9"):
        decode_bytes(data, "bom.txt")


def test_meta_charset_is_found():
    assert find_declared_charset(b'<html><head><meta charset="windows-1252"></head>') == "windows-1252"


def test_http_equiv_charset_is_found():
    page = b'<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1" /></head>'
    assert find_declared_charset(page) == "ISO-8859-1"


def test_xml_prolog_encoding_is_found():
    assert find_declared_charset(b"<?xml version='1.0' encoding='iso-8859-15'?><rss/>") == "iso-8859-15"


def test_charset_mentioned_in_the_body_is_not_a_declaration():
    page = b"<html><head><title>x</title></head><body><p>&lt;meta charset=koi8-r&gt; <meta charset=koi8-r>"
    assert find_declared_charset(page) is None


def test_png_header_with_random_bytes_is_binary():
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert sniff_binary(data)
    assert "PNG" in binary_evidence(data)


def test_nul_bytes_make_a_file_binary():
    assert binary_evidence(b"Le texte\x00continue") == "NUL byte at offset 8"


def test_many_control_bytes_make_a_file_binary():
    assert sniff_binary(b"\x01\x02\x03\x04 abc " * 100)


def test_utf16_and_ordinary_french_text_are_not_binary():
    assert not sniff_binary(FRENCH.encode("utf-16-le"))
    assert not sniff_binary(codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"))
    assert not sniff_binary(FRENCH.encode("cp1252") + b"\n\tsuite\r\n\x0cpage 2")
