"""The actor knowledge base: countries, organisations, people and role nouns, loaded and validated.

The data are YAML files analysts edit (``telex/data/actors/``; schema and rules in
docs/knowledge-base.md). :func:`load_knowledge` reads them once per process, checks every
cross-reference, date and code, and builds the indexes the resolver needs, so that no work is
left per document. Every validation failure is a :class:`~telex.errors.KnowledgeError` naming
the file, the entry (id or position) and the field.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from telex.errors import KnowledgeError
from telex.knowledge import Knowledge, check_keys, default_knowledge, problem, string_list

RESOURCE = "actors"
WORDS_RESOURCE = "actor-words"
LANGS = ("fr", "en")
COUNTRY, ORGANIZATION, GROUP, PERSON = "country", "organization", "group", "person"
STATUSES = ("member", "observer", "territory")
FORM_KINDS = ("name", "alias", "demonym", "capital", "seat", "nickname")
CAMEO_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
ISO3, ISO2 = re.compile(r"^[A-Z]{3}$"), re.compile(r"^[A-Z]{2}$")
ORG_ID = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
FORMER_SECTOR = "ELI"  # CAMEO "elites": what a person who has left every office is coded as


# --- records -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleSpell:
    """One person holding one role, for a country or an organisation, over ``start <= day < end``
    (``end`` None: still in office; ``start`` None: since before the records)."""

    role: str
    start: date | None
    end: date | None
    country: str | None = None
    organization: str | None = None
    # the same bounds as written but taken at their most restrictive ("2014-10" as a start: the
    # 31st, as an end: the 1st); two spells conflict only if they overlap even so
    start_latest: date | None = None
    end_earliest: date | None = None

    def active_on(self, on: date) -> bool:
        if self.start is not None and on < self.start:
            return False
        if self.end is None or on < self.end:
            return True
        return self.start == self.end == on  # a one-day spell


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat of power standing for a government ("le Kremlin"), with the code it implies."""

    name: str
    code: str


@dataclass(frozen=True, slots=True, eq=False)
class KnownActor:
    """A country, organisation, armed group or person of the knowledge base.

    ``names`` holds the names/aliases per language; the country-only fields are empty for the
    others. Compared by identity: one object per id in a loaded knowledge base.
    """

    id: str
    name: str
    type: str  # country | organization | group | person
    country: str | None  # iso3: itself for a country, the base for a group, nationality for a person
    code: str | None  # the code that does not depend on the date (a person's: their country's)
    names: Mapping[str, tuple[str, ...]]
    source: str
    ambiguous: bool = False
    roles: tuple[RoleSpell, ...] = ()
    iso2: str | None = None
    status: str | None = None
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    capitals: tuple[str, ...] = ()
    seats: Mapping[str, tuple[Seat, ...]] = field(default_factory=dict)
    nicknames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    part_of: str | None = None

    def all_aliases(self) -> tuple[str, ...]:
        """The canonical name and every name/alias in every language, without repeats."""
        return tuple(dict.fromkeys([self.name, *(n for names in self.names.values() for n in names)]))


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """A string that names an actor. ``lang`` None: any language (capitals).
    ``code``: the CAMEO code the form implies (a seat's override, else the actor's fixed code;
    None for people, whose code depends on the date: see :meth:`KnowledgeBase.code_on`)."""

    text: str
    actor_id: str
    kind: str  # name | alias | demonym | capital | seat | nickname
    lang: str | None
    code: str | None


@dataclass(frozen=True, slots=True)
class RoleDef:
    """A role a person can hold ("head_of_state"), its CAMEO sector and its nouns per language."""

    name: str
    sector: str
    nouns: Mapping[str, tuple[str, ...]]
    fallback: tuple[str, ...] = ()
    holders: str = "one"  # one | many | world: one per country, several at once, one in the world


@dataclass(frozen=True, slots=True)
class InstitutionDef:
    """A state body the press names by a generic noun ("le ministère chinois des Affaires
    étrangères", "la justice algérienne"): with a country it is the actor
    "<English demonym> <name>" ("Chinese Ministry of Foreign Affairs"), coded <country><sector>."""

    key: str  # "foreign_ministry"
    name: str  # English, without the country: "Ministry of Foreign Affairs"
    sector: str  # CAMEO sector appended to the country code: "GOV"
    nouns: Mapping[str, tuple[str, ...]]
    source: str = "roles.yaml"


@dataclass(frozen=True, slots=True)
class GroupDef:
    """A group noun that is an actor by itself, without a country ("les jihadistes", "des hommes
    armés"): one actor per document, named ``name`` and coded ``code``. ``actor``: the id of the
    organisation the noun stands for ("les démocrates" → the US Democratic Party), whose name and
    code it then takes. ``case_sensitive``: match the nouns only as written ("républicains", not
    the French party "Les Républicains")."""

    key: str
    name: str
    code: str
    nouns: Mapping[str, tuple[str, ...]]
    actor: str | None = None
    case_sensitive: bool = False
    source: str = "roles.yaml"


# --- the knowledge base ------------------------------------------------------------------------


class KnowledgeBase:
    """Everything :func:`load_knowledge` read, indexed for the resolver. Read-only."""

    def __init__(
        self,
        actors: Mapping[str, KnownActor],
        roles: Mapping[str, RoleDef],
        agents: Mapping[str, Mapping[str, str]],
        *,
        institutions: Mapping[str, InstitutionDef] | None = None,
        groups: Mapping[str, GroupDef] | None = None,
        sector_names: Mapping[str, str] | None = None,
        definite_article: Sequence[str] = (),
        home_agents: Mapping[str, Iterable[str]] | None = None,
        countryless_sectors: Iterable[str] = (),
    ) -> None:
        self.actors: Mapping[str, KnownActor] = actors
        self.roles: Mapping[str, RoleDef] = roles
        self.institutions: Mapping[str, InstitutionDef] = institutions or {}
        self.groups: Mapping[str, GroupDef] = groups or {}
        self.sector_names: Mapping[str, str] = sector_names or {}
        self._agents = agents
        self._with_article = frozenset(definite_article)
        self._home_agents = {lang: frozenset(nouns) for lang, nouns in (home_agents or {}).items()}
        # "des hommes armés", "les jihadistes" with no country in sight: the group of the same noun
        self.countryless_sectors: frozenset[str] = frozenset(countryless_sectors)
        self._institution_nouns = {
            lang: {noun: inst for inst in self.institutions.values() for noun in inst.nouns.get(lang, ())}
            for lang in LANGS
        }
        self._group_nouns = {
            lang: {noun: group for group in self.groups.values() for noun in group.nouns.get(lang, ())}
            for lang in LANGS
        }
        self._role_order = {name: index for index, name in enumerate(roles)}
        self._narrower: dict[str, frozenset[str]] = {}
        self._holders: dict[tuple[str, str | None, str | None], list[tuple[RoleSpell, KnownActor]]] = {}
        for actor in actors.values():
            for spell in actor.roles:
                self._holders.setdefault((spell.role, spell.country, spell.organization), []).append((spell, actor))
        self._forms = tuple(_surface_forms(actors))
        self._demonyms: dict[str, str] = {}
        for form in self._forms:
            if form.kind == "demonym":
                self._demonyms.setdefault(form.text.casefold(), form.actor_id)
        self._role_nouns = {
            lang: {noun: role.name for role in roles.values() for noun in role.nouns.get(lang, ())} for lang in LANGS
        }
        from telex.clean.normalize import fold

        self._by_folded_name: dict[str, list[str]] = {}  # what a user types, accents and case aside
        for form in self._forms:
            if form.kind in ("name", "alias", "nickname"):
                ids = self._by_folded_name.setdefault(fold(form.text), [])
                if form.actor_id not in ids:
                    ids.append(form.actor_id)

    def __repr__(self) -> str:
        counts = {}
        for actor in self.actors.values():
            counts[actor.type] = counts.get(actor.type, 0) + 1
        return f"KnowledgeBase({counts}, roles={len(self.roles)})"

    def surface_forms(self, lang: str | None = None) -> Iterator[SurfaceForm]:
        """Every string to match, with its actor, kind, language and implied code. With ``lang``,
        only that language's forms and the language-free ones (capitals). Forms of entries marked
        ``ambiguous`` come after all others, so "first actor wins" prefers the unmarked entry."""
        for form in self._forms:
            if lang is None or form.lang is None or form.lang == lang:
                yield form

    def role_holders(
        self, role: str, country: str | None, on: date, organization: str | None = None
    ) -> list[KnownActor]:
        """The people holding ``role`` for ``country`` (or ``organization``) on ``on``. When nobody
        does, the role's ``fallback`` roles are tried in order ("leader" → "head_of_state")."""
        seen: set[str] = set()
        pending = [role]
        while pending:
            current = pending.pop(0)
            if current in seen or current not in self.roles:
                continue
            seen.add(current)
            holders = [
                actor for spell, actor in self._holders.get((current, country, organization), ()) if spell.active_on(on)
            ]
            if holders and self.roles[current].holders != "many":
                # two at once only through imprecise dates ("2024-08"): the successor wins
                return [max(holders, key=lambda a: (self._latest_start(a, current, country, organization, on), a.id))]
            if holders:
                return sorted(set(holders), key=lambda a: a.id)
            pending.extend(self.roles[current].fallback)
        return []

    def _latest_start(
        self, actor: KnownActor, role: str, country: str | None, organization: str | None, on: date
    ) -> date:
        starts = [
            s.start or date.min
            for s in actor.roles
            if s.role == role and s.country == country and s.organization == organization and s.active_on(on)
        ]
        return max(starts, default=date.min)

    def sole_holder(self, role: str, on: date) -> KnownActor | None:
        """The one person holding ``role`` anywhere on ``on`` ("le guide suprême"), if only one does."""
        found = {
            actor.id: actor
            for (name, _country, _organization), spells in self._holders.items()
            if name == role
            for spell, actor in spells
            if spell.active_on(on)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def narrower_roles(self, role: str) -> frozenset[str]:
        """``role`` and the roles named by its noun with a complement: "ministre" covers "ministre
        des Affaires étrangères", so "le ministre iranien" may be the foreign minister named before."""
        cached = self._narrower.get(role)
        if cached is not None:
            return cached
        found = {role}
        general = self.roles.get(role)
        for lang, nouns in general.nouns.items() if general is not None else ():
            heads = {noun.lower() for noun in nouns if " " not in noun}
            for other in self.roles.values():
                if any(noun.lower().split(" ", 1)[0] in heads for noun in other.nouns.get(lang, ()) if " " in noun):
                    found.add(other.name)
        self._narrower[role] = frozenset(found)
        return self._narrower[role]

    def roles_on(self, actor_id: str, on: date | None = None) -> list[RoleSpell]:
        """The roles the actor held that day (today when ``on`` is None), most important first."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return []
        day = on or date.today()
        spells = [spell for spell in actor.roles if spell.active_on(day)]
        return sorted(spells, key=lambda s: self._role_order.get(s.role, len(self._role_order)))

    def code_on(self, actor_id: str, on: date | None = None) -> str | None:
        """The CAMEO code valid that day (today when ``on`` is None).

        Countries and organisations: their ``cameo``. A person in office: the organisation's code
        for an organisation role, else <country cameo><role sector> of the most important role
        held that day ("RUSGOV"). A person out of office after holding a national role:
        <country cameo>ELI (CAMEO's code for former officials); never in office yet: the country
        code alone; no country: None.
        """
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.type != PERSON:
            return actor.code
        day = on or date.today()
        for spell in self.roles_on(actor_id, day):
            if spell.organization is not None:
                return self.actors[spell.organization].code
            return f"{self.actors[spell.country].code}{self.roles[spell.role].sector}"
        if actor.country is None:
            return None
        former = any(s.country is not None and s.start is not None and s.start <= day for s in actor.roles)
        home = self.actors[actor.country].code
        return f"{home}{FORMER_SECTOR}" if former else home

    def actors_named(self, text: str) -> list[str]:
        """Ids of the actors any name, alias or nickname of which is ``text``, accents and case
        ignored ("Poutine", "putin", "Vladimir Poutine" → vladimir-putin). Indexed once, so a query
        command answers without scanning every form."""
        from telex.clean.normalize import fold

        return list(self._by_folded_name.get(fold(text), ()))

    def country_of_demonym(self, word: str) -> str | None:
        """The iso3 of a demonym in either language, case-insensitive ("Nord-Coréenne" → "PRK")."""
        return self._demonyms.get(word.casefold())

    def role_nouns(self, lang: str) -> dict[str, str]:
        """Role noun phrase → role name, for one language ("chef de la diplomatie" → "foreign_minister")."""
        return dict(self._role_nouns.get(lang, {}))

    def agent_nouns(self, lang: str) -> dict[str, str]:
        """Generic group noun → CAMEO sector, for one language ("armée" → "MIL")."""
        return dict(self._agents.get(lang, {}))

    def home_agents(self, lang: str) -> frozenset[str]:
        """Agent nouns that, named alone, are the article's own country's ("le gouvernement",
        "l'exécutif" in domestic news): the knowledge file lists them."""
        return self._home_agents.get(lang, frozenset())

    def sector_of_role(self, role: str) -> str | None:
        definition = self.roles.get(role)
        return definition.sector if definition else None

    def institution_nouns(self, lang: str) -> dict[str, InstitutionDef]:
        """Institution noun phrase → its definition, for one language ("ministère des Affaires
        étrangères" → foreign_ministry). Matched case-insensitively, like role nouns."""
        return dict(self._institution_nouns.get(lang, {}))

    def institution_name(self, definition: InstitutionDef, country_id: str) -> str:
        """The English name of a country's institution: "<first English demonym> <name>"
        ("Chinese Ministry of Foreign Affairs"); "<name> of <country>" for a territory without one."""
        country = self.actors[country_id]
        demonyms = country.demonyms.get("en") or ()
        if demonyms:
            return f"{demonyms[0]} {definition.name}"
        return f"{definition.name} of {self._country_in_text(country)}"

    def group_nouns(self, lang: str) -> dict[str, GroupDef]:
        """Group noun → its definition, for one language ("jihadistes" → jihadists, UAFMUS)."""
        return dict(self._group_nouns.get(lang, {}))

    def sector_name(self, country_id: str, sector: str) -> str:
        """The English name of a country's sector actor, from ``sector_names`` in roles.yaml
        ("FRA", "GOV" → "Government of France"; "FRA", "MIL" → "French Armed Forces"). A compound
        sector without its own template takes its first sector's ("REBMUS" → REB's); a sector with
        none at all gives "<country> (<sector>)"."""
        country = self.actors[country_id]
        template = self.sector_names.get(sector) or self.sector_names.get(sector[:3])
        if template is None:
            return f"{country.name} ({sector})"
        return fill_sector_template(template, country, self._with_article)

    def _country_in_text(self, country: KnownActor) -> str:
        return f"the {country.name}" if country.name in self._with_article else country.name


SECTOR_PLACEHOLDERS = ("country", "demonym")


def fill_sector_template(template: str, country: KnownActor, with_article: frozenset[str] = frozenset()) -> str:
    """``{country}``: the English name, after "the" when the name takes it and does not open the
    name ("Government of the United Kingdom"); ``{demonym}``: the first English demonym, or the
    country's name when it has none."""
    demonyms = country.demonyms.get("en") or ()
    name = country.name
    if country.name in with_article and not template.startswith("{country}"):
        name = f"the {country.name}"
    return template.format(country=name, demonym=demonyms[0] if demonyms else country.name)


def _surface_forms(actors: Mapping[str, KnownActor]) -> Iterator[SurfaceForm]:
    ordered = sorted(actors.values(), key=lambda a: a.ambiguous)  # stable: file order otherwise
    for actor in ordered:
        yield from _forms_of(actor)


def _forms_of(actor: KnownActor) -> Iterator[SurfaceForm]:
    code = actor.code if actor.type != PERSON else None
    kind = "name" if actor.type == COUNTRY else "alias"
    listed = {n for names in actor.names.values() for n in names}
    if actor.name not in listed:
        yield SurfaceForm(actor.name, actor.id, "name", "en", code)
    for lang, names in actor.names.items():
        for text in names:
            yield SurfaceForm(text, actor.id, "name" if text == actor.name else kind, lang, code)
    for lang, words in actor.demonyms.items():
        for text in words:
            yield SurfaceForm(text, actor.id, "demonym", lang, code)
    for text in actor.capitals:
        yield SurfaceForm(text, actor.id, "capital", None, code)
    for lang, seats in actor.seats.items():
        for seat in seats:
            yield SurfaceForm(seat.name, actor.id, "seat", lang, seat.code)
    for lang, words in actor.nicknames.items():
        for text in words:
            yield SurfaceForm(text, actor.id, "nickname", lang, code)


# --- loading -----------------------------------------------------------------------------------


def load_knowledge(extra_dirs: Sequence[Path | str] = (), knowledge: Knowledge | None = None) -> KnowledgeBase:
    """The actors of the knowledge layers: the packaged files, then the analysts' folders of
    ``$TELEX_KNOWLEDGE`` and of ``extra_dirs`` (each mirroring ``data/``: ``actors/countries.yaml``,
    ``actors/people/*.yaml``...). A later layer's entries replace those with the same id and add the
    others. Validated and indexed once, and kept compiled on disk between runs."""
    knowledge = default_knowledge(knowledge).with_folders(extra_dirs)
    return knowledge.compiled((RESOURCE,), lambda: _build_knowledge_base(knowledge), on_disk=True)


def _build_knowledge_base(knowledge: Knowledge) -> KnowledgeBase:
    tables = _RoleTables()
    entries: dict[str, tuple[str, dict[str, Any]]] = {}  # id → (kind, raw entry with its file)
    layer: dict[str, tuple[str, dict[str, Any]]] = {}
    current_layer = 0
    for file, data in knowledge.yaml_files(RESOURCE):
        if file.layer != current_layer:
            entries.update(layer)  # a later folder replaces entries with the same id
            layer, current_layer = {}, file.layer
        name = file.relative.split("/", 1)[1]
        if name == "roles.yaml":
            _read_roles(data, file.label, tables)
        else:
            kind = COUNTRY if name == "countries.yaml" else ORGANIZATION if name.startswith("organizations") else PERSON
            _read_entries(data, file.label, kind, layer)
    entries.update(layer)
    _check_roles(tables)
    actors = _build_actors(entries, tables.roles)
    groups = _check_groups(tables, actors)
    articles = _check_definite_article(tables, actors)
    problems = _overlaps(actors, tables.roles) + _collisions(actors)
    if problems:
        more = f"\n({len(problems) - 1} more problems:)\n" + "\n".join(problems[1:]) if len(problems) > 1 else ""
        error = KnowledgeError(problems[0] + more)
        error.problems = problems  # every problem, one line each, for tools that list them all
        raise error
    return KnowledgeBase(
        actors,
        tables.roles,
        tables.agents,
        institutions=tables.institutions,
        groups=groups,
        sector_names={sector: template for sector, (template, _source) in tables.sector_names.items()},
        definite_article=articles,
        home_agents=tables.home_agents,
        countryless_sectors=tuple(tables.countryless_sectors),
    )


def _fail(path: Path | str, entry: str, field_name: str, message: str) -> KnowledgeError:
    return problem(path, entry, field_name, message)


def _read_entries(data: Any, path: str, kind: str, layer: dict[str, tuple[str, dict[str, Any]]]) -> None:
    if data is None:
        return
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}: expected a list of entries, got {type(data).__name__}")
    key = "iso3" if kind == COUNTRY else "id"
    for index, raw in enumerate(data):
        where = f"entry #{index + 1}"
        if not isinstance(raw, dict):
            raise _fail(path, where, key, "entry is not a mapping")
        ident = raw.get(key)
        if not isinstance(ident, str) or not ident:
            raise _fail(path, where, key, "missing or not a string")
        if ident in layer:
            first = layer[ident][1]["_file"]
            raise _fail(path, f"entry {ident!r}", key, f"duplicate id (first defined in {first})")
        layer[ident] = (kind, {**raw, "_file": str(path), "_index": index + 1})


ROLES_FILE_KEYS = (
    "roles",
    "agents",
    "home_agents",
    "institutions",
    "groups",
    "sector_names",
    "definite_article",
    "countryless_sectors",
)
INSTITUTION_KEYS = ("sector", "name", "fr", "en")
GROUP_KEYS = ("name", "code", "actor", "case_sensitive", "fr", "en")


@dataclass
class _RoleTables:
    """What the roles.yaml files of every layer add up to, with where each item came from."""

    roles: dict[str, RoleDef] = field(default_factory=dict)
    role_sources: dict[str, str] = field(default_factory=dict)
    agents: dict[str, dict[str, str]] = field(default_factory=lambda: {lang: {} for lang in LANGS})
    agent_sources: dict[tuple[str, str], str] = field(default_factory=dict)
    institutions: dict[str, InstitutionDef] = field(default_factory=dict)
    groups: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)  # raw: checked once actors exist
    sector_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # sector → (template, source)
    definite_article: dict[str, str] = field(default_factory=dict)  # country name → source
    home_agents: dict[str, set[str]] = field(default_factory=lambda: {lang: set() for lang in LANGS})
    countryless_sectors: dict[str, str] = field(default_factory=dict)  # sector → source


def _read_roles(data: Any, path: str, tables: _RoleTables) -> None:
    data = data or {}
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping with 'roles' and 'agents'")
    check_keys(data, ROLES_FILE_KEYS, path, None)
    for name, raw in _mapping(data, "roles", path).items():
        where = f"role {name!r}"
        if not isinstance(name, str) or not ROLE_NAME.match(name):
            raise _fail(path, where, "name", "role names are lower_snake_case")
        if not isinstance(raw, dict):
            raise _fail(path, where, "roles", "expected a mapping")
        sector = raw.get("sector")
        if not isinstance(sector, str) or not CAMEO_CODE.match(sector):
            raise _fail(path, where, "sector", f"not a CAMEO code of 3-letter groups: {sector!r}")
        fallback = raw.get("fallback") or []
        fallback = [fallback] if isinstance(fallback, str) else fallback
        holders = raw.get("holders", "one")
        if holders not in ("one", "many", "world"):
            raise _fail(path, where, "holders", f"expected 'one', 'many' or 'world', got {holders!r}")
        nouns = {lang: _strings(raw.get(lang) or [], path, where, lang) for lang in LANGS}
        tables.roles[name] = RoleDef(name, sector, nouns, tuple(fallback), holders)
        tables.role_sources[name] = path
    for lang, table in _mapping(data, "agents", path).items():
        if lang not in LANGS or not isinstance(table, dict):
            raise _fail(path, "agents", str(lang), f"expected a mapping for one of {LANGS}")
        for noun, sector in table.items():
            if not isinstance(sector, str) or not CAMEO_CODE.match(sector):
                raise _fail(path, f"agent {noun!r}", lang, f"not a CAMEO code of 3-letter groups: {sector!r}")
            tables.agents[lang][str(noun)] = sector
            tables.agent_sources[(lang, str(noun))] = path
    for key, raw in _mapping(data, "institutions", path).items():
        where = f"institution {key!r}"
        if not isinstance(key, str) or not ROLE_NAME.match(key):
            raise _fail(path, where, "name", "institution keys are lower_snake_case")
        if not isinstance(raw, dict):
            raise _fail(path, where, "institutions", "expected a mapping {sector, name, fr, en}")
        check_keys(raw, INSTITUTION_KEYS, path, where)
        sector = _code(raw, "sector", path, where)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, where, "name", "missing: the English name without the country")
        nouns = {lang: _strings(raw.get(lang) or [], path, where, lang) for lang in LANGS}
        if not any(nouns.values()):
            raise _fail(path, where, "fr", "no nouns at all: give at least one")
        tables.institutions[key] = InstitutionDef(key, name.strip(), sector, nouns, path)
    for key, raw in _mapping(data, "groups", path).items():
        where = f"group {key!r}"
        if not isinstance(key, str) or not ROLE_NAME.match(key):
            raise _fail(path, where, "name", "group keys are lower_snake_case")
        if not isinstance(raw, dict):
            raise _fail(path, where, "groups", "expected a mapping {name, code, fr, en}")
        check_keys(raw, GROUP_KEYS, path, where)
        tables.groups[key] = (raw, path)
    for sector, template in _mapping(data, "sector_names", path).items():
        where = f"sector name {sector!r}"
        if not isinstance(sector, str) or not CAMEO_CODE.match(sector):
            raise _fail(path, where, "sector_names", f"not a CAMEO sector of 3-letter groups: {sector!r}")
        _check_template(template, path, where)
        tables.sector_names[sector] = (template, path)
    for name in string_list(data.get("definite_article"), path, None, "definite_article"):
        tables.definite_article[name] = path
    for sector in string_list(data.get("countryless_sectors"), path, None, "countryless_sectors"):
        if not CAMEO_CODE.match(sector) or len(sector) != 3:
            raise _fail(path, "countryless_sectors", sector, "not a CAMEO sector (three capital letters)")
        tables.countryless_sectors[sector] = path
    for lang, nouns in _mapping(data, "home_agents", path).items():
        if lang not in LANGS:
            raise _fail(path, "home_agents", str(lang), f"expected one of {LANGS}")
        for noun in string_list(nouns, path, "home_agents", str(lang)):
            if noun not in tables.agents[lang]:
                raise _fail(path, "home_agents", lang, f"{noun!r} is not an agent noun (list it under 'agents')")
            tables.home_agents[lang].add(noun)


def _mapping(data: dict[str, Any], key: str, path: str) -> dict[Any, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise _fail(path, key, key, "expected a mapping")
    return value


def _check_template(template: Any, path: str, where: str) -> None:
    """A sector name template: English text with {country} and/or {demonym}, nothing else."""
    if not isinstance(template, str) or not template.strip():
        raise _fail(path, where, "template", "expected a non-empty string")
    try:
        fields = [(name, spec, conversion) for _text, name, spec, conversion in string.Formatter().parse(template)]
    except ValueError as error:
        raise _fail(path, where, "template", f"malformed template {template!r} ({error})") from None
    names = [name for name, _spec, _conversion in fields if name is not None]
    for name, spec, conversion in fields:
        if name is not None and (name not in SECTOR_PLACEHOLDERS or spec or conversion):
            allowed = ", ".join("{" + p + "}" for p in SECTOR_PLACEHOLDERS)
            raise _fail(path, where, "template", f"unknown placeholder {{{name}}} in {template!r} (allowed: {allowed})")
    if not names:
        raise _fail(path, where, "template", f"{template!r} names no country: use {{country}} or {{demonym}}")


def _check_roles(tables: _RoleTables) -> None:
    roles = tables.roles
    owner: dict[tuple[str, str], str] = {}
    for role in roles.values():
        source = tables.role_sources.get(role.name, "roles.yaml")
        for target in role.fallback:
            if target not in roles:
                raise _fail(source, f"role {role.name!r}", "fallback", f"unknown role {target!r}")
        for lang, nouns in role.nouns.items():
            for noun in nouns:
                other = owner.setdefault((lang, noun.casefold()), role.name)
                if other != role.name:
                    raise _fail(
                        source, f"role {role.name!r}", lang, f"noun {noun!r} is also listed under role {other!r}"
                    )
    institution_of: dict[tuple[str, str], str] = {}
    for institution in tables.institutions.values():
        where = f"institution {institution.key!r}"
        for lang, nouns in institution.nouns.items():
            for noun in nouns:
                role = owner.get((lang, noun.casefold()))
                if role is not None:
                    raise _fail(
                        institution.source,
                        where,
                        lang,
                        f"noun {noun!r} is also a noun of role {role!r}: a noun names either a post or a body",
                    )
                other = institution_of.setdefault((lang, noun.casefold()), institution.key)
                if other != institution.key:
                    raise _fail(
                        institution.source, where, lang, f"noun {noun!r} is also listed under institution {other!r}"
                    )
    # every sector an actor can be built with needs a name
    known = tables.sector_names
    used: list[tuple[str, str, str, str]] = [
        (role.sector, tables.role_sources.get(role.name, "roles.yaml"), f"role {role.name!r}", "sector")
        for role in roles.values()
    ]
    used += [
        (sector, tables.agent_sources.get((lang, noun), "roles.yaml"), f"agent {noun!r}", lang)
        for lang, table in tables.agents.items()
        for noun, sector in table.items()
    ]
    used += [(inst.sector, inst.source, f"institution {inst.key!r}", "sector") for inst in tables.institutions.values()]
    used += [(sector, source, "countryless_sectors", sector) for sector, source in tables.countryless_sectors.items()]
    for sector, source, where, field_name in used:
        if sector not in known and sector != FORMER_SECTOR:
            raise _fail(source, where, field_name, f"unknown sector {sector!r}: add its English name to sector_names")
    if FORMER_SECTOR not in known:
        raise _fail("roles.yaml", "sector_names", FORMER_SECTOR, "missing: people out of office are coded with it")


def _check_groups(tables: _RoleTables, actors: Mapping[str, KnownActor]) -> dict[str, GroupDef]:
    groups: dict[str, GroupDef] = {}
    owner: dict[tuple[str, str], str] = {}
    role_of = {
        (lang, noun.casefold()): r.name for r in tables.roles.values() for lang, ns in r.nouns.items() for noun in ns
    }
    for key, (raw, path) in tables.groups.items():
        where = f"group {key!r}"
        actor_id = raw.get("actor")
        if actor_id is not None:
            actor = actors.get(actor_id) if isinstance(actor_id, str) else None
            if actor is None or actor.type not in (ORGANIZATION, GROUP):
                raise _fail(path, where, "actor", f"unknown organisation id {actor_id!r}")
            for field_name in ("name", "code"):
                if field_name in raw:
                    raise _fail(path, where, field_name, f"given by the actor {actor_id!r}: leave it out")
            name, code = actor.name, actor.code or ""
        else:
            name = raw.get("name")
            if not isinstance(name, str) or not name.strip():
                raise _fail(path, where, "name", 'missing: the English name of the group ("jihadists")')
            code = _code(raw, "code", path, where) or ""
        case_sensitive = raw.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            raise _fail(path, where, "case_sensitive", f"expected true or false, got {case_sensitive!r}")
        nouns = {lang: _strings(raw.get(lang) or [], path, where, lang) for lang in LANGS}
        if not any(nouns.values()):
            raise _fail(path, where, "fr", "no nouns at all: give at least one")
        for lang, words in nouns.items():
            for noun in words:
                role = role_of.get((lang, noun.casefold()))
                if role is not None:
                    raise _fail(path, where, lang, f"noun {noun!r} is also a noun of role {role!r}")
                other = owner.setdefault((lang, noun if case_sensitive else noun.casefold()), key)
                if other != key:
                    raise _fail(path, where, lang, f"noun {noun!r} is also listed under group {other!r}")
        groups[key] = GroupDef(key, name.strip(), code, nouns, actor_id, case_sensitive, path)
    return groups


def _check_definite_article(tables: _RoleTables, actors: Mapping[str, KnownActor]) -> tuple[str, ...]:
    names = {actor.name for actor in actors.values() if actor.type == COUNTRY}
    for name, source in tables.definite_article.items():
        if name not in names:
            raise _fail(source, "definite_article", "definite_article", f"{name!r} is not the name of a country")
    return tuple(tables.definite_article)


def _strings(value: Any, path: str | Path, where: str, field_name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, field_name, "expected a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _by_lang(
    raw: dict[str, Any], key: str, path: str, where: str, required: bool = False
) -> dict[str, tuple[str, ...]]:
    value = raw.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, where, key, "expected a mapping {fr: [...], en: [...]}")
    out = {}
    for lang, items in value.items():
        if lang not in LANGS:
            raise _fail(path, where, f"{key}.{lang}", f"unknown language, expected one of {LANGS}")
        out[lang] = _strings(items or [], path, where, f"{key}.{lang}")
    if required and not any(out.values()):
        raise _fail(path, where, key, "no names at all: give at least one")
    return out


def _code(raw: dict[str, Any], key: str, path: str, where: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not CAMEO_CODE.match(value):
        raise _fail(path, where, key, f"not a CAMEO code of 3-letter groups: {value!r}")
    return value


def _build_actors(
    entries: Mapping[str, tuple[str, dict[str, Any]]], roles: Mapping[str, RoleDef]
) -> dict[str, KnownActor]:
    actors: dict[str, KnownActor] = {}
    countries = {ident for ident, (kind, _) in entries.items() if kind == COUNTRY}
    organizations = {ident for ident, (kind, _) in entries.items() if kind == ORGANIZATION}
    ordered = sorted(entries.items(), key=lambda item: (COUNTRY, ORGANIZATION, PERSON).index(item[1][0]))
    for ident, (kind, raw) in ordered:
        if kind == COUNTRY:
            actors[ident] = _country(ident, raw)
        elif kind == ORGANIZATION:
            actors[ident] = _organization(ident, raw, countries, organizations)
        else:
            actors[ident] = _person(ident, raw, countries, organizations, roles)
    return actors


def _country(ident: str, raw: dict[str, Any]) -> KnownActor:
    path, where = raw["_file"], f"entry {ident!r}"
    if not ISO3.match(ident):
        raise _fail(path, where, "iso3", "expected three capital letters")
    iso2 = raw.get("iso2")
    if not isinstance(iso2, str) or not ISO2.match(iso2):
        raise _fail(path, where, "iso2", f"expected two capital letters (quote 'NO'), got {iso2!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "name", "missing")
    cameo = _code(raw, "cameo", path, where)
    status = raw.get("status")
    if status not in STATUSES:
        raise _fail(path, where, "status", f"expected one of {STATUSES}, got {status!r}")
    names = _by_lang(raw, "names", path, where, required=True)
    for lang in LANGS:
        if not names.get(lang):
            raise _fail(path, where, f"names.{lang}", "empty: every country needs names in French and English")
    capitals = _strings(raw.get("capitals") or [], path, where, "capitals")
    seats: dict[str, tuple[Seat, ...]] = {}
    for lang, items in (raw.get("seats") or {}).items():
        if lang not in LANGS or not isinstance(items, list):
            raise _fail(path, where, f"seats.{lang}", "expected a list per language")
        parsed = []
        for item in items:
            if isinstance(item, str):
                parsed.append(Seat(item, f"{cameo}GOV"))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                parsed.append(Seat(item["name"], _code(item, "code", path, where) or f"{cameo}GOV"))
            else:
                raise _fail(path, where, f"seats.{lang}", f"expected a name or {{name, code}}, got {item!r}")
        seats[lang] = tuple(parsed)
    return KnownActor(
        id=ident,
        name=name,
        type=COUNTRY,
        country=ident,
        code=cameo,
        names=names,
        source=path,
        ambiguous=bool(raw.get("ambiguous", False)),
        iso2=iso2,
        status=status,
        demonyms=_by_lang(raw, "demonyms", path, where),
        capitals=capitals,
        seats=seats,
        nicknames=_by_lang(raw, "nicknames", path, where),
    )


def _organization(ident: str, raw: dict[str, Any], countries: set[str], organizations: set[str]) -> KnownActor:
    path, where = raw["_file"], f"entry {ident!r}"
    if not ORG_ID.match(ident):
        raise _fail(path, where, "id", "organisation ids are lower case letters, digits, '_' or '-'")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "name", "missing")
    kind = raw.get("type", ORGANIZATION)
    if kind not in (ORGANIZATION, GROUP):
        raise _fail(path, where, "type", f"expected 'organization' or 'group', got {kind!r}")
    country = raw.get("country")
    if country is not None and country not in countries:
        raise _fail(path, where, "country", f"unknown iso3 {country!r}")
    part_of = raw.get("part_of")
    if part_of is not None and part_of not in organizations:
        raise _fail(path, where, "part_of", f"unknown organisation id {part_of!r}")
    return KnownActor(
        id=ident,
        name=name,
        type=kind,
        country=country,
        code=_code(raw, "cameo", path, where),
        source=path,
        names=_by_lang(raw, "aliases", path, where, required=True),
        ambiguous=bool(raw.get("ambiguous", False)),
        part_of=part_of,
    )


def _person(
    ident: str, raw: dict[str, Any], countries: set[str], organizations: set[str], roles: Mapping[str, RoleDef]
) -> KnownActor:
    path, where = raw["_file"], f"entry {ident!r}"
    if not PERSON_ID.match(ident):
        raise _fail(path, where, "id", "person ids are lower-case slugs (vladimir-putin)")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "name", "missing")
    country = raw.get("country")
    if country is not None and country not in countries:
        raise _fail(path, where, "country", f"unknown iso3 {country!r}")
    spells = []
    for number, spell in enumerate(raw.get("roles") or [], start=1):
        at = f"roles[{number}]"
        if not isinstance(spell, dict):
            raise _fail(path, where, at, "expected a mapping {role, country|organization, start, end}")
        role = spell.get("role")
        if role not in roles:
            raise _fail(path, where, f"{at}.role", f"unknown role {role!r} (roles.yaml)")
        spell_country, organization = spell.get("country"), spell.get("organization")
        if (spell_country is None) == (organization is None):
            raise _fail(path, where, at, "give exactly one of 'country' or 'organization'")
        if spell_country is not None and spell_country not in countries:
            raise _fail(path, where, f"{at}.country", f"unknown iso3 {spell_country!r}")
        if organization is not None and organization not in organizations:
            raise _fail(path, where, f"{at}.organization", f"unknown organisation id {organization!r}")
        start = _date(spell.get("start"), first=True, path=path, where=where, field_name=f"{at}.start")
        end = _date(spell.get("end"), first=False, path=path, where=where, field_name=f"{at}.end")
        if start is not None and end is not None and start > end:
            raise _fail(path, where, at, f"start {start} is after end {end}")
        start_latest = _date(spell.get("start"), first=False, path=path, where=where, field_name=f"{at}.start")
        end_earliest = _date(spell.get("end"), first=True, path=path, where=where, field_name=f"{at}.end")
        spells.append(RoleSpell(role, start, end, spell_country, organization, start_latest, end_earliest))
    return KnownActor(
        id=ident,
        name=name,
        type=PERSON,
        country=country,
        code=None,
        source=path,
        names=_by_lang(raw, "aliases", path, where, required=True),
        ambiguous=bool(raw.get("ambiguous", False)),
        roles=tuple(spells),
    )


def _date(value: Any, *, first: bool, path: str, where: str, field_name: str) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY: a start is their first day, an end their last."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = PARTIAL_DATE.match(str(value).strip())
    if match is None:
        raise _fail(path, where, field_name, f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day is not None:
            return date(year, int(month), int(day))
        if month is not None:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1 if first else last)
        return date(year, 1, 1) if first else date(year, 12, 31)
    except ValueError as error:
        raise _fail(path, where, field_name, f"impossible date {value!r} ({error})") from error


def _overlaps(actors: Mapping[str, KnownActor], roles: Mapping[str, RoleDef]) -> list[str]:
    """Two different people may not hold a one-holder role for the same country on the same day."""
    problems = []
    spells: dict[tuple[str, str | None, str | None], list[tuple[RoleSpell, KnownActor]]] = {}
    for actor in actors.values():
        for spell in actor.roles:
            if roles[spell.role].holders != "many":
                spells.setdefault((spell.role, spell.country, spell.organization), []).append((spell, actor))
    far = date.max
    for (role, country, organization), held in spells.items():
        held.sort(key=lambda item: item[0].start_latest or date.min)
        for index, (spell, actor) in enumerate(held):
            for other, other_actor in held[index + 1 :]:
                if (other.start_latest or date.min) >= (spell.end_earliest or far):
                    continue
                if other_actor is actor or (spell.start_latest or date.min) >= (other.end_earliest or far):
                    continue
                target = country or organization
                problems.append(
                    f"{other_actor.source}: entry {other_actor.id!r}, field 'roles': {role} of {target} "
                    f"from {other.start} overlaps {actor.id!r} ({actor.source}, {spell.start} to "
                    f"{spell.end or 'now'}); mark the role 'holders: many' in roles.yaml if both are right"
                )
    return problems


def _collisions(actors: Mapping[str, KnownActor]) -> list[str]:
    """The same string may not name two actors of the same type, unless one is marked ambiguous."""
    problems = []
    seen: dict[tuple[str, str, str | None, str], KnownActor] = {}
    for actor in actors.values():
        for form in _forms_of(actor):
            group = "demonym" if form.kind == "demonym" else "name"
            langs = LANGS if form.lang is None else (form.lang,)
            for lang in langs:
                key = (actor.type, group, lang, form.text)
                other = seen.setdefault(key, actor)
                if other is actor or other.ambiguous or actor.ambiguous:
                    continue
                problems.append(
                    f"{actor.source}: entry {actor.id!r}, field {form.kind!r}: {form.text!r} ({lang}) also names "
                    f"{other.id!r} ({other.source}); remove it from one, or mark one entry 'ambiguous: true'"
                )
    return problems


# --- words the resolver needs beyond the knowledge base -----------------------------------------

ACTOR_WORD_FIELDS = ("not_current", "singular_determiners", "role_links", "link_determiners", "not_actors")
DESCRIPTION_FIELDS = (
    "person_descriptions",
    "organization_descriptions",
    "country_descriptions",
    "place_descriptions",
    "source_nouns",
    "impersonal_pronouns",
    "receiving_verbs",
    "place_links",
    "where_prepositions",
    "where_verbs",
    "media_platforms",
    "medium_prepositions",
    "possessor_voices",
    "minority_markers",
    "stance_prefixes",
    "sent_abroad",
)
GENDERS = ("masc", "fem", "any")
NUMBERS = ("sing", "plur")


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Closed word lists of one language that steer resolution (``actors/resolution_<lang>.yaml``)."""

    not_current: frozenset[str]  # "l'ancien président": not the current holder
    singular_determiners: frozenset[str]  # "le Nord-Coréen" is a person, "les Nord-Coréens" a people
    role_links: frozenset[str]  # "le président de la RPDC"
    link_determiners: frozenset[str]  # skipped after the link: "de la RPDC"
    not_actors: frozenset[str]  # NER outputs that are never actors
    honorifics: Mapping[str, str] = field(default_factory=dict)  # "mme" → fem: a title before a name
    person_descriptions: frozenset[str] = frozenset()  # "le milliardaire": a person already named
    organization_descriptions: frozenset[str] = frozenset()  # "l'agence"
    country_descriptions: frozenset[str] = frozenset()  # "le pays"
    place_descriptions: frozenset[str] = frozenset()  # "l'enclave": the place named before
    demonstratives: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # "ce dernier" → (masc, sing)
    source_nouns: frozenset[str] = frozenset()  # "une source proche de": an anonymous source
    impersonal_pronouns: frozenset[str] = frozenset()  # "on"
    receiving_verbs: frozenset[str] = frozenset()  # "un document obtenu par l'AFP": the AFP wrote nothing
    place_gender: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # feminine endings, exceptions
    sector_adjectives: Mapping[str, str] = field(default_factory=dict)  # "militaire" → MIL: "une source militaire"
    description_sectors: Mapping[str, str] = field(default_factory=dict)  # "journal" → MED: "le journal"
    capitalised_demonyms: bool = False  # nationality adjectives take a capital ("Palestinian youths")
    # a titled person no country names is of the country their sentence names ("President Avril ... in Haiti")
    role_country_from_sentence: bool = False
    # a listed person the text titles with a current office holds it on the article's day ("Russian
    # President Boris Yeltsin" in a story dated after his term: RUSGOV), when the dated roles say none
    titles_over_dates: bool = False
    place_links: frozenset[str] = frozenset()  # "rebels in the Ivory Coast": agents of the country they are in
    where_prepositions: frozenset[str] = frozenset()  # "depuis Vienne", "à Vienne": a capital as the place
    where_verbs: frozenset[str] = frozenset()  # "se rendre à Vienne": "à" says where after these verbs
    media_platforms: frozenset[str] = frozenset()  # actor ids: "sur Twitter" is where it was said
    medium_prepositions: frozenset[str] = frozenset()  # "sur": a platform after it is a medium, not an actor
    possessor_voices: frozenset[str] = frozenset()  # "un communiqué de son bureau": the possessor speaks
    kin_nouns: Mapping[str, str] = field(default_factory=dict)  # "famille" → "family of {person}"
    demonym_prefixes: Mapping[str, str] = field(default_factory=dict)  # "franco" → "FRA": "franco-tunisien"
    minority_markers: frozenset[str] = frozenset()  # "ethnic Albanians": a minority, of the country it lives in
    stance_prefixes: frozenset[str] = frozenset()  # "pro-Iranian Hizbollah": a stance, not Iran
    sent_abroad: frozenset[str] = frozenset()  # "the peacekeeping force in Lebanon": not Lebanon's


def load_actor_words(lang: str, knowledge: Knowledge | None = None) -> ActorWords:
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((WORDS_RESOURCE, lang), lambda: _build_actor_words(knowledge, lang))


def _build_actor_words(knowledge: Knowledge, lang: str) -> ActorWords:
    data, source = knowledge.merged_yaml(WORDS_RESOURCE, lang)
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping of word lists")
    extra_keys = (
        "honorifics",
        "demonstratives",
        "place_gender",
        "sector_adjectives",
        "description_sectors",
        "capitalised_demonyms",
        "role_country_from_sentence",
        "kin_nouns",
        "titles_over_dates",
        "demonym_prefixes",
    )
    check_keys(data, ("language", *ACTOR_WORD_FIELDS, *DESCRIPTION_FIELDS, *extra_keys), source, None)
    if data.get("language") != lang:
        raise problem(source, None, "language", f"{data.get('language')!r}, expected {lang!r}")
    lists = {
        name: frozenset(word.lower() for word in string_list(data.get(name), source, None, name))
        for name in (*ACTOR_WORD_FIELDS, *DESCRIPTION_FIELDS)
    }
    honorifics = data.get("honorifics") or {}
    if not isinstance(honorifics, dict) or any(value not in GENDERS for value in honorifics.values()):
        raise problem(source, None, "honorifics", f"expected title: gender, gender one of {', '.join(GENDERS)}")
    demonstratives: dict[str, tuple[str, str]] = {}
    for phrase, features in (data.get("demonstratives") or {}).items():
        if (
            not isinstance(features, dict)
            or features.get("gender") not in GENDERS
            or features.get("number") not in NUMBERS
        ):
            raise problem(source, f"demonstrative {phrase!r}", "demonstratives", "expected {gender, number}")
        demonstratives[str(phrase).lower()] = (features["gender"], features["number"])
    place_gender = data.get("place_gender") or {}
    if not isinstance(place_gender, dict):
        raise problem(source, None, "place_gender", "expected {feminine_endings, masculine, plural}")
    check_keys(place_gender, ("feminine_endings", "masculine", "plural"), source, "place_gender")

    def sector_table(key: str) -> dict[str, str]:
        table = data.get(key) or {}
        if not isinstance(table, dict) or not all(
            isinstance(code, str) and code.isupper() and len(code) == 3 for code in table.values()
        ):
            raise problem(source, None, key, "expected word: three-letter CAMEO sector (MIL, COP, MED…)")
        return {str(word).lower(): code for word, code in table.items()}

    kin_nouns = data.get("kin_nouns") or {}
    if not isinstance(kin_nouns, dict) or not all(
        isinstance(name, str) and name.count("{person}") == 1 and "{" not in name.replace("{person}", "")
        for name in kin_nouns.values()
    ):
        raise problem(source, None, "kin_nouns", "expected noun: English name with one {person}")
    prefixes = data.get("demonym_prefixes") or {}
    if not isinstance(prefixes, dict) or not all(
        isinstance(code, str) and code.isupper() and len(code) == 3 for code in prefixes.values()
    ):
        raise problem(source, None, "demonym_prefixes", "expected prefix: ISO3 country code (franco: FRA)")
    capitalised = data.get("capitalised_demonyms", False)
    if not isinstance(capitalised, bool):
        raise problem(source, None, "capitalised_demonyms", "expected true or false")
    from_sentence = data.get("role_country_from_sentence", False)
    if not isinstance(from_sentence, bool):
        raise problem(source, None, "role_country_from_sentence", "expected true or false")
    titles = data.get("titles_over_dates", False)
    if not isinstance(titles, bool):
        raise problem(source, None, "titles_over_dates", "expected true or false")
    return ActorWords(
        **lists,
        capitalised_demonyms=capitalised,
        role_country_from_sentence=from_sentence,
        titles_over_dates=titles,
        sector_adjectives=sector_table("sector_adjectives"),
        description_sectors=sector_table("description_sectors"),
        honorifics={str(title).lower(): gender for title, gender in honorifics.items()},
        demonstratives=demonstratives,
        place_gender={key: string_list(value, source, "place_gender", key) for key, value in place_gender.items()},
        kin_nouns={str(noun).lower(): name for noun, name in kin_nouns.items()},
        demonym_prefixes={str(prefix).lower(): code for prefix, code in prefixes.items()},
    )
