"""Organisations that act in the news, and roles.yaml's institutions, groups and sector names."""

from __future__ import annotations

from pathlib import Path

import pytest

from telex.actors.knowledge import KnowledgeBase, load_knowledge
from telex.errors import KnowledgeError

# the three-letter parts a CAMEO actor code is built from after its country or international type
SECTORS = set(
    [
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "SPY",
        "MED",
        "OPP",
        "REB",
        "UAF",
        "PTY",
        "CVL",
        "BUS",
        "EDU",
        "HLH",
        "LAB",
        "REF",
        "AGR",
        "CRM",
        "HRI",
        "NGO",
        "ENV",
        "REL",
        "DEV",
        "ELI",
        "INS",
        "SEP",
        "RAD",
    ]
)
INTERNATIONAL = {"IGO", "NGO", "MNC", "IMG", "EUR"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new_organisations(kb: KnowledgeBase) -> list:
    return [a for a in kb.actors.values() if a.source.startswith("actors/organizations/")]


def forms_of(kb: KnowledgeBase, lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for form in kb.surface_forms(lang):
        found.setdefault(form.text, set()).add(form.actor_id)
    return found


# --- packaged organisations ---------------------------------------------------------------------


def test_topic_files_are_read_with_hundreds_of_organisations(kb: KnowledgeBase) -> None:
    files = {a.source for a in new_organisations(kb)}
    assert {f"actors/organizations/{name}.yaml" for name in ("media", "companies", "parties", "state", "ngos")} <= files
    assert len(new_organisations(kb)) >= 500


@pytest.mark.parametrize(
    ("lang", "short", "long", "actor"),
    [
        ("fr", "OIEA", "Organisation iranienne de l'énergie atomique", "aeoi"),
        ("fr", "FN", "Rassemblement national", "rn"),
        ("fr", "UMP", "Les Républicains", "lr"),
        ("fr", "LREM", "Renaissance", "renaissance"),
        ("fr", "DGSE", "Direction générale de la sécurité extérieure", "dgse"),
        ("fr", "Tsahal", "armée israélienne", "idf"),
        ("fr", "Pasdaran", "Gardiens de la révolution", "irgc"),
        ("fr", "CPJ", "Comité pour la protection des journalistes", "cpj"),
        ("fr", "GIEC", "Groupe d'experts intergouvernemental sur l'évolution du climat", "ipcc"),
        ("en", "FBI", "Federal Bureau of Investigation", "fbi"),
        ("en", "IRGC", "Islamic Revolutionary Guard Corps", "irgc"),
        ("en", "NYT", "New York Times", "nyt"),
        ("en", "GOP", "Republican Party", "republican_party_us"),
    ],
)
def test_acronym_and_long_form_are_one_actor(kb: KnowledgeBase, lang: str, short: str, long: str, actor: str) -> None:
    forms = forms_of(kb, lang)
    assert forms[short] == forms[long] == {actor}


def test_canonical_names_are_english_wikipedia_titles(kb: KnowledgeBase) -> None:
    names = {a.id: a.name for a in kb.actors.values()}
    assert names["us_state_department"] == "United States Department of State"
    assert names["irgc"] == "Islamic Revolutionary Guard Corps"
    assert names["nyt"] == "The New York Times"
    assert names["rn"] == "National Rally"
    assert names["fbi"] == "Federal Bureau of Investigation"


def test_every_new_organisation_has_a_valid_cameo_code(kb: KnowledgeBase) -> None:
    countries = {a.code for a in kb.actors.values() if a.type == "country"}
    bad = []
    for actor in new_organisations(kb):
        parts = [actor.code[i : i + 3] for i in range(0, len(actor.code or ""), 3)]
        if not parts:
            bad.append(actor.id)
        elif parts[0] in countries:
            rest = parts[1:-1] if actor.type == "group" and len(parts) > 2 else parts[1:]  # + abbreviation
            if any(part not in SECTORS for part in rest):
                bad.append(actor.id)
        elif parts[0] == "MNC":
            if (len(parts) > 1 and parts[1] not in countries) or any(p not in SECTORS for p in parts[2:]):
                bad.append(actor.id)
        elif parts[0] not in INTERNATIONAL:
            bad.append(actor.id)
    assert bad == []


def test_national_organisations_are_coded_with_their_own_country(kb: KnowledgeBase) -> None:
    countries = {a.code: a.id for a in kb.actors.values() if a.type == "country"}
    wrong = [
        a.id
        for a in new_organisations(kb)
        if a.country and countries.get(a.code[:3]) not in (None, a.country) and a.id != "iran_human_rights"
    ]
    assert wrong == []  # Iran Human Rights works on Iran from Oslo


def test_new_forms_never_repeat_a_country_seat_or_a_person(kb: KnowledgeBase) -> None:
    """A string naming both a country (a seat: "Quai d'Orsay") and an organisation is left unresolved."""
    new = {a.id for a in new_organisations(kb)}
    for lang in ("fr", "en"):
        shared = [
            (text, ids)
            for text, ids in forms_of(kb, lang).items()
            if ids & new and any(kb.actors[i].type not in ("organization", "group") for i in ids)
        ]
        assert shared == []


def test_shared_party_names_prefer_the_likelier_party(kb: KnowledgeBase) -> None:
    owners = [f.actor_id for f in kb.surface_forms("fr") if f.text == "Parti démocrate"]
    assert owners == ["democratic_party_us", "pd_italy"]
    assert [f.actor_id for f in kb.surface_forms("fr") if f.text == "PAM"] == ["wfp", "pam_morocco"]


# --- sector names, institutions, groups ---------------------------------------------------------


def test_sector_names_follow_wikipedia_usage(kb: KnowledgeBase) -> None:
    assert kb.sector_name("FRA", "GOV") == "Government of France"
    assert kb.sector_name("GBR", "GOV") == "Government of the United Kingdom"
    assert kb.sector_name("FRA", "MIL") == "French Armed Forces"
    assert kb.sector_name("DZA", "JUD") == "Judiciary of Algeria"
    assert kb.sector_name("ESP", "COP") == "Spanish police"
    assert kb.sector_name("SYR", "REBMUS") == "Syrian rebels"  # a compound takes its first sector's name
    assert kb.sector_name("ABW", "MIL") == "Aruba Armed Forces"  # no demonym: the name
    assert kb.sector_name("FRA", "XYZ") == "France (XYZ)"


def test_every_sector_in_use_has_a_name(kb: KnowledgeBase) -> None:
    used = {role.sector for role in kb.roles.values()}
    used |= {sector for lang in ("fr", "en") for sector in kb.agent_nouns(lang).values()}
    used |= {inst.sector for inst in kb.institutions.values()}
    assert used <= set(kb.sector_names)


def test_institution_nouns_and_names(kb: KnowledgeBase) -> None:
    fr = kb.institution_nouns("fr")
    assert fr["ministère des Affaires étrangères"].key == "foreign_ministry"
    assert fr["diplomatie"].key == "foreign_ministry"
    assert fr["justice"].sector == "JUD"
    assert kb.institution_nouns("en")["interior ministry"].key == "interior_ministry"
    assert kb.institution_name(fr["ministère des Affaires étrangères"], "CHN") == "Chinese Ministry of Foreign Affairs"
    assert kb.institution_name(fr["ministère de l'Intérieur"], "ESP") == "Spanish Ministry of the Interior"
    assert kb.institution_name(fr["police"], "GBR") == "British police"
    assert kb.institution_name(fr["justice"], "DZA") == "Algerian judiciary"
    assert kb.institution_name(fr["Trésor"], "USA") == "American Treasury"


def test_group_nouns_are_actors_without_a_country(kb: KnowledgeBase) -> None:
    fr = kb.group_nouns("fr")
    assert (fr["jihadistes"].name, fr["jihadistes"].code) == ("jihadists", "UAFMUS")
    assert (fr["hommes armés"].name, fr["hommes armés"].code) == ("armed men", "UAF")
    assert fr["manifestants"].code == "OPP" and fr["réfugiés"].code == "REF"
    assert kb.group_nouns("en")["gunmen"].key == "armed_men"
    democrats = fr["démocrates"]
    assert (democrats.actor, democrats.name, democrats.code) == (
        "democratic_party_us",
        "Democratic Party (United States)",
        "USAPTY",
    )
    assert fr["républicains"].case_sensitive and fr["républicains"].actor == "republican_party_us"


# --- validation -------------------------------------------------------------------------------------


def test_bad_sector_template_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "actors/roles.yaml", "sector_names:\n  GOV: 'Government of {land}'\n")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([tmp_path])
    message = str(error.value)
    assert str(path) in message and "sector name 'GOV'" in message and "'template'" in message and "{land}" in message


def test_template_without_country_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "actors/roles.yaml", "sector_names:\n  GOV: Government\n")
    with pytest.raises(KnowledgeError, match="names no country"):
        load_knowledge([tmp_path])


def test_institution_noun_colliding_with_a_role_noun_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors/roles.yaml",
        "institutions:\n  bad_office:\n    sector: GOV\n    name: Office\n    fr: [Premier ministre]\n",
    )
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([tmp_path])
    message = str(error.value)
    assert str(path) in message and "institution 'bad_office'" in message and "field 'fr'" in message
    assert "head_of_government" in message


def test_unknown_sector_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors/roles.yaml",
        "institutions:\n  space_office:\n    sector: SPC\n    name: Space Office\n    fr: [bureau spatial]\n",
    )
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([tmp_path])
    message = str(error.value)
    assert str(path) in message and "institution 'space_office'" in message and "field 'sector'" in message
    assert "unknown sector 'SPC'" in message
    write(tmp_path, "actors/roles.yaml", "agents:\n  fr: {astronautes: SPC}\n")
    with pytest.raises(KnowledgeError, match=r"agent 'astronautes', field 'fr': unknown sector 'SPC'"):
        load_knowledge([tmp_path])


def test_group_errors_name_the_entry_and_field(tmp_path: Path) -> None:
    write(tmp_path, "actors/roles.yaml", "groups:\n  pirates:\n    name: pirates\n    code: crm\n    fr: [pirates]\n")
    with pytest.raises(KnowledgeError, match=r"group 'pirates', field 'code'"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/roles.yaml", "groups:\n  fans:\n    actor: nobody\n    fr: [supporters]\n")
    with pytest.raises(KnowledgeError, match=r"group 'fans', field 'actor': unknown organisation id 'nobody'"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/roles.yaml", "groups:\n  bosses:\n    name: bosses\n    code: BUS\n    fr: [dirigeant]\n")
    with pytest.raises(KnowledgeError, match=r"group 'bosses', field 'fr': noun 'dirigeant' is also a noun of role"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/roles.yaml", "groups:\n  gangs:\n    name: gangs\n    code: CRM\n    colour: red\n")
    with pytest.raises(KnowledgeError, match=r"group 'gangs', field 'colour': unknown key"):
        load_knowledge([tmp_path])


def test_countryless_sectors_must_be_known_sectors(tmp_path: Path) -> None:
    write(tmp_path, "actors/roles.yaml", "countryless_sectors: [PIR]\n")
    with pytest.raises(KnowledgeError, match=r"countryless_sectors, field 'PIR': unknown sector 'PIR'"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/roles.yaml", "countryless_sectors: [uaf]\n")
    with pytest.raises(KnowledgeError, match=r"field 'uaf': not a CAMEO sector"):
        load_knowledge([tmp_path])
    write(tmp_path, "actors/roles.yaml", "countryless_sectors: [CRM]\n")
    assert load_knowledge([tmp_path]).countryless_sectors == {"UAF", "REB", "INS", "CRM"}  # a layer adds


def test_unknown_section_of_roles_file_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "actors/roles.yaml", "instituions: {}\n")
    with pytest.raises(KnowledgeError, match=r"field 'instituions': unknown key"):
        load_knowledge([tmp_path])


def test_analyst_layer_adds_institutions_groups_and_sector_names(tmp_path: Path) -> None:
    write(
        tmp_path,
        "actors/roles.yaml",
        "institutions:\n  space_agency:\n    sector: GOV\n    name: Space Agency\n    fr: [agence spatiale]\n"
        "groups:\n  pirates:\n    name: pirates\n    code: CRM\n    fr: [pirates]\n"
        "sector_names:\n  GOV: '{demonym} government'\n",
    )
    kb = load_knowledge([tmp_path])
    assert kb.institution_name(kb.institution_nouns("fr")["agence spatiale"], "FRA") == "French Space Agency"
    assert kb.group_nouns("fr")["pirates"].code == "CRM"
    assert kb.group_nouns("fr")["jihadistes"].code == "UAFMUS"  # the packaged groups stay
    assert kb.sector_name("FRA", "GOV") == "French government"
    assert kb.sector_name("FRA", "MIL") == "French Armed Forces"


def test_definite_article_names_must_be_countries(tmp_path: Path) -> None:
    write(tmp_path, "actors/roles.yaml", "definite_article: [Freedonia]\n")
    with pytest.raises(KnowledgeError, match=r"'Freedonia' is not the name of a country"):
        load_knowledge([tmp_path])
