"""First names and their gender: the packaged list loads, real people's names get the right gender
(compounds, titles, particles, East Asian order), bad rows are reported with file and line, and an
analyst's list replaces rows by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from telex.actors.names import ANY, FEM, GENDERS, MASC, FirstNames, load_first_names, parse_first_names
from telex.errors import KnowledgeError
from telex.knowledge import ENV_VAR, Knowledge


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TELEX_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def names() -> FirstNames:
    return load_first_names(Knowledge())


def analyst_layer(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "mine"
    (folder / "actors").mkdir(parents=True)
    (folder / "actors" / "first_names.tsv").write_text("# mine\nname\tgender\tnote\n" + rows, encoding="utf-8")
    return folder


def test_packaged_list_loads_thousands_of_names_of_every_gender(names):
    assert len(names) >= 3000
    genders = {entry.gender for entry in names}
    assert genders == set(GENDERS)
    assert names.get("Jean-Marie").source.startswith("actors/first_names.tsv:")


def test_list_is_compiled_once_per_knowledge():
    knowledge = Knowledge()
    assert load_first_names(knowledge) is load_first_names(knowledge)


@pytest.mark.parametrize(
    ("full_name", "gender"),
    [
        # France: compounds, and the Jean-Marie trap
        ("Emmanuel Macron", MASC),
        ("Jean-Luc Mélenchon", MASC),
        ("Jean-Marie Le Pen", MASC),
        ("Marine Le Pen", FEM),
        ("Marie-France Garaud", FEM),
        ("Marie-George Buffet", FEM),
        ("Anne-Marie Idrac", FEM),
        ("Élisabeth Borne", FEM),
        ("ELISABETH BORNE", FEM),
        ("Jean-Dominique Senard", MASC),  # unlisted compound: its first part says it
        ("Dominique de Villepin", ANY),
        ("Camille Étienne", ANY),  # not masc from the family name Étienne
        # titles decide or are set aside
        ("Mme Dominique Voynet", FEM),
        ("M. Dominique de Villepin", MASC),
        ("Dr Tedros Adhanom Ghebreyesus", MASC),
        ("Sheikh Hasina", FEM),  # Sheikh is no sign of a man
        ("Cheikh Tidiane Gadio", MASC),  # in Senegal Cheikh is a given name
        ("El Hadj Omar Bongo", MASC),
        # Europe and the Americas
        ("Joe Biden", MASC),
        ("Kamala Harris", FEM),
        ("Ursula von der Leyen", FEM),
        ("Giorgia Meloni", FEM),
        ("Andrea Nahles", ANY),  # fem in Germany, masc in Italy (Andrea Orlando)
        ("José María Aznar", MASC),
        ("María Jesús Montero", FEM),
        ("Luiz Inácio Lula da Silva", MASC),
        ("Claudia Sheinbaum", FEM),
        ("Viktor Orbán", MASC),
        ("Kaja Kallas", FEM),
        ("Andrzej Duda", MASC),
        # Russian and Ukrainian names, French and English transliterations
        ("Sergueï Lavrov", MASC),
        ("Sergey Lavrov", MASC),
        ("Dmitri Peskov", MASC),
        ("Volodymyr Zelensky", MASC),
        ("Ioulia Tymochenko", FEM),
        ("Yulia Tymoshenko", FEM),
        ("Maria Zakharova", FEM),
        # Arab world, Iran, Turkey, Israel
        ("Mohammed ben Salmane", MASC),
        ("Abdel Fattah al-Sissi", MASC),
        ("Abdelmadjid Tebboune", MASC),
        ("Kaïs Saïed", MASC),
        ("Leïla Shahid", FEM),
        ("Leila Shahid", FEM),
        ("Masoud Pezeshkian", MASC),
        ("Masoumeh Ebtekar", FEM),
        ("Narges Mohammadi", FEM),
        ("Recep Tayyip Erdoğan", MASC),
        ("Meral Akşener", FEM),
        ("Benyamin Netanyahou", MASC),
        ("Ayelet Shaked", FEM),
        # sub-Saharan Africa
        ("Macky Sall", MASC),
        ("Aminata Touré", FEM),
        ("Goodluck Jonathan", MASC),
        ("Ngozi Okonjo-Iweala", FEM),
        ("Cyril Ramaphosa", MASC),
        ("Abiy Ahmed", MASC),
        ("Sahle-Work Zewde", FEM),
        ("Samia Suluhu Hassan", FEM),
        # East Asia: the given name after the family name
        ("Kim Jong-un", MASC),
        ("Kim Jong Un", MASC),
        ("Kim Yo-jong", FEM),
        ("Moon Jae-in", MASC),
        ("Park Geun-hye", FEM),
        ("Xi Jinping", MASC),
        ("Tsai Ing-wen", FEM),
        ("Lee Hsien Loong", MASC),
        ("Shinzo Abe", MASC),
        ("Takaichi Sanae", FEM),
        ("Carrie Lam", FEM),  # Lam is a family name here, a Vietnamese given name elsewhere
        # South and South-East Asia
        ("Narendra Modi", MASC),
        ("Indira Gandhi", FEM),
        ("Aung San Suu Kyi", FEM),
        ("Min Aung Hlaing", MASC),
        ("Pham Minh Chinh", MASC),
        ("Hun Manet", MASC),
        ("Joko Widodo", MASC),
        ("Paetongtarn Shinawatra", FEM),
    ],
)
def test_gender_of_public_figures(names, full_name, gender):
    assert names.gender_of(full_name) == gender


def test_east_asian_given_name_is_the_one_that_decides(names):
    assert names.first_name_of("Kim Jong-un").name == "Jong-un"
    assert names.first_name_of("Park Geun-hye").name == "Geun-hye"
    assert names.first_name_of("Jean-Marie Le Pen").name == "Jean-Marie"


@pytest.mark.parametrize("full_name", ["Mélenchon", "de Gaulle", "al-Sissi", "J. D. Vance", "Wang Yi", "", "  "])
def test_unknown_given_name_gives_none(names, full_name):
    assert names.gender_of(full_name) is None


def test_gender_value_other_than_masc_fem_any_is_rejected_with_file_and_line(tmp_path, cache_dir):
    mine = analyst_layer(tmp_path, "Zohran\tmasc\t\nPaul\tx\t\n")
    with pytest.raises(KnowledgeError, match=r"first_names\.tsv:4: name Paul, field 'gender': 'x' is not masc"):
        load_first_names(Knowledge([mine]))


def test_names_folding_the_same_with_different_genders_are_rejected_naming_both_lines():
    text = "name\tgender\nFrédéric\tmasc\nPaul\tmasc\nFREDERIC\tfem\n"
    with pytest.raises(
        KnowledgeError,
        match=r"mine\.tsv:4: name FREDERIC, field 'gender': fem conflicts with "
        r"Frédéric \(masc, mine\.tsv:2\)",
    ):
        parse_first_names(text, "mine.tsv")


def test_accented_and_plain_spellings_agreeing_are_both_kept():
    parsed = parse_first_names("name\tgender\nFrédéric\tmasc\nFrederic\tmasc\n", "mine.tsv")
    assert len(parsed) == 1
    assert [entry.name for entry in parsed] == ["Frédéric", "Frederic"]


def test_same_spelling_twice_is_rejected():
    with pytest.raises(
        KnowledgeError, match=r"mine\.tsv:3: name Paul, field 'name': listed twice \(also mine\.tsv:2\)"
    ):
        parse_first_names("name\tgender\nPaul\tmasc\nPaul\tmasc\n", "mine.tsv")


def test_header_without_gender_and_unknown_region_are_rejected():
    with pytest.raises(KnowledgeError, match=r"mine\.tsv:1: header lacks columns gender"):
        parse_first_names("name\tsex\nPaul\tmasc\n", "mine.tsv")
    with pytest.raises(KnowledgeError, match=r"mine\.tsv:2: name Paul, field 'region': 'fra' is not a region"):
        parse_first_names("name\tgender\tregion\nPaul\tmasc\tfra\n", "mine.tsv")


def test_analyst_layer_replaces_rows_by_name_and_adds_others(tmp_path, cache_dir):
    mine = analyst_layer(tmp_path, "camille\tfem\tmost Camilles in our corpus are women\nZohran\tmasc\t\n")
    names = load_first_names(Knowledge([mine]))
    assert names.gender_of("Camille Étienne") == FEM  # replaced, whatever the case
    assert names.get("Camille").source == f"{mine / 'actors' / 'first_names.tsv'}:3"
    assert names.gender_of("Zohran Mamdani") == MASC  # added
    assert names.gender_of("Joe Biden") == MASC  # the packaged rows stay
    assert load_first_names(Knowledge()).gender_of("Camille Étienne") == ANY


def test_analyst_layer_from_the_environment(tmp_path, cache_dir, monkeypatch):
    mine = analyst_layer(tmp_path, "Dominique\tfem\t\n")
    monkeypatch.setenv(ENV_VAR, str(mine))
    assert load_first_names().gender_of("Dominique Voynet") == FEM
