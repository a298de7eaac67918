from __future__ import annotations

import pytest

from telex.clean import clean_document
from telex.clean.boilerplate import load_boilerplate_rules, strip_boilerplate
from telex.errors import KnowledgeError, NoArticleFound
from telex.records import Author, RawDocument

BODY = "Le président a reçu son homologue mercredi à Ouagadougou pour des entretiens sur la sécurité."


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Partager sur Facebook", "share"),
        ("Facebook Twitter WhatsApp", "share"),
        ("Suivez-nous sur Twitter", "follow"),
        ("12 commentaires", "comments"),
        ("Ce site utilise des cookies pour améliorer votre expérience.", "cookies"),
        ("Tout accepter", "cookies"),
        ("Lire aussi : Le Mali quitte la CEDEAO", "read_also"),
        ("À lire également", "read_also"),
        ("© 2023 Netafrique.net - Tous droits réservés", "copyright"),
        ("Inscrivez-vous à notre newsletter pour recevoir l'essentiel", "newsletter"),
        ("Crédit photo : AFP", "photo_credit"),
        ("Photo : Reuters/Yuri Kochetkov", "photo_credit"),
        ("Read also: Putin meets Kim", "read_also"),
        ("Sign up for our newsletter", "newsletter"),
        ("We use cookies to personalise content.", "cookies"),
        ("Publié le 13/09/2023 à 10h12", "dateline"),
        ("Share this article", "share"),
    ],
)
def test_furniture_line_is_removed_with_its_category(line, category):
    stripped = strip_boilerplate(f"{BODY}\n{line}\n{BODY}")
    assert line not in stripped.text
    assert (category, line) in stripped.removed
    assert stripped.text == f"{BODY}\n\n{BODY}"


def test_story_sentence_mentioning_comments_is_kept():
    sentence = (
        "Le ministre a refusé de partager ses commentaires sur les cookies russes, selon les journalistes "
        "présents à la conférence de presse de Ouagadougou qui ont insisté longuement sans succès."
    )
    assert strip_boilerplate(sentence).text == sentence


def test_byline_with_several_authors_and_par():
    stripped = strip_boilerplate(f"Par Jean Dupont et Awa Traoré\n{BODY}")
    assert stripped.authors == (Author("Jean Dupont"), Author("Awa Traoré"))
    assert stripped.text == BODY


def test_sentence_starting_with_par_ailleurs_is_not_a_byline():
    text = f"{BODY}\nPar ailleurs, le gouvernement a annoncé un couvre-feu."
    stripped = strip_boilerplate(text)
    assert stripped.authors == ()
    assert "Par ailleurs" in stripped.text


def test_byline_with_agency_role():
    stripped = strip_boilerplate(f"{BODY}\nMarie Martin / AFP")
    assert stripped.authors == (Author("Marie Martin", "AFP"),)


def test_parenthesised_place_is_not_a_role():
    line = "Le Conseil des ministres (Ouagadougou)"
    stripped = strip_boilerplate(f"{BODY}\n{line}")
    assert stripped.authors == ()


def test_bylines_and_site_names_are_only_taken_at_the_edges():
    middle = "\n".join([BODY] * 10 + ["lefaso.net"] + [BODY] * 10)
    assert strip_boilerplate(middle).site is None
    assert strip_boilerplate(f"{BODY}\nlefaso.net").site == "lefaso.net"


def test_scraped_headline_becomes_the_title_block():
    headline = "Poutine reçoit Kim à Vostotchny"
    article = clean_document(RawDocument(source="t", kind="text", text=f"{headline}\n\n{BODY}"))
    assert article.title == headline
    assert article.text == f"{headline}\n\n{BODY}"  # analysed with the body, as its own block
    assert [(b.kind, article.text[b.start : b.end]) for b in article.blocks] == [
        ("title", headline),
        ("paragraph", BODY),
    ]
    for start, raw_start, length in article.raw_offsets:
        assert article.raw_text[raw_start : raw_start + length] == article.text[start : start + length]


def test_page_of_furniture_only_is_no_article():
    with pytest.raises(NoArticleFound):
        clean_document(RawDocument(source="t", kind="text", text="Facebook Comments Box\nPartager\n© Site.com"))


def test_invalid_pattern_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "boilerplate.yaml"
    bad.write_text(
        "max_line_length: 100\nedge_lines: 3\nfurniture:\n  share:\n    fr: ['(partager']\n"
        "bylines: {name: 'X', name_separators: ',', roles: [], patterns: {}}\nsites: {patterns: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match=r"furniture\.share\.fr\[0\]"):
        load_boilerplate_rules(bad)
