"""Structural checks of the people data files (every file but africa.yaml, which has its own).

Only pyyaml is used, so these checks do not depend on the actor loader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

PEOPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "telex" / "data" / "actors" / "people"
ACTORS_DIR = PEOPLE_DIR.parent
OTHER_FILES = ("africa.yaml",)  # checked by tests/test_people_africa.py; here for id uniqueness only
OWN_FILES = tuple(sorted(p.name for p in PEOPLE_DIR.glob("*.yaml") if p.name not in OTHER_FILES))

with open(ACTORS_DIR / "roles.yaml", encoding="utf-8") as _fh:
    ROLE_NAMES = set(yaml.safe_load(_fh)["roles"]) - {"leader"}  # leader is held by nobody
ORG_IDS = {
    entry["id"]
    for path in [ACTORS_DIR / "organizations.yaml", *sorted((ACTORS_DIR / "organizations").glob("*.yaml"))]
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []
}
# Roles held by one person at a time for a given country/organisation (and place).
# minister, party_leader, opposition_leader and foreign_ministry_spokesperson
# (China has several at once) may legitimately overlap.
SINGLE_HOLDER_ROLES = ROLE_NAMES - {
    "minister",
    "senior_official",
    "legislator",
    "party_leader",
    "opposition_leader",
    "foreign_ministry_spokesperson",
}
PLACE_ROLES = {"mayor", "speaker_of_parliament"}

PERSON_KEYS = {"id", "name", "country", "aliases", "roles"}
ROLE_KEYS = {"role", "country", "organization", "start", "end", "place"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _load(name: str) -> list[dict]:
    with open(PEOPLE_DIR / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), f"{name}: top level must be a list"
    return data


@pytest.fixture(scope="module")
def own() -> dict[str, list[dict]]:
    return {name: _load(name) for name in OWN_FILES}


def _people(own: dict[str, list[dict]]):
    for fname, people in own.items():
        for person in people:
            yield fname, person


def _to_date(value, *, field: str, where: str) -> dt.date:
    """Parse a YYYY-MM-DD date (or partial YYYY-MM / YYYY string) to its first day."""
    if isinstance(value, dt.datetime):
        raise AssertionError(f"{where}: {field} has a time part: {value!r}")
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str) and DATE_RE.match(value), (
        f"{where}: {field} must be YYYY-MM-DD, 'YYYY-MM' or 'YYYY', got {value!r}"
    )
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts)


def test_files_exist_and_are_lists(own):
    for name, people in own.items():
        assert people, f"{name} is empty"


def test_person_schema(own):
    errors = []
    for fname, p in _people(own):
        where = f"{fname}:{p.get('id')}"
        if not isinstance(p, dict):
            errors.append(f"{fname}: entry is not a mapping: {p!r}")
            continue
        keys = set(p)
        if keys != PERSON_KEYS:
            errors.append(f"{where}: keys {sorted(keys)} != {sorted(PERSON_KEYS)}")
            continue
        if not isinstance(p["id"], str) or not ID_RE.match(p["id"]):
            errors.append(f"{where}: bad id")
        if not isinstance(p["name"], str) or not p["name"].strip():
            errors.append(f"{where}: bad name")
        if not isinstance(p["country"], str) or not ISO3_RE.match(p["country"]):
            errors.append(f"{where}: country must be ISO 3166-1 alpha-3")
        if not isinstance(p["roles"], list):
            errors.append(f"{where}: roles must be a list")
    assert not errors, "\n".join(errors)


def test_aliases(own):
    errors = []
    for fname, p in _people(own):
        where = f"{fname}:{p['id']}"
        aliases = p["aliases"]
        if not isinstance(aliases, dict) or not aliases or not set(aliases) <= {"fr", "en"}:
            errors.append(f"{where}: aliases must map fr/en to lists")
            continue
        for lang, names in aliases.items():
            if not isinstance(names, list) or not names:
                errors.append(f"{where}: aliases.{lang} must be a non-empty list")
                continue
            for alias in names:
                if not isinstance(alias, str) or not alias.strip() or alias != alias.strip():
                    errors.append(f"{where}: bad alias {alias!r}")
                elif "\u2019" in alias:
                    errors.append(f"{where}: alias {alias!r} uses \u2019 instead of '")
            if len(set(names)) != len(names):
                errors.append(f"{where}: duplicate aliases in {lang}: {names}")
    assert not errors, "\n".join(errors)


def test_alias_not_shared_between_people(own):
    owners: dict[str, set[str]] = defaultdict(set)
    for _, p in _people(own):
        for names in p["aliases"].values():
            for alias in names:
                owners[alias.casefold()].add(p["id"])
    clashes = {a: sorted(ids) for a, ids in owners.items() if len(ids) > 1}
    assert not clashes, f"aliases shared by several people: {clashes}"


def test_roles_schema_and_dates(own):
    errors = []
    for fname, p in _people(own):
        for r in p["roles"]:
            where = f"{fname}:{p['id']}:{r!r}"
            if not isinstance(r, dict):
                errors.append(f"{where}: role must be a mapping")
                continue
            if not set(r) <= ROLE_KEYS or "role" not in r or "start" not in r:
                errors.append(f"{where}: bad keys {sorted(r)}")
                continue
            if r["role"] not in ROLE_NAMES:
                errors.append(f"{where}: unknown role name")
            has_country, has_org = "country" in r, "organization" in r
            if has_country == has_org:
                errors.append(f"{where}: exactly one of country / organization")
            elif has_country and not (isinstance(r["country"], str) and ISO3_RE.match(r["country"])):
                errors.append(f"{where}: bad country")
            elif has_org and r["organization"] not in ORG_IDS:
                errors.append(f"{where}: unknown organization")
            if r["role"] in PLACE_ROLES and not r.get("place"):
                errors.append(f"{where}: {r['role']} needs a place")
            if "place" in r and r["role"] not in PLACE_ROLES:
                errors.append(f"{where}: place only for {sorted(PLACE_ROLES)}")
            try:
                start = _to_date(r["start"], field="start", where=where)
                if "end" in r:
                    end = _to_date(r["end"], field="end", where=where)
                    if end < start:
                        errors.append(f"{where}: end before start")
            except AssertionError as exc:
                errors.append(str(exc))
    assert not errors, "\n".join(errors)


def test_unique_ids_across_people_files(own):
    seen: dict[str, str] = {}
    dupes = []
    files = dict(own)
    for name in OTHER_FILES:
        if (PEOPLE_DIR / name).exists():
            files[name] = _load(name)
    for fname, people in files.items():
        for p in people:
            pid = p.get("id") if isinstance(p, dict) else None
            if pid in seen:
                dupes.append(f"{pid} in {seen[pid]} and {fname}")
            else:
                seen[pid] = fname
    assert not dupes, "duplicate ids: " + "; ".join(dupes)


def test_no_overlapping_spells(own):
    spells: dict[tuple, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    far_future = dt.date(9999, 12, 31)
    for fname, p in _people(own):
        for r in p["roles"]:
            if r["role"] not in SINGLE_HOLDER_ROLES:
                continue
            key = (r["role"], r.get("country") or r.get("organization"), r.get("place"))
            where = f"{fname}:{p['id']}"
            start = _to_date(r["start"], field="start", where=where)
            end = _to_date(r["end"], field="end", where=where) if "end" in r else far_future
            spells[key].append((start, end, p["id"]))
    overlaps = []
    for key, items in spells.items():
        items.sort()
        # intervals are half-open: a successor may start on the predecessor's end day;
        # compare each spell with the latest-ending earlier spell, not just its neighbour.
        s1, e1, id1 = items[0]
        for s2, e2, id2 in items[1:]:
            if s2 < e1:
                overlaps.append(f"{key}: {id1} [{s1}, {e1}) overlaps {id2} [{s2}, {e2})")
            if e2 > e1:
                s1, e1, id1 = s2, e2, id2
    assert not overlaps, "\n".join(overlaps)
