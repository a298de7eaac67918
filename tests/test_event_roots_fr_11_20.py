"""French triggers of CAMEO roots 11-20 (issue 11, part 1): one coded sentence per root with its
source and target, and ambiguous verbs in their ordinary sense coding no violence or coercion."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

VIOLENT_OR_COERCIVE = ("15", "16", "17", "18", "19", "20")


def _events(analysis, names):
    return [
        (e.cameo, e.status, tuple(names.get(a, a) for a in e.source), tuple(names.get(a, a) for a in e.target))
        for e in analysis.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 11 disapprove: criticism, an official complaint, an accusation refined by the charge
        (
            "Emmanuel Macron a fustigé mardi Vladimir Poutine.",
            ("111", "asserted", ("Emmanuel Macron",), ("Vladimir Putin",)),
        ),
        ("Paris a convoqué l'ambassadeur d'Iran.", ("114", "asserted", ("France",), ("Government of Iran",))),
        ("La Russie a accusé l'Ukraine d'espionnage.", ("1125", "asserted", ("Russia",), ("Ukraine",))),
        (
            "Rachida Dati a attaqué Anne Hidalgo sur sa gestion de la ville.",
            ("111", "asserted", ("Rachida Dati",), ("Anne Hidalgo",)),
        ),
        # 116: a court sentence, not a condemnation
        (
            "La justice algérienne a condamné le journaliste Khaled Drareni à trois ans de prison.",
            ("116", "asserted", ("Judiciary of Algeria",), ("Khaled Drareni",)),
        ),
        # 12 reject: the rejected proposal selects the code (mediation: 126)
        ("La Chine a refusé la proposition de médiation de la France.", ("126", "asserted", ("China",), ("France",))),
        # 13 threaten: the threatened act selects the code
        ("La Chine a menacé le Royaume-Uni de représailles.", ("130", "asserted", ("China",), ("United Kingdom",))),
        ("Washington a menacé Téhéran de nouvelles sanctions.", ("1312", "asserted", ("United States",), ("Iran",))),
        ("La Chine a menacé Taïwan d'une invasion.", ("1382", "asserted", ("China",), ("Taiwan",))),
        (
            "La Corée du Nord a menacé les États-Unis d'une frappe nucléaire.",
            ("1385", "asserted", ("North Korea",), ("United States",)),
        ),
        # 14 protest
        (
            "Des militants de Greenpeace ont manifesté devant l'ambassade de Russie.",
            ("141", "asserted", ("Greenpeace",), ("Government of Russia",)),
        ),
        # 15 military posture
        ("Moscou a dépêché des renforts en Syrie.", ("154", "asserted", ("Russia",), ("Syria",))),
        ("La Russie a déployé des troupes en Biélorussie.", ("154", "asserted", ("Russia",), ("Belarus",))),
        # 16 reduce relations
        ("Le Niger a rompu ses relations diplomatiques avec la France.", ("161", "asserted", ("Niger",), ("France",))),
        ("Paris a rappelé son ambassadeur en Turquie.", ("161", "asserted", ("France",), ("Türkiye",))),
        # 17 coerce: arrêter is an arrest only with the arrested named as such
        (
            "Les autorités russes ont arrêté l'opposant Alexeï Navalny.",
            ("173", "asserted", ("Government of Russia",), ("Alexei Navalny",)),
        ),
        ("L'Iran a saisi un pétrolier du Royaume-Uni.", ("1711", "asserted", ("Iran",), ("United Kingdom",))),
        ("La Chine a interdit le journal Apple Daily.", ("1721", "asserted", ("China",), ("Apple Daily",))),
        # 18 assault
        ("Hadi Matar a poignardé Salman Rushdie.", ("182", "asserted", ("Hadi Matar",), ("Salman Rushdie",))),
        # 19 fight: frapper codes force only with a military target
        ("Israël a frappé des positions du Hezbollah au Liban.", ("190", "asserted", ("Israel",), ("Hezbollah",))),
        ("L'armée russe a bombardé Alep.", ("195", "asserted", ("Russian Armed Forces",), ("Alep",))),
        ("Le Hamas a tiré des roquettes sur Israël.", ("194", "asserted", ("Hamas",), ("Israel",))),
        ("La Turquie a imposé un blocus à l'Arménie.", ("191", "asserted", ("Türkiye",), ("Armenia",))),
        (
            "L'armée malienne a attaqué les positions des jihadistes près de Gao.",
            ("190", "asserted", ("Malian Armed Forces",), ("jihadists",)),  # whom it attacked, not where
        ),
        # 20 mass violence
        (
            "L'armée serbe a massacré les habitants de Srebrenica.",
            ("202", "asserted", ("Serbian Armed Forces",), ("Srebrenica",)),
        ),
        ("Bachar al-Assad a gazé la population de la Ghouta.", ("2041", "asserted", ("Bashar al-Assad",), ("Ghouta",))),
    ],
)
def test_each_root_codes_with_source_and_target(analyze, text, expected):
    _article, analysis, names = analyze(text, published="2024-05-02")
    assert expected in _events(analysis, names)


@pytest.mark.parametrize(
    "text",
    [
        "La crise a frappé l'économie française.",
        "Le séisme a frappé le Japon.",
        "Emmanuel Macron a arrêté de fumer.",
        "Le Premier ministre s'est arrêté devant les journalistes.",
        "Le match a opposé la France au Brésil.",
        "Le député François Ruffin a interpellé Emmanuel Macron sur la réforme des retraites.",
        "Marlène Schiappa a saisi la justice.",
        "Washington juge la décision de Pékin inacceptable.",
        "Joe Biden a riposté aux moqueries de Donald Trump.",
        "Le coronavirus a tué des milliers de personnes en France.",
        "Emmanuel Macron et Marine Le Pen s'affronteront au second tour.",
        "Le ministre a enlevé son masque devant Emmanuel Macron.",
        "L'État français détient 15% du capital de Renault.",
        "Les cheminots prennent en otage les usagers de la SNCF.",
        "Le gouvernement français a tiré les leçons de la crise.",
        "Édouard Philippe a tiré à boulets rouges sur Emmanuel Macron.",
        "Emmanuel Macron a mobilisé ses partisans contre Marine Le Pen.",
        "La Russie a combattu le virus avec la Chine.",
        "Emmanuel Macron a battu Marine Le Pen au second tour.",
        "Les démocrates devaient enlever 23 sièges républicains.",
        "Donald Trump a bombardé Joe Biden de critiques.",
        "Emmanuel Macron occupe la présidence de l'Union européenne.",
        "Dati a attaqué Anne Hidalgo.",
    ],
)
def test_ambiguous_verbs_in_their_ordinary_sense_code_no_violence(analyze, text):
    _article, analysis, names = analyze(text, published="2024-05-02")
    violent = [e for e in _events(analysis, names) if e[0].startswith(VIOLENT_OR_COERCIVE)]
    assert violent == []


def test_hostage_taking_literal_and_figurative(analyze):
    _article, analysis, names = analyze(
        "L'État islamique a pris en otage des employés de Total.", published="2024-05-02"
    )
    assert ("181", "asserted", ("Islamic State",), ("TotalEnergies",)) in _events(analysis, names)
    _article, analysis, names = analyze("La CGT a pris en otage les usagers de la SNCF.", published="2024-05-02")
    cgt = "General Confederation of Labour (France)"
    assert ("144", "asserted", (cgt,), ("SNCF",)) in _events(analysis, names)  # a strike, not an abduction
