"""Event constructions of real wire copy (issue 11): statements with their speaker and the actor
they are about, passives the parser reads as actives, comma lists of subjects, speech acts in a
speaker's own words, threats under a condition, and one act stated twice being one event."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-02"


def _events(analyze, text):
    _article, analysis, names = analyze(text, published=PUBLISHED)
    return analysis, [
        (
            e.cameo,
            e.status,
            tuple(names.get(a, a) for a in e.source),
            tuple(names.get(a, a) for a in e.target),
        )
        for e in analysis.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past participle modifying a noun: the agent acts on what the noun names
        (
            "Une mention sur l'OMS vivement critiquée par Washington a bloqué le texte.",
            ("111", "asserted", ("United States",), ("World Health Organization",)),
        ),
        # the target named by a nationality adjective inside the object
        (
            "Les Etats-Unis ont présenté un texte. Amnesty International a dénoncé la politique américaine.",
            ("111", "asserted", ("Amnesty International",), ("United States",)),
        ),
        # a present participle beside a speech verb is the speaker's own act, not reported speech
        (
            "Rachida Dati a plaidé pour une police municipale, égratignant Anne Hidalgo.",
            ("111", "asserted", ("Rachida Dati",), ("Anne Hidalgo",)),
        ),
        # criticism whose target is only in the quotation
        (
            "« Anne Hidalgo est aux abonnés absents », a fustigé Rachida Dati.",
            ("111", "asserted", ("Rachida Dati",), ("Anne Hidalgo",)),
        ),
        # a speech act performed in the speaker's own words ("nous appelons")
        (
            "« Nous appelons fermement l'Iran à libérer M. Ashoori », a déclaré le ministère britannique "
            "des Affaires étrangères.",
            ("0253", "asserted", ("Foreign, Commonwealth and Development Office",), ("Iran",)),
        ),
        # a condition makes the main clause a threat (1312: sanctions), never the sanctions themselves
        (
            "Si Téhéran reprend l'enrichissement, Washington imposera des sanctions contre l'Iran.",
            ("1312", "asserted", ("United States",), ("Iran",)),
        ),
    ],
)
def test_construction_codes_its_event(analyze, text, expected):
    _analysis, events = _events(analyze, text)
    assert expected in events


def test_comma_list_of_subjects_are_all_sources(analyze):
    """The parser attaches "la France" as a complement of "le Royaume-Uni": every item acts."""
    _analysis, events = _events(analyze, "Le Royaume-Uni, la France et l'Allemagne ont rejeté la proposition.")
    assert {e[2] for e in events if e[0] == "127"} == {("United Kingdom", "France", "Germany")}


def test_threat_under_condition_is_not_the_threatened_act(analyze):
    _analysis, events = _events(
        analyze, "Si Téhéran reprend l'enrichissement, Washington imposera des sanctions contre l'Iran."
    )
    assert not any(code.startswith("16") for code, *_ in events)


def test_act_in_someone_elses_own_words_is_not_coded(analyze):
    """ "ils ont attaqué" inside a direct quotation: the coder cannot know who "ils" are."""
    _analysis, events = _events(
        analyze, "« Ils ont bombardé nos villages pendant des semaines », a déclaré le président ukrainien."
    )
    assert not any(code.startswith("19") for code, *_ in events)


def test_performed_speech_act_points_to_its_quote(analyze):
    analysis, _events_found = _events(
        analyze,
        "« Nous appelons fermement l'Iran à libérer M. Ashoori », a déclaré le ministère britannique "
        "des Affaires étrangères.",
    )
    (appeal,) = [e for e in analysis.events if e.cameo == "0253"]
    assert appeal.quote is not None and "appelons" in analysis.quotes[appeal.quote].text
    assert "own words" in appeal.rule


def test_same_act_stated_twice_is_one_event_with_both_sentences(analyze):
    text = (
        "Amnesty International a dénoncé la condamnation de Khaled Drareni.\n\n"
        "Selon l'ONG, le journaliste est innocent. "
        "Amnesty International a dénoncé la condamnation de Khaled Drareni."
    )
    article, analysis, _names = analyze(text, published=PUBLISHED)
    statements = [e for e in analysis.events if e.cameo == "111"]
    assert len(statements) == 1
    (event,) = statements
    assert len(event.also_stated_at) == 1
    start, end = event.also_stated_at[0]
    assert article.text[start:end].startswith("Amnesty International a dénoncé") and start > event.start


def test_untargeted_threat_is_not_coded(analyze):
    """ "a averti" alone is a warning: it codes nothing without someone it is addressed to."""
    _analysis, events = _events(analyze, "Mike Pompeo a averti que la situation était grave.")
    assert not any(code.startswith("13") for code, *_ in events)
