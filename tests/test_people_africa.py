"""Structural checks of src/telex/data/actors/people/africa.yaml (pyyaml only).

The loader has its own validator; these tests pin the data file's schema: required keys,
unique slug ids (across every people file), ISO alpha-3 countries of AU member states,
date formats, allowed role names, and no two people holding the same role for the same
country on the same day.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

PEOPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "telex" / "data" / "actors" / "people"
AFRICA = PEOPLE_DIR / "africa.yaml"

ROLES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "interior_minister", "finance_minister", "justice_minister", "economy_minister",
    "presidential_spokesperson", "government_spokesperson", "foreign_ministry_spokesperson",
    "army_chief", "opposition_leader", "party_leader", "speaker_of_parliament",
    "vice_president", "minister", "mayor",
}  # fmt: skip

# The 55 AU member states minus South Africa (covered by the G20 file); ESH = SADR.
AU_COUNTRIES = {
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG",
    "COD", "CIV", "DJI", "EGY", "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN",
    "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI", "MRT", "MUS", "MAR", "MOZ",
    "NAM", "NER", "NGA", "RWA", "ESH", "STP", "SEN", "SYC", "SLE", "SOM", "SSD", "SDN",
    "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE",
}  # fmt: skip

PERSON_KEYS = {"id", "name", "country", "aliases", "roles"}
ROLE_KEYS = {"role", "country", "start", "end", "place"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data or []


@pytest.fixture(scope="module")
def people() -> list[dict]:
    data = _load(AFRICA)
    assert isinstance(data, list) and data, "africa.yaml must be a non-empty list"
    return data


def _as_date(value: object, where: str, lenient: bool = False) -> dt.date:
    """A date, or the first day of a 'YYYY' / 'YYYY-MM' partial date.

    ``lenient`` also accepts a bare integer year (other people files write them unquoted).
    """
    if lenient and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.datetime):
        raise AssertionError(f"{where}: datetime instead of date: {value!r}")
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str), f"{where}: date must be YYYY-MM-DD or a quoted 'YYYY'/'YYYY-MM': {value!r}"
    assert DATE_RE.match(value), f"{where}: bad date format {value!r}"
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])  # raises on an impossible month/day


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_person_schema(people):
    for p in people:
        where = p.get("id", p)
        assert isinstance(p, dict), where
        assert set(p) == PERSON_KEYS, f"{where}: keys {sorted(p)}"
        assert isinstance(p["name"], str) and p["name"].strip() == p["name"] and p["name"], where
        assert p["country"] in AU_COUNTRIES, f"{where}: country {p['country']!r}"
        aliases = p["aliases"]
        assert isinstance(aliases, dict) and set(aliases) <= {"fr", "en"} and aliases, where
        for lang, names in aliases.items():
            assert isinstance(names, list) and names, f"{where}: aliases.{lang}"
            assert len(names) == len(set(names)), f"{where}: duplicate alias in {lang}"
            for name in names:
                assert isinstance(name, str) and name.strip() == name and name, f"{where}: {name!r}"
                assert "’" not in name, f"{where}: use ' not ’ in {name!r}"
        assert isinstance(p["roles"], list) and p["roles"], f"{where}: needs at least one role"


def test_aliases_have_ascii_forms(people):
    for p in people:
        for lang, names in p["aliases"].items():
            for name in names:
                assert _fold(name) in names, f"{p['id']}: {lang} alias {name!r} lacks its unaccented form"


def test_ids_are_unique_slugs_across_people_files(people):
    for p in people:
        assert ID_RE.match(p["id"]), f"bad id {p['id']!r}"
    seen: dict[str, str] = {}
    for path in sorted(PEOPLE_DIR.glob("*.yaml")):
        for p in _load(path):
            pid = p.get("id") if isinstance(p, dict) else None
            assert pid not in seen, f"id {pid!r} in both {seen.get(pid)} and {path.name}"
            seen[pid] = path.name


def test_role_schema_and_dates(people):
    for p in people:
        for r in p["roles"]:
            where = f"{p['id']}: {r}"
            assert isinstance(r, dict) and {"role", "country", "start"} <= set(r) <= ROLE_KEYS, where
            assert r["role"] in ROLES, where
            assert r["country"] in AU_COUNTRIES, where
            assert ("place" in r) == (r["role"] == "mayor"), f"{where}: place is for mayors only"
            start = _as_date(r["start"], where)
            if "end" in r:
                assert _as_date(r["end"], where) > start, f"{where}: end not after start"
            assert start <= dt.date(2026, 12, 31), where


def _spells(records: list[tuple[str, dict]], lenient: bool = False):
    """(role, country) -> [(start, end, person id)] with half-open [start, end) intervals."""
    spells = defaultdict(list)
    for pid, r in records:
        if r.get("role") in {"minister", "party_leader", "mayor"}:
            continue  # several holders at once by nature
        start = _as_date(r["start"], pid, lenient)
        end = _as_date(r["end"], pid, lenient) if r.get("end") is not None else dt.date.max
        spells[(r["role"], r["country"])].append((start, end, pid))
    return spells


def _overlaps(spells, only_ids=None):
    found = []
    for key, items in spells.items():
        items.sort()
        for i, (s1, e1, p1) in enumerate(items):
            for s2, e2, p2 in items[i + 1 :]:
                if s2 >= e1:
                    break
                if p1 != p2 and (only_ids is None or p1 in only_ids or p2 in only_ids):
                    found.append(f"{key}: {p1} [{s1}, {e1}) overlaps {p2} [{s2}, {e2})")
    return found


def test_no_overlapping_spells(people):
    records = [(p["id"], r) for p in people for r in p["roles"]]
    assert _overlaps(_spells(records)) == []


def test_no_overlap_with_other_people_files(people):
    ours = {p["id"] for p in people}
    records = [(p["id"], r) for p in people for r in p["roles"]]
    for path in PEOPLE_DIR.glob("*.yaml"):
        if path == AFRICA:
            continue
        for p in _load(path):
            for r in p.get("roles") or []:
                if r.get("country") in AU_COUNTRIES and r.get("role") in ROLES and "start" in r:
                    records.append((p["id"], r))
    assert _overlaps(_spells(records, lenient=True), only_ids=ours) == []


def test_same_person_spells_do_not_overlap(people):
    for p in people:
        by_key = defaultdict(list)
        for r in p["roles"]:
            start = _as_date(r["start"], p["id"])
            end = _as_date(r["end"], p["id"]) if "end" in r else dt.date.max
            by_key[(r["role"], r["country"], r.get("place"))].append((start, end))
        for key, items in by_key.items():
            items.sort()
            for (_, e1), (s2, _) in itertools.pairwise(items):
                assert s2 >= e1, f"{p['id']}: overlapping spells for {key}"


def test_coverage(people):
    countries = {p["country"] for p in people}
    assert countries == AU_COUNTRIES
    for country in AU_COUNTRIES:
        assert any(r["role"] == "head_of_state" and r["country"] == country for p in people for r in p["roles"]), (
            f"no head of state for {country}"
        )


@pytest.mark.parametrize(
    ("country", "day", "expected"),
    [
        ("CIV", dt.date(2009, 6, 1), "laurent-gbagbo"),
        ("CIV", dt.date(2015, 6, 1), "alassane-ouattara"),
        ("BFA", dt.date(2010, 6, 1), "blaise-compaore"),
        ("BFA", dt.date(2015, 3, 1), "michel-kafando"),
        ("BFA", dt.date(2023, 9, 13), "ibrahim-traore"),
        ("MLI", dt.date(2023, 1, 1), "assimi-goita"),
        ("NER", dt.date(2024, 1, 1), "abdourahamane-tiani"),
        ("SEN", dt.date(2024, 5, 1), "bassirou-diomaye-faye"),
    ],
)
def test_head_of_state_on_date(people, country, day, expected):
    holders = [
        p["id"]
        for p in people
        for r in p["roles"]
        if r["role"] == "head_of_state"
        and r["country"] == country
        and _as_date(r["start"], p["id"]) <= day < (_as_date(r["end"], p["id"]) if "end" in r else dt.date.max)
    ]
    assert holders == [expected]
