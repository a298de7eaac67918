"""Lone surrogates: file names keep their bytes in sight, text gets U+FFFD, pairs are joined."""

from __future__ import annotations

import pytest

from telex.clean.article import parse_published
from telex.ingest import source_name
from telex.ingest.feeds import valid_character_references
from telex.ingest.jsonl import json_depth, json_too_deep
from telex.surrogates import escape_surrogates, repair_surrogates


def test_undecodable_bytes_of_a_file_name_are_written_out():
    name = b"/crawl/d\xe9p\xeache.txt".decode("utf-8", "surrogateescape")
    assert source_name(name) == "/crawl/d\\xe9p\\xeache.txt"
    assert escape_surrogates("a\ud800b") == "a\\ud800b"  # not from a file name: shown as a code point
    assert source_name("/crawl/dépêche.txt") == "/crawl/dépêche.txt"


def test_lone_surrogates_become_replacement_characters_and_pairs_their_character():
    assert repair_surrogates("Paris \ud83d") == "Paris \ufffd"
    assert repair_surrogates("\ude00 Paris") == "\ufffd Paris"
    assert repair_surrogates("fin \ud83d\ude00 !") == "fin 😀 !"
    assert repair_surrogates("\ude00\ud83d") == "\ufffd\ufffd"  # low then high is no pair
    assert repair_surrogates("ça va") == "ça va"


def test_character_references_to_surrogates_are_repaired_before_parsing():
    assert valid_character_references("a &#xD83D;&#xDE00; b") == "a &#x1F600; b"
    assert valid_character_references("&#55357;&#56832;") == "&#x1F600;"
    assert valid_character_references("&#xD83D; &#x110000; &#0; &#233;") == "&#xFFFD; &#xFFFD; &#xFFFD; &#233;"
    assert valid_character_references("&#xDE00;&#xD83D;") == "&#xFFFD;&#xFFFD;"
    assert valid_character_references("&#xD83D;&#xD83D;&#xDE00;") == "&#xFFFD;&#x1F600;"
    assert valid_character_references("&#xD83D; &#xDE00;") == "&#xFFFD; &#xFFFD;"  # not adjacent: no pair
    assert valid_character_references("&#99999999999999999999; &#x0000000e9;") == "&#xFFFD; &#x0000000e9;"


def test_json_depth_counts_brackets_outside_strings_only():
    assert json_depth(b'{"a": [1, {"b": "[[[[["}], "c": "\\"[[["}') == 3
    assert json_depth(b"[" * 100_000) == 100_000
    assert json_depth(b'"unterminated [[[') == 0
    assert json_too_deep(b'{"text": "' + b"[" * 500 + b'"}') is None  # brackets in text are not nesting
    assert json_too_deep(b"[" * 65 + b"]" * 65) == 65


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-13", "2023-09-13"),
        ("2023-09-13T10:30:00+02:00", "2023-09-13T10:30:00+02:00"),
        ("13 septembre 2023", "2023-09-13"),
        ("Wed, 13 Sep 2023 08:30:00 GMT", "2023-09-13T08:30:00+00:00"),
        ("13/09/2023", "2023-09-13"),
    ],
)
def test_absolute_dates_are_read(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("hier", "a relative date"),
        ("yesterday", "a relative date"),
        ("il y a 2 jours", "a relative date"),
        ("demain", "a relative date"),
        ("0000-01-01", "year 0 outside 1000-2999"),
        ("0999-12-31", "year 999 outside 1000-2999"),
        ("10000-01-01", "year 10000 outside 1000-2999"),
        ("N/A", "not a date"),
        ("x" * 500, "not a date (500 characters)"),
    ],
)
def test_relative_and_impossible_dates_are_refused(value, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_published(value)
