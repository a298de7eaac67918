"""People of world and French news: canonical names follow English Wikipedia titles, the French
and English spellings the press uses find them, and role holders on given days are the right ones."""

from __future__ import annotations

from datetime import date

import pytest

from telex.actors.knowledge import KnowledgeBase, load_knowledge


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


# id -> English Wikipedia article title (without a parenthesised disambiguator)
WIKIPEDIA_TITLES = {
    "sergei-lavrov": "Sergey Lavrov",
    "sergei-naryshkin": "Sergey Naryshkin",
    "andrei-belousov": "Andrey Belousov",
    "vasily-nebenzya": "Vasily Nebenzya",
    "vitaly-churkin": "Vitaly Churkin",
    "sergei-ryabkov": "Sergei Ryabkov",
    "sergey-kislyak": "Sergey Kislyak",
    "mohammad-javad-zarif": "Mohammad Javad Zarif",
    "hassan-rouhani": "Hassan Rouhani",
    "qassem-soleimani": "Qasem Soleimani",
    "stephen-j-townsend": "Stephen J. Townsend",
    "kenneth-f-mckenzie-jr": "Kenneth F. McKenzie Jr.",
    "christopher-a-wray": "Christopher A. Wray",
    "kelly-craft": "Kelly Craft",
    "linda-thomas-greenfield": "Linda Thomas-Greenfield",
    "nikki-haley": "Nikki Haley",
    "nicolas-de-riviere": "Nicolas de Rivière",
    "francois-delattre": "François Delattre",
    "barbara-woodward": "Barbara Woodward",
    "zhang-jun-diplomat": "Zhang Jun",
    "fu-cong": "Fu Cong",
    "tedros-adhanom-ghebreyesus": "Tedros Adhanom Ghebreyesus",
    "rafael-grossi": "Rafael Grossi",
    "yukiya-amano": "Yukiya Amano",
    "pope-francis": "Pope Francis",
    "ferdinand-marcos-jr": "Bongbong Marcos",
    "kim-jong-il": "Kim Jong Il",
    "abdel-fattah-el-sisi": "Abdel Fattah el-Sisi",
    "king-salman": "Salman of Saudi Arabia",
    "mohammed-vi": "Mohammed VI of Morocco",
    "subrahmanyam-jaishankar": "S. Jaishankar",
    "philippe-martinez-syndicaliste": "Philippe Martinez",
    "geoffroy-roux-de-bezieux": "Geoffroy Roux de Bézieux",
    "agnes-callamard": "Agnès Callamard",
    "daryl-kimball": "Daryl Kimball",
}


@pytest.mark.parametrize(("ident", "title"), sorted(WIKIPEDIA_TITLES.items()))
def test_canonical_name_is_the_wikipedia_title(kb: KnowledgeBase, ident: str, title: str) -> None:
    assert kb.actors[ident].name == title


@pytest.mark.parametrize(
    ("ident", "old"),
    [
        ("sergei-lavrov", "Sergei Lavrov"),
        ("qassem-soleimani", "Qassem Soleimani"),
        ("abdel-fattah-el-sisi", "Abdel Fattah al-Sisi"),
        ("pope-francis", "Francis"),
        ("kais-saied", "Kaïs Saïed"),
    ],
)
def test_a_renamed_person_keeps_the_old_name_in_both_languages(kb: KnowledgeBase, ident: str, old: str) -> None:
    names = kb.actors[ident].names
    assert old in names["fr"] and old in names["en"]


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ("Sergueï Lavrov", "sergei-lavrov"),
        ("Vassily Nebenzia", "vasily-nebenzya"),
        ("Nebenzia", "vasily-nebenzya"),
        ("Hassan Rohani", "hassan-rouhani"),
        ("Rouhani", "hassan-rouhani"),
        ("Mohammad Javad Zarif", "mohammad-javad-zarif"),
        ("Sergueï Riabkov", "sergei-ryabkov"),
        ("Sergueï Kisliak", "sergey-kislyak"),
        ("Stephen Townsend", "stephen-j-townsend"),
        ("Linda Thomas-Greenfield", "linda-thomas-greenfield"),
        ("Philippe Martinez", "philippe-martinez-syndicaliste"),
        ("Laurent Berger", "laurent-berger"),
        ("Sophie Binet", "sophie-binet"),
        ("Geoffroy Roux de Bezieux", "geoffroy-roux-de-bezieux"),
        ("Bill Barr", "william-barr"),
        ("Nasser Kanaani", "nasser-kanaani"),
    ],
)
def test_press_spellings_name_the_person(kb: KnowledgeBase, written: str, ident: str) -> None:
    assert kb.actors_named(written) == [ident]


@pytest.mark.parametrize(
    ("role", "country", "organization", "day", "ident"),
    [
        ("un_ambassador", "RUS", None, date(2020, 8, 14), "vasily-nebenzya"),
        ("un_ambassador", "RUS", None, date(2016, 3, 1), "vitaly-churkin"),
        ("un_ambassador", "USA", None, date(2018, 6, 1), "nikki-haley"),
        ("un_ambassador", "USA", None, date(2020, 3, 1), "kelly-craft"),
        ("un_ambassador", "USA", None, date(2022, 3, 1), "linda-thomas-greenfield"),
        ("un_ambassador", "CHN", None, date(2021, 3, 1), "zhang-jun-diplomat"),
        ("un_ambassador", "FRA", None, date(2016, 3, 1), "francois-delattre"),
        ("foreign_minister", "FRA", None, date(2018, 8, 14), "jean-yves-le-drian"),
        ("foreign_minister", "RUS", None, date(2018, 8, 14), "sergei-lavrov"),
        ("foreign_minister", "IRN", None, date(2018, 8, 14), "mohammad-javad-zarif"),
        ("interior_minister", "USA", None, date(2022, 6, 1), "alejandro-mayorkas"),
        ("interior_minister", "CHN", None, date(2020, 6, 1), "zhao-kezhi"),
        ("defence_minister", "ITA", None, date(2020, 6, 1), "lorenzo-guerini"),
        ("defence_minister", "TUR", None, date(2020, 6, 1), "hulusi-akar"),
        ("army_chief", "USA", None, date(2020, 6, 1), "mark-milley"),
        ("secretary_general", None, "cgt", date(2020, 7, 3), "philippe-martinez-syndicaliste"),
        ("secretary_general", None, "cgt", date(2024, 1, 10), "sophie-binet"),
        ("secretary_general", None, "cfdt", date(2020, 7, 3), "laurent-berger"),
        ("secretary_general", None, "force_ouvriere", date(2020, 7, 3), "yves-veyrier"),
        ("president", None, "medef", date(2020, 7, 3), "geoffroy-roux-de-bezieux"),
        ("president", None, "africom", date(2020, 6, 1), "stephen-j-townsend"),
        ("president", None, "centcom", date(2020, 1, 3), "kenneth-f-mckenzie-jr"),
        ("president", None, "fbi", date(2016, 10, 28), "james-comey"),
        ("president", None, "ohchr", date(2020, 6, 1), "michelle-bachelet"),
        ("president", None, "who", date(2020, 3, 11), "tedros-adhanom-ghebreyesus"),
        ("president", None, "iaea", date(2015, 7, 14), "yukiya-amano"),
        ("secretary_general", None, "rsf", date(2020, 9, 1), "christophe-deloire"),
        ("secretary_general", None, "amnesty", date(2022, 3, 1), "agnes-callamard"),
    ],
)
def test_role_holder_on_a_day(
    kb: KnowledgeBase, role: str, country: str | None, organization: str | None, day: date, ident: str
) -> None:
    holders = kb.role_holders(role, country, day, organization=organization)
    assert [holder.id for holder in holders] == [ident]


@pytest.mark.parametrize(
    ("ident", "day", "code"),
    [
        ("vasily-nebenzya", date(2020, 8, 14), "RUSGOV"),
        ("sergei-ryabkov", date(2020, 6, 22), "RUSGOV"),
        ("stephen-j-townsend", date(2020, 6, 1), "USAMIL"),
        ("philippe-martinez-syndicaliste", date(2020, 7, 3), "FRALAB"),
        ("adam-schiff", date(2020, 5, 8), "USALEG"),
        ("james-comey", date(2020, 5, 8), "USA"),  # out of the FBI: an organisation post leaves no ELI
        ("daryl-kimball", date(2020, 6, 22), "USANGO"),
        ("olof-skoog", date(2020, 1, 9), "IGOEUREEC"),
    ],
)
def test_code_on_a_day(kb: KnowledgeBase, ident: str, day: date, code: str) -> None:
    assert kb.code_on(ident, day) == code


def test_the_whole_knowledge_base_loads_with_the_people_of_every_file(kb: KnowledgeBase) -> None:
    sources = {actor.source.rsplit("/", 1)[-1] for actor in kb.actors.values() if actor.type == "person"}
    assert {"un.yaml", "united_states.yaml", "world.yaml", "france_government.yaml"} <= sources
    assert {"france_politics.yaml", "ngos.yaml", "africa.yaml", "g20.yaml", "international.yaml"} <= sources
    assert sum(actor.type == "person" for actor in kb.actors.values()) > 2000
