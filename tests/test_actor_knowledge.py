"""The actor knowledge base: packaged data, validation of analysts' files, dated roles."""

from __future__ import annotations

import time
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from telex.actors.knowledge import KnowledgeBase, load_knowledge
from telex.errors import KnowledgeError
from telex.knowledge import ENV_VAR

PEOPLE_DIR = Path(str(resources.files("telex") / "data" / "actors" / "people"))

# A made-up country, so that test people never clash with the packaged ones.
FREEDONIA = """
- iso3: QQF
  iso2: QF
  name: Freedonia
  cameo: QQF
  status: territory
  names: {fr: [Freedonie], en: [Freedonia]}
  demonyms: {fr: [freedonien, freedonienne, freedoniens, freedoniennes], en: [Freedonian]}
  capitals: [Fredville]
  seats: {fr: [Palais Marx, {name: Caserne Marx, code: QQFMIL}], en: [Marx Palace]}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    started = time.perf_counter()
    knowledge = load_knowledge()
    print(f"knowledge base loaded in {time.perf_counter() - started:.3f}s: {knowledge!r}")
    return knowledge


@pytest.fixture
def freedonia(tmp_path: Path) -> Path:
    write(tmp_path, "actors/countries.yaml", FREEDONIA)
    return tmp_path


# --- packaged data ----------------------------------------------------------------------------


def test_rpdc_and_pyongyang_and_nord_coreen_resolve_to_prk(kb: KnowledgeBase) -> None:
    forms = {(f.text, f.kind): f.actor_id for f in kb.surface_forms("fr")}
    assert forms[("RPDC", "name")] == "PRK"
    assert forms[("Corée du Nord", "name")] == "PRK"
    assert forms[("Pyongyang", "capital")] == "PRK"
    assert kb.country_of_demonym("nord-coréen") == "PRK"
    assert kb.country_of_demonym("Nord-Coréennes") == "PRK"


def test_kremlin_seat_implies_rusgov(kb: KnowledgeBase) -> None:
    seats = {f.text: f for f in kb.surface_forms("fr") if f.kind == "seat"}
    assert seats["Kremlin"].actor_id == "RUS"
    assert seats["Kremlin"].code == "RUSGOV"
    assert seats["Pentagone"].code == "USAMIL"
    assert seats["Maison Blanche"].code == "USAGOV"
    assert seats["Quai d'Orsay"].actor_id == seats["Élysée"].actor_id == seats["Matignon"].actor_id == "FRA"
    assert seats["Kossyam"].actor_id == "BFA"


def test_every_un_member_has_french_demonyms_and_capital(kb: KnowledgeBase) -> None:
    members = [a for a in kb.actors.values() if a.type == "country" and a.status == "member"]
    assert len(members) == 193
    for country in members:
        assert len(country.demonyms.get("fr", ())) >= 2, country.id
        assert country.demonyms.get("en"), country.id
        assert country.capitals, country.id


def test_french_demonyms_have_every_gender_and_number(kb: KnowledgeBase) -> None:
    assert kb.actors["CIV"].demonyms["fr"] == ("ivoirien", "ivoirienne", "ivoiriens", "ivoiriennes")
    assert kb.actors["RUS"].demonyms["fr"] == ("russe", "russes")
    assert set(kb.actors["GRC"].demonyms["fr"]) == {"grec", "grecque", "grecs", "grecques"}
    assert {"burkinabè", "burkinabé", "burkinabe"} <= set(kb.actors["BFA"].demonyms["fr"])
    assert kb.country_of_demonym("Sénégalaises") == "SEN"


def test_common_french_and_english_names_resolve(kb: KnowledgeBase) -> None:
    expected = {
        "Russie": "RUS",
        "Fédération de Russie": "RUS",
        "États-Unis": "USA",
        "Etats-Unis": "USA",
        "Royaume-Uni": "GBR",
        "Grande-Bretagne": "GBR",
        "Chine": "CHN",
        "RPC": "CHN",
        "Corée du Sud": "KOR",
        "RDC": "COD",
        "Congo-Kinshasa": "COD",
        "Congo-Brazzaville": "COG",
        "Congo": "COG",
        "Côte d'Ivoire": "CIV",
        "Burkina Faso": "BFA",
        "Hexagone": "FRA",
        "Moscou": "RUS",
        "Pékin": "CHN",
    }
    forms = {f.text: f.actor_id for f in kb.surface_forms("fr")}
    assert {name: forms.get(name) for name in expected} == expected
    english = {f.text: f.actor_id for f in kb.surface_forms("en")}
    assert [english[n] for n in ("USA", "US", "UK", "Britain", "DPRK", "Beijing", "Moscow")] == [
        "USA",
        "USA",
        "GBR",
        "GBR",
        "PRK",
        "CHN",
        "RUS",
    ]
    # the name English news uses, which pycountry's "Türkiye" dropped
    assert [english[n] for n in ("Turkey", "Türkiye", "Ankara")] == ["TUR", "TUR", "TUR"]


def test_amerique_alone_is_not_a_name_of_the_usa(kb: KnowledgeBase) -> None:
    assert not [f for f in kb.surface_forms() if f.text in ("Amérique", "America")]


def test_country_codes_follow_phoenix_exceptions(kb: KnowledgeBase) -> None:
    assert kb.code_on("TLS", None) == "TMP"
    assert kb.code_on("XKX", None) == "KSV"
    assert kb.code_on("PRK", date(2020, 1, 1)) == "PRK"


def test_organisations_carry_phoenix_codes(kb: KnowledgeBase) -> None:
    forms = {f.text: f for f in kb.surface_forms("fr") if f.kind in ("alias", "name")}
    assert forms["ONU"].actor_id == "un" and forms["ONU"].code == "IGOUNO"
    assert forms["OTAN"].code == "IGOWSTNAT"
    assert forms["CEDEAO"].code == "IGOWAFBUSWAS"
    assert forms["FMI"].code == "IGOBUSIMF"
    assert forms["Daech"].actor_id == "islamic_state" and forms["Daech"].code == "IMGMUSISI"
    assert kb.actors["wagner"].type == "group" and kb.actors["wagner"].country == "RUS"


def test_role_nouns_and_agent_nouns_are_indexed_per_language(kb: KnowledgeBase) -> None:
    fr = kb.role_nouns("fr")
    assert fr["chef de la diplomatie"] == "foreign_minister"
    assert fr["porte-parole du Kremlin"] == "presidential_spokesperson"
    assert fr["Premier ministre"] == "head_of_government"
    assert fr["dirigeant"] == "leader"
    assert kb.role_nouns("en")["foreign minister"] == "foreign_minister"
    assert kb.agent_nouns("fr")["armée"] == "MIL"
    assert kb.agent_nouns("fr")["rebelles"] == "REB"
    assert kb.agent_nouns("en")["police"] == "COP"
    assert kb.sector_of_role("army_chief") == "MIL"


@pytest.mark.skipif(not any(PEOPLE_DIR.glob("*.yaml")), reason="no people files yet")
def test_packaged_putin_changes_roles_over_time(kb: KnowledgeBase) -> None:
    assert [a.id for a in kb.role_holders("head_of_government", "RUS", date(2010, 6, 1))] == ["vladimir-putin"]
    assert [a.id for a in kb.role_holders("head_of_state", "RUS", date(2021, 6, 1))] == ["vladimir-putin"]
    assert kb.code_on("vladimir-putin", date(2021, 6, 1)) == "RUSGOV"


# --- validation and layering of analysts' folders ----------------------------------------------


def test_role_holder_changes_over_time(freedonia: Path) -> None:
    write(
        freedonia,
        "actors/people/freedonia.yaml",
        """
- id: rufus-firefly
  name: Rufus T. Firefly
  country: QQF
  aliases: {fr: [Rufus Firefly], en: [Rufus T. Firefly, Firefly]}
  roles:
    - {role: head_of_state, country: QQF, start: 1933-11-17, end: '1940-06'}
    - {role: head_of_government, country: QQF, start: '1941'}
- id: trentino-sylvania
  name: Trentino
  country: QQF
  aliases: {fr: [ambassadeur Trentino], en: [Ambassador Trentino]}
  roles:
    - {role: head_of_state, country: QQF, start: '1940-06'}
""",
    )
    kb = load_knowledge([freedonia])
    assert [a.id for a in kb.role_holders("head_of_state", "QQF", date(1935, 1, 1))] == ["rufus-firefly"]
    assert [a.id for a in kb.role_holders("head_of_state", "QQF", date(1950, 1, 1))] == ["trentino-sylvania"]
    # a month-precision handover: the successor wins during that month
    assert [a.id for a in kb.role_holders("head_of_state", "QQF", date(1940, 6, 15))] == ["trentino-sylvania"]
    # "leader" is held by nobody: it falls back to the head of state
    assert [a.id for a in kb.role_holders("leader", "QQF", date(1935, 1, 1))] == ["rufus-firefly"]
    assert kb.code_on("rufus-firefly", date(1935, 1, 1)) == "QQFGOV"
    assert kb.code_on("rufus-firefly", date(1940, 12, 1)) == "QQFELI"  # out of office, former official
    assert kb.code_on("rufus-firefly", date(1900, 1, 1)) == "QQF"  # before any office
    assert [s.role for s in kb.roles_on("rufus-firefly", date(1945, 1, 1))] == ["head_of_government"]


def test_freedonia_seat_and_override_code_come_from_the_extra_folder(freedonia: Path) -> None:
    kb = load_knowledge([freedonia])
    seats = {f.text: f.code for f in kb.surface_forms("fr") if f.actor_id == "QQF" and f.kind == "seat"}
    assert seats == {"Palais Marx": "QQFGOV", "Caserne Marx": "QQFMIL"}
    assert kb.country_of_demonym("Freedoniennes") == "QQF"
    assert "RUS" in kb.actors  # the packaged data are still there


def test_duplicate_id_is_rejected_with_file_and_id(freedonia: Path) -> None:
    person = "- id: groucho\n  name: Groucho\n  country: QQF\n  aliases: {fr: [Groucho], en: [Groucho]}\n"
    path = write(freedonia, "actors/people/dup.yaml", person + person)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([freedonia])
    assert str(path) in str(error.value) and "'groucho'" in str(error.value) and "duplicate" in str(error.value)


def test_overlapping_heads_of_state_are_rejected(freedonia: Path) -> None:
    path = write(
        freedonia,
        "actors/people/coup.yaml",
        """
- id: chico
  name: Chico
  country: QQF
  aliases: {fr: [Chico], en: [Chico]}
  roles: [{role: head_of_state, country: QQF, start: 1930-01-01, end: 1935-01-01}]
- id: harpo
  name: Harpo
  country: QQF
  aliases: {fr: [Harpo], en: [Harpo]}
  roles: [{role: head_of_state, country: QQF, start: 1934-01-01}]
""",
    )
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([freedonia])
    message = str(error.value)
    assert str(path) in message and "'harpo'" in message and "'chico'" in message and "head_of_state" in message


def test_handover_on_the_same_day_is_not_an_overlap(freedonia: Path) -> None:
    write(
        freedonia,
        "actors/people/handover.yaml",
        """
- id: chico
  name: Chico
  country: QQF
  aliases: {fr: [Chico], en: [Chico]}
  roles: [{role: head_of_state, country: QQF, start: 1930-01-01, end: 1935-01-01}]
- id: harpo
  name: Harpo
  country: QQF
  aliases: {fr: [Harpo], en: [Harpo]}
  roles: [{role: head_of_state, country: QQF, start: 1935-01-01}]
""",
    )
    kb = load_knowledge([freedonia])
    assert [a.id for a in kb.role_holders("head_of_state", "QQF", date(1935, 1, 1))] == ["harpo"]
    assert [a.id for a in kb.role_holders("head_of_state", "QQF", date(1934, 12, 31))] == ["chico"]


@pytest.mark.parametrize(
    ("spell", "field"),
    [
        ("{role: emperor, country: QQF, start: 1930-01-01}", "roles[1].role"),
        ("{role: head_of_state, country: ZZZ, start: 1930-01-01}", "roles[1].country"),
        ("{role: president, organization: no_such_org, start: 1930-01-01}", "roles[1].organization"),
        ("{role: head_of_state, country: QQF, start: 1930-13-01}", "roles[1].start"),
        ("{role: head_of_state, country: QQF, start: 1935-01-01, end: 1930-01-01}", "roles[1]"),
    ],
)
def test_bad_role_spells_are_rejected_with_field(freedonia: Path, spell: str, field: str) -> None:
    path = write(
        freedonia,
        "actors/people/bad.yaml",
        f"- id: zeppo\n  name: Zeppo\n  country: QQF\n  aliases: {{en: [Zeppo]}}\n  roles: [{spell}]\n",
    )
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([freedonia])
    message = str(error.value)
    assert str(path) in message and "'zeppo'" in message and f"'{field}'" in message


def test_malformed_cameo_code_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors/organizations.yaml",
        "- {id: marx_brothers, name: Marx Brothers, type: group, cameo: MARXB, aliases: {en: [Marxes]}}\n",
    )
    with pytest.raises(KnowledgeError, match="cameo") as error:
        load_knowledge([tmp_path])
    assert str(path) in str(error.value) and "'marx_brothers'" in str(error.value)


def test_country_without_french_names_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "actors/countries.yaml", FREEDONIA.replace("fr: [Freedonie]", "fr: []"))
    with pytest.raises(KnowledgeError, match=r"'QQF', field 'names\.fr'"):
        load_knowledge([tmp_path])


def test_same_name_for_two_countries_is_rejected_unless_marked_ambiguous(tmp_path: Path) -> None:
    write(tmp_path, "actors/countries.yaml", FREEDONIA.replace("fr: [Freedonie]", "fr: [Freedonie, Russie]"))
    russie = FREEDONIA.replace("fr: [Freedonie]", "fr: [Freedonie, Russie]")
    write(tmp_path, "actors/countries.yaml", russie)
    with pytest.raises(KnowledgeError, match=r"'QQF', field 'name': 'Russie' \(fr\) also names 'RUS'"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/countries.yaml", russie + "  ambiguous: true\n")
    kb = load_knowledge([tmp_path])
    owners = [f.actor_id for f in kb.surface_forms("fr") if f.text == "Russie"]
    assert owners == ["RUS", "QQF"]  # the unmarked entry comes first


def test_extra_folder_overrides_entry_by_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        "actors/organizations.yaml",
        """
- id: un
  name: Organisation of United Nations (test)
  type: organization
  cameo: IGOUNO
  country: null
  aliases: {fr: [ONU], en: [UN]}
""",
    )
    kb = load_knowledge([tmp_path])
    assert kb.actors["un"].name == "Organisation of United Nations (test)"
    assert "Nations unies" not in kb.actors["un"].names["fr"]
    assert load_knowledge().actors["un"].name == "United Nations"


def test_extra_roles_file_adds_role_nouns(tmp_path: Path) -> None:
    write(
        tmp_path,
        "actors/roles.yaml",
        "roles:\n  court_jester: {sector: CVL, fr: [bouffon du roi], en: [court jester]}\n"
        "agents:\n  fr: {bouffons: CVL}\n",
    )
    kb = load_knowledge([tmp_path])
    assert kb.role_nouns("fr")["bouffon du roi"] == "court_jester"
    assert kb.role_nouns("fr")["président"] == "head_of_state"
    assert kb.agent_nouns("fr")["bouffons"] == "CVL"


def test_telex_knowledge_env_var_is_honoured(freedonia: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(freedonia))
    kb = load_knowledge()
    assert kb.actors["QQF"].name == "Freedonia"
    monkeypatch.delenv(ENV_VAR)
    assert "QQF" not in load_knowledge().actors


def test_load_is_cached(kb: KnowledgeBase) -> None:
    assert load_knowledge() is kb


def test_home_agents_are_listed_agent_nouns(kb: KnowledgeBase, tmp_path: Path) -> None:
    assert {"gouvernement", "exécutif"} <= kb.home_agents("fr")
    path = write(tmp_path, "actors/roles.yaml", "home_agents:\n  fr: [parlement fantôme]\n")
    with pytest.raises(KnowledgeError, match="not an agent noun") as error:
        load_knowledge([tmp_path])
    assert str(path) in str(error.value)


def test_justice_ministers_and_ministries_are_coded_gov_as_in_phoenix(kb: KnowledgeBase) -> None:
    # Phoenix.agents.txt: JUSTICE_!MINIST! [~GOV], ATTORNEY_GENERAL [~GOV], !MINIST! OF_JUSTICE [~GOV]
    assert kb.roles["justice_minister"].sector == "GOV"
    assert kb.institutions["justice_ministry"].sector == "GOV"
