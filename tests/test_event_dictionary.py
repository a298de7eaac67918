"""Event dictionaries and modality cues: lookups, readings by context, and strict validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from telex.errors import KnowledgeError
from telex.events.codebook import load_codebook
from telex.events.dictionary import load_event_dictionary, load_modality


@pytest.fixture(scope="module")
def french():
    return load_event_dictionary("fr")


def test_dictionaries_have_the_promised_size():
    fr, en = load_event_dictionary("fr"), load_event_dictionary("en")
    assert len(fr.verbs()) >= 120 and len(fr.nouns()) >= 60
    assert len(en.verbs()) >= 60 and len(en.nouns()) >= 30


def test_every_code_in_the_dictionaries_exists_in_the_codebook():
    book = load_codebook()
    for lang in ("fr", "en"):
        for entry in load_event_dictionary(lang).entries:
            codes = [entry.code, entry.intent, entry.negated]
            codes += [code for r in entry.refine for code in (r.code, r.intent, r.negated)]
            assert all(book.is_valid(code) for code in codes if code), entry.lemma


def test_intent_codes_are_under_root_03():
    for lang in ("fr", "en"):
        for entry in load_event_dictionary(lang).entries:
            intents = [entry.intent] + [refinement.intent for refinement in entry.refine]
            assert all(code.startswith("03") for code in intents if code), entry.lemma


def test_rencontrer_is_symmetric_consult_with_meet_intent(french):
    entry = french.verb_entries("rencontrer")[0]
    assert (entry.code, entry.intent, entry.negated) == ("040", "036", "125")
    assert entry.symmetric and entry.kind == "act"
    assert "avec" in entry.target


def test_se_rendre_is_a_visit_with_a_place(french):
    entry = next(e for e in french.verb_entries("rendre") if e.reflexive and not e.words)
    assert entry.lemma == "se rendre" and entry.code == "042"
    assert {"à", "en"} <= set(entry.place)


def test_recevoir_and_accueillir_host_a_visit(french):
    assert french.verb_entries("recevoir")[0].code == "043"
    assert french.verb_entries("accueillir")[0].code == "043"


def test_renforcer_cooperation_militaire_is_062_asserted_and_0312_intended(french):
    reading = french.verb_entries("renforcer")[0].reading(objects=["coopération"], modifiers=["militaire"])
    assert reading.code_for("asserted") == "062"
    assert reading.code_for("intended") == "0312"
    economic = french.verb_entries("renforcer")[0].reading(objects=["coopération"], modifiers=["économique"])
    assert (economic.code, economic.intent) == ("061", "0311")


def test_aider_a_construire_des_satellites_is_material_aid_but_missiles_are_military(french):
    aider = french.verb_entries("aider")[0]
    reading = aider.reading(objects=["Corée", "construire", "satellite"], complements=["construire"])
    assert (reading.code, reading.intent) == ("070", "033")
    missiles = aider.reading(objects=["Corée", "fabriquer", "missile"], complements=["fabriquer"])
    assert (missiles.code, missiles.intent) == ("062", "0312")
    assert aider.reading().code == "070" and aider.reading().intent == "033"


def test_livrer_des_armes_is_military_aid_but_livrer_alone_is_generic(french):
    livrer = french.verb_entries("livrer")[0]
    assert livrer.reading(objects=["arme"]).code == "072"
    assert livrer.reading(objects=["colis"]).code == "070"


def test_arms_transaction_is_an_act_and_nier_is_a_denial_trigger(french):
    transaction = french.noun_entries("transaction")[0].reading(objects=["arme"])
    assert transaction.kind == "act" and transaction.code == "062"
    nier = french.verb_entries("nier")[0]
    assert nier.denial and nier.kind == "statement" and nier.code == "016"
    assert "nier" in load_modality("fr").denial_verbs
    assert load_modality("fr").status_of("tout", "scope") == "denied"


def test_rejeter_les_accusations_is_a_denial(french):
    rejeter = next(e for e in french.verb_entries("rejeter") if not e.reflexive and not e.words)
    reading = rejeter.reading(objects=["accusation"])
    assert reading.code == "016" and reading.denial
    assert not rejeter.reading(objects=["offre"]).denial


def test_multiword_triggers_list_their_words(french):
    names = {entry.lemma: entry for entry in french.multiword()}
    assert names["serrer la main"].head == "serrer" and names["serrer la main"].words == ("main",)
    assert names["mettre en garde"].words == ("en", "garde")
    assert names["poignée de main"].pos == "noun"
    assert french.verb_entries("serrer")[0].lemma == "serrer la main"


def test_refuser_de_rencontrer_uses_the_negated_code(french):
    assert load_modality("fr").status_of("refuser", "verb") == "negated"
    assert french.verb_entries("rencontrer")[0].reading().code_for("negated") == "125"


def test_modality_cues_for_future_and_hearsay():
    modality = load_modality("fr")
    assert modality.status_of("aller", "auxiliary") == "intended"
    assert "promettre" in modality.intent_verbs and "engager" in modality.intent_verbs
    assert modality.find("engager")[0].reflexive
    assert {"pas", "jamais", "aucun", "sans"} <= modality.negation_words
    assert {"selon", "d'après"} <= modality.report_markers
    assert [cue.morph for cue in modality.morph_features("intended")] == ["Tense=Fut"]
    assert [cue.morph for cue in modality.morph_features("reported")] == ["Mood=Cnd"]
    assert load_modality("en").status_of("no") == "negated"


def test_english_dictionary_codes_plover_vocabulary():
    en = load_event_dictionary("en")
    assert en.verb_entries("threaten")[0].reading(complements=["impose"]).code == "1312"
    assert en.verb_entries("demand")[0].code == "100"
    assert en.verb_entries("reject")[0].reading(objects=["proposal"]).code == "127"
    assert en.noun_entries("strike")[0].code == "143"


def write_extra(tmp_path, body: str, name: str = "mine.yaml"):
    path = tmp_path / name
    path.write_text("language: fr\n" + body, encoding="utf-8")
    return path


def test_analyst_extra_file_adds_entries(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: pactiser, code: "060", kind: act, target: [avec]}\n')
    dictionary = load_event_dictionary("fr", extra=[extra])
    assert dictionary.verb_entries("pactiser")[0].origin == "mine.yaml"


def test_typo_in_dictionary_key_is_rejected_with_entry_named(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: pactiser, code: "060", kind: act, taget: [avec]}\n')
    with pytest.raises(KnowledgeError, match=r"mine.yaml: verb 1 \(pactiser\), field 'taget': unknown key"):
        load_event_dictionary("fr", extra=[extra])


def test_unknown_cameo_code_is_rejected(tmp_path):
    extra = write_extra(tmp_path, 'nouns:\n  - {lemma: palabre, code: "049", kind: act}\n')
    with pytest.raises(KnowledgeError, match=r"noun 1 \(palabre\), field 'code': '049' is not a CAMEO code"):
        load_event_dictionary("fr", extra=[extra])


def test_intent_code_outside_root_03_is_rejected(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: pactiser, code: "060", intent: "060", kind: act}\n')
    with pytest.raises(KnowledgeError, match=r"field 'intent': '060': intent codes must be under root 03"):
        load_event_dictionary("fr", extra=[extra])


def test_unquoted_code_is_rejected_because_yaml_drops_leading_zeros(tmp_path):
    extra = write_extra(tmp_path, "verbs:\n  - {lemma: pactiser, code: 060, kind: act}\n")
    with pytest.raises(KnowledgeError, match=r"field 'code': .*in quotes"):
        load_event_dictionary("fr", extra=[extra])


def test_missing_kind_is_rejected(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: pactiser, code: "060"}\n')
    with pytest.raises(KnowledgeError, match=r"field 'kind'"):
        load_event_dictionary("fr", extra=[extra])


def test_unknown_role_is_rejected(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: pactiser, code: "060", kind: act, source: [nsbj]}\n')
    with pytest.raises(KnowledgeError, match=r"field 'source': 'nsbj'"):
        load_event_dictionary("fr", extra=[extra])


def test_typo_in_refinement_is_rejected(tmp_path):
    body = 'verbs:\n  - {lemma: pactiser, code: "060", kind: act, refine: [{objet: [arme], code: "062"}]}\n'
    with pytest.raises(KnowledgeError, match=r"pactiser\): refine 1, field 'objet': unknown key"):
        load_event_dictionary("fr", extra=[write_extra(tmp_path, body)])


def test_alone_refinement_must_be_true_or_false(tmp_path):
    body = 'verbs:\n  - {lemma: pactiser, code: "060", kind: act, refine: [{alone: oui, code: "062"}]}\n'
    with pytest.raises(KnowledgeError, match=r"refine 1, field 'alone': true or false"):
        load_event_dictionary("fr", extra=[write_extra(tmp_path, body)])


def test_alone_refinement_needs_the_object_alone():
    from telex.events.dictionary import Refinement

    call = Refinement(code="041", alone=True)
    assert call.matches(["poutine"], [], [], alone=True)
    assert not call.matches(["poutine", "retenue"], [], [], alone=False)


def test_entry_defined_twice_is_rejected(tmp_path):
    extra = write_extra(tmp_path, 'verbs:\n  - {lemma: rencontrer, code: "040", kind: act}\n')
    with pytest.raises(
        KnowledgeError, match=r"'rencontrer', field 'lemma': already defined in events/fr/04-consult.yaml"
    ):
        load_event_dictionary("fr", extra=[extra])


def test_modality_with_unknown_status_is_rejected(tmp_path):
    path = write_extra(tmp_path, "cues:\n  - {lemma: aller, role: auxiliary, status: future}\n", "modality.yaml")
    with pytest.raises(KnowledgeError, match=r"cue 1 \(aller\), field 'status'"):
        load_modality("fr", path)


def test_roots_11_to_20_select_the_code_and_keep_ambiguous_verbs_multiword(french):
    """Issue 11 (roots 11-20): provenance on every trigger, readings chosen by the object or the
    complement, and ambiguous verbs (arrest/stop, hit, shoot, seize...) never coded bare."""
    mine = [e for e in french.entries if Path(e.origin).name[:2] in {f"{n}" for n in range(11, 21)}]
    assert len(mine) + sum(len(e.refine) for e in mine) >= 1000
    assert all(e.pattern for e in mine), [e.lemma for e in mine if not e.pattern]

    accuser = next(e for e in french.verb_entries("accuser") if not e.words)
    assert accuser.reading(objects=["crime", "de", "guerre"]).code == "1124"
    assert accuser.reading(objects=["espionnage"]).code == "1125"
    assert accuser.reading(objects=["corruption"]).code == "1121"
    assert accuser.reading().code == "112" and accuser.kind == "statement"

    condamner = next(e for e in french.verb_entries("condamner") if not e.words)
    assert condamner.reading(objects=["à", "trois", "an", "de", "prison"]).code == "116"
    assert condamner.reading(objects=["attaque"]).code == "111"

    menacer = french.verb_entries("menacer")[0]
    assert menacer.reading(objects=["sanction"]).code == "1312"
    assert menacer.reading(complements=["bombarder"]).code == "1384"
    assert menacer.reading(objects=["arme", "nucléaire"]).code == "1385"
    assert menacer.reading(objects=["représailles"]).code == "130"

    expulser = next(e for e in french.verb_entries("expulser") if not e.words)
    assert expulser.reading(objects=["diplomate"]).code == "161"
    assert expulser.reading(objects=["casque", "bleu"]).code == "1661"
    assert expulser.reading(objects=["migrant"]).code == "174"

    violer = french.verb_entries("violer")[0]
    assert violer.reading(objects=["droit", "de", "femme"]).code == "128"
    assert violer.reading(objects=["cessez-le-feu"]).code == "196"
    assert violer.reading(objects=["femme"]).code == "1821"

    attaquer = next(e for e in french.verb_entries("attaquer") if not e.words and not e.reflexive)
    assert (attaquer.code, attaquer.kind) == ("111", "statement")  # a verbal attack unless armed
    assert attaquer.reading(objects=["poste", "militaire"]).code == "190"

    for head in (
        "arrêter",
        "interpeller",
        "frapper",
        "saisir",
        "juger",
        "détenir",
        "enlever",
        "tirer",
        "occuper",
        "combattre",
        "neutraliser",
        "balayer",
        "riposter",
        "détruire",
        "blesser",
    ):
        entries = french.verb_entries(head)
        # a bare entry only with a condition on its object ("arrêter" a named person)
        assert entries and all(e.words or e.object_is for e in entries), head
    (arrest,) = [e for e in french.verb_entries("arrêter") if not e.words]
    assert arrest.object_is == "person" and arrest.code == "173"

    missiles = {e.lemma: e.code for e in french.verb_entries("lancer")}
    assert missiles["lancer un missile"] == "195" and missiles["lancer un drone"] == "1952"
    assert missiles["lancer une roquette"] == "194"  # rockets are artillery in CAMEO
    assert {"infliger", "instaurer", "proférer", "procéder", "déposer"} <= set(french.light_verbs)
    assert "de" not in french.noun_entries("arrestation")[0].source  # "l'arrestation de X": X is arrested
