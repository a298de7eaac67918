"""The seed article must come out of cleaning exactly right (issue: the foundation)."""

from __future__ import annotations

import pytest

from telex.clean import clean_document
from telex.records import Author, RawDocument


@pytest.fixture
def seed_article(seed_text):
    return clean_document(RawDocument(source="examples/netafrique-2023-09-13.txt", kind="text", text=seed_text))


def test_seed_body_ends_with_the_last_quote(seed_article):
    assert seed_article.text.endswith("nous y réfléchissons\u00a0», a déclaré le Président russe.")
    assert seed_article.text.startswith("Kim Jong-un a affirmé le mercredi 13 septembre 2023")


def test_seed_furniture_becomes_metadata_or_disappears(seed_article):
    assert seed_article.site == "Netafrique.net"
    assert seed_article.authors == (Author("Anne-Marie Nado KY", "Stagiaire"),)
    for furniture in ("Facebook Comments Box", "Netafrique.net", "Stagiaire", "Anne-Marie"):
        assert furniture not in seed_article.text


def test_seed_date_comes_from_the_prose(seed_article):
    assert seed_article.published == "2023-09-13"
    assert seed_article.published_from == "text"


def test_seed_language_and_no_title(seed_article):
    assert seed_article.language == "fr"
    assert seed_article.title is None


def test_seed_keeps_paragraphs_and_maps_back_to_raw(seed_article, seed_text):
    assert seed_article.text.count("\n\n") == 4
    for text_start, raw_start, length in seed_article.raw_offsets:
        assert seed_article.text[text_start : text_start + length] == seed_text[raw_start : raw_start + length]
    assert sum(length for _t, _r, length in seed_article.raw_offsets) == len(seed_article.text) - 4 * 2


def test_same_text_gives_same_id(seed_text):
    first = clean_document(RawDocument(source="a.txt", kind="text", text=seed_text))
    second = clean_document(RawDocument(source="b.txt", kind="text", text=seed_text.replace("\n", "\r\n")))
    assert first.id == second.id
