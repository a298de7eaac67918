"""Event dictionaries: which verbs and nouns trigger which CAMEO code, and which words change status.

The knowledge is data (``data/events/<lang>/NN-<root>.yaml``, one file per CAMEO root, and ``modality_<lang>.yaml``);
this module reads it, rejects what an analyst mistyped (unknown keys, codes missing from the code
table, intent codes outside 03) with the file, entry and field named, and offers lookups by lemma.
Applying the entries to a parse is the coder's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telex.errors import KnowledgeError
from telex.events.codebook import Codebook, load_codebook
from telex.knowledge import Knowledge, check_keys, default_knowledge, problem, read_yaml_file, string_list
from telex.nlp.grammar import Grammar, load_grammar

KINDS = frozenset({"act", "statement"})
OBJECT_TYPES = ("person", "organization", "group", "country")  # "arrêter X": an arrest when X is a person
STATUSES = ("asserted", "intended", "negated", "denied", "reported")
# "ccomp": the subject of the trigger's complement clause ("X demanded that **Y** withdraw")
DEPENDENCY_ROLES = frozenset({"nsubj", "nsubj:pass", "agent", "obj", "iobj", "poss", "amod", "nmod", "obl", "ccomp"})
ENTRY_KEYS = frozenset(
    {
        "lemma", "code", "kind", "intent", "negated", "denial", "symmetric", "source", "target", "place",
        "refine", "note", "example", "pattern", "object_is",
    }
)  # fmt: skip
REFINE_KEYS = frozenset(
    {"object", "modifier", "complement", "alone", "code", "intent", "negated", "kind", "denial", "note", "pattern"}
)
MODALITY_ROLES = frozenset(
    {
        "auxiliary", "modal", "verb", "particle", "determiner", "preposition", "marker", "scope", "morph",
        "condition", "negated_intent",
    }
)  # fmt: skip
# what a modality cue can make of an event: the record's statuses, "threatened" (what a threat or a
# condition announces: coded as the threat, never as the act), "demanded" (what a reported "must" puts on
# someone: coded as the speaker's demand, never as the act) and "hypothetical" (the condition itself)
MODALITY_STATUSES = ("intended", "negated", "denied", "reported", "threatened", "demanded", "hypothetical")
MODALITY_KEYS = frozenset({"lemma", "morph", "role", "status", "marker", "requires", "note", "example"})


def split_words(text: str) -> tuple[str, ...]:
    """Words of a lemma or phrase, with elided articles split off: "état d'urgence" -> état, d', urgence."""
    words: list[str] = []
    for chunk in text.lower().replace("’", "'").split():
        while "'" in chunk[:-1]:
            head, chunk = chunk.split("'", 1)
            words.append(head + "'")
        words.append(chunk)
    return tuple(words)


def content_words(text: str, function_words: frozenset[str]) -> tuple[str, ...]:
    """The words of a phrase that must be found in the parse: articles and the like dropped."""
    return tuple(word for word in split_words(text) if word not in function_words)


@dataclass(frozen=True, slots=True)
class Reading:
    """The codes an entry gives in one context: by status, and whether it is an act or a statement."""

    code: str
    kind: str
    intent: str | None = None
    negated: str | None = None
    denial: bool = False

    def code_for(self, status: str) -> str | None:
        """The CAMEO code for an event of this status; None when CAMEO has no code for it (then drop it,
        or keep the asserted code with the status, as the coder decides)."""
        if status == "intended":
            return self.intent
        if status == "negated":
            return self.negated
        return self.code


@dataclass(frozen=True, slots=True)
class Refinement:
    """A more specific reading of an entry; every condition given must hold (any of its words)."""

    code: str
    object: tuple[tuple[str, ...], ...] = ()
    modifier: tuple[tuple[str, ...], ...] = ()
    complement: tuple[tuple[str, ...], ...] = ()
    intent: str | None = None
    negated: str | None = None
    kind: str | None = None
    denial: bool | None = None
    alone: bool = False  # the verb has its object and nothing it asks for ("a appelé Poutine": a call)
    note: str = ""
    pattern: str = ""

    def matches(
        self,
        objects: Iterable[str] = (),
        modifiers: Iterable[str] = (),
        complements: Iterable[str] = (),
        alone: bool = False,
    ) -> bool:
        if self.alone and not alone:
            return False
        for wanted, found in ((self.object, objects), (self.modifier, modifiers), (self.complement, complements)):
            if wanted:
                present = {word.lower() for word in found}
                if not any(all(word in present for word in phrase) for phrase in wanted):
                    return False
        return True


@dataclass(frozen=True, slots=True)
class EventEntry:
    """One trigger: a verb or noun lemma (maybe multiword) and the event it codes."""

    lemma: str  # as written by the analyst: "se rendre", "serrer la main"
    pos: str  # verb | noun
    head: str  # the word the parse must carry as lemma: "rendre", "serrer"
    words: tuple[str, ...]  # other content words to find among the head's dependents: ("main",)
    reflexive: bool
    code: str
    kind: str  # act | statement
    intent: str | None = None
    negated: str | None = None
    denial: bool = False
    symmetric: bool = False
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    refine: tuple[Refinement, ...] = ()
    note: str = ""
    example: str = ""
    pattern: str = ""  # provenance: the CAMEO / PETRARCH pattern that inspired it ("CAMEO.2.0 ACCUSE [112]")
    origin: str = ""  # file the entry came from
    object_is: str | None = None  # the entry codes only when its object names an actor of this type

    @property
    def is_multiword(self) -> bool:
        return bool(self.words)

    def reading(
        self,
        objects: Iterable[str] = (),
        modifiers: Iterable[str] = (),
        complements: Iterable[str] = (),
        alone: bool = False,
    ) -> Reading:
        """The codes for this context: the first refinement that matches, else the entry's own."""
        objects, modifiers, complements = list(objects), list(modifiers), list(complements)
        for refinement in self.refine:
            if refinement.matches(objects, modifiers, complements, alone):
                return Reading(
                    code=refinement.code,
                    kind=refinement.kind or self.kind,
                    intent=refinement.intent or self.intent,
                    negated=refinement.negated or self.negated,
                    denial=self.denial if refinement.denial is None else refinement.denial,
                )
        return Reading(self.code, self.kind, self.intent, self.negated, self.denial)


VerbEntry = EventEntry
NounEntry = EventEntry


class EventDictionary:
    """Verb and noun triggers of one language, indexed by head lemma."""

    def __init__(
        self,
        language: str,
        entries: Sequence[EventEntry],
        light_verbs: Sequence[str] = (),
        occurrence_verbs: Sequence[str] = (),
    ) -> None:
        self.language = language
        self.entries = tuple(entries)
        self.light_verbs = tuple(light_verbs)
        self.occurrence_verbs = tuple(occurrence_verbs)  # "l'échange a eu lieu entre X et Y"
        self._index: dict[tuple[str, str], list[EventEntry]] = {}
        for entry in entries:
            self._index.setdefault((entry.pos, entry.head), []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def verb_entries(self, lemma: str) -> list[EventEntry]:
        """Every verb entry whose head is ``lemma``; multiword ones first (more specific)."""
        return sorted(self._index.get(("verb", lemma.lower()), ()), key=lambda e: -len(e.words))

    def noun_entries(self, lemma: str) -> list[EventEntry]:
        return sorted(self._index.get(("noun", lemma.lower()), ()), key=lambda e: -len(e.words))

    def verbs(self) -> list[EventEntry]:
        return [entry for entry in self.entries if entry.pos == "verb"]

    def nouns(self) -> list[EventEntry]:
        return [entry for entry in self.entries if entry.pos == "noun"]

    def multiword(self) -> list[EventEntry]:
        return [entry for entry in self.entries if entry.is_multiword]

    def denial_entries(self) -> list[EventEntry]:
        return [entry for entry in self.entries if entry.denial]


@dataclass(frozen=True, slots=True)
class ModalityCue:
    lemma: str | None  # None for a morphological cue; without "se"/"s'" (see reflexive)
    morph: str | None  # "Tense=Fut"
    role: str
    status: str
    reflexive: bool = False  # "s'engager à": the verb needs its reflexive pronoun
    marker: str | None = None
    requires: str | None = None
    note: str = ""


class Modality:
    """Cues that make an event intended, negated, denied or reported."""

    def __init__(self, language: str, cues: Sequence[ModalityCue]) -> None:
        self.language = language
        self.cues = tuple(cues)

    def __len__(self) -> int:
        return len(self.cues)

    def find(self, lemma: str, role: str | None = None) -> list[ModalityCue]:
        """Cues with this lemma (and role, if given)."""
        return [c for c in self.cues if c.lemma == lemma.lower() and (role is None or c.role == role)]

    def status_of(self, lemma: str, role: str | None = None) -> str | None:
        """The status a word gives ("nier" -> denied), or None; the first listed cue wins."""
        found = self.find(lemma, role)
        return found[0].status if found else None

    def lemmas(self, status: str | None = None, role: str | None = None) -> frozenset[str]:
        return frozenset(
            c.lemma
            for c in self.cues
            if c.lemma and (status is None or c.status == status) and (role is None or c.role == role)
        )

    def morph_features(self, status: str) -> list[ModalityCue]:
        return [c for c in self.cues if c.morph and c.status == status]

    @property
    def denial_verbs(self) -> frozenset[str]:
        return self.lemmas("denied", "verb")

    def denial_requirement(self, lemma: str) -> str | None:
        """The word a denial verb needs in its object to deny ("rejeter les accusations"), if any."""
        for cue in self.find(lemma, "verb"):
            if cue.status == "denied":
                return cue.requires
        return None

    @property
    def threat_verbs(self) -> frozenset[str]:
        return self.lemmas("threatened", "verb")

    @property
    def conditions(self) -> frozenset[str]:
        """Conjunctions that open a condition ("si"): its clause is hypothetical, and a main clause
        in the future or conditional announces what happens then: a threat or a promise."""
        return self.lemmas("threatened", "condition")

    @property
    def negation_words(self) -> frozenset[str]:
        return (
            self.lemmas("negated", "particle")
            | self.lemmas("negated", "determiner")
            | self.lemmas("negated", "preposition")
        )

    @property
    def intent_verbs(self) -> frozenset[str]:
        return self.lemmas("intended", "verb")

    @property
    def report_markers(self) -> frozenset[str]:
        return self.lemmas("reported", "marker")


# ---------------------------------------------------------------- participants' words


ROLE_FIELDS = ("source", "target")
ARGUMENT_KEYS = (
    "language",
    "pair_nouns",
    "relational_nouns",
    "staff_nouns",
    "naming_verbs",
    "receiving_verbs",
    "purpose_markers",
    "hypothetical",
    "object_control",
    "default_roles",
    "light_verb_roles",
    "default_place",
    "one_event_per_sentence",
    "first_actor_as_target",
    "direction_prepositions",
    "source_inside_phrase",
    "affiliated_people_only",
    "unattributed_agents",
    "critical_words",
    "impact_verbs",
)
PAIR_KINDS = ("person", "country", "any")


@dataclass(frozen=True, slots=True)
class Arguments:
    """Where an event's participants are found, beyond each trigger's own entry
    (``events/arguments_<lang>.yaml``)."""

    language: str
    pair_nouns: Mapping[str, str]  # "les deux hommes" → person
    relational_nouns: frozenset[str]  # "son voisin": the other party
    staff_nouns: frozenset[str]  # "ses services ont arrêté": the possessor acts through them
    naming_verbs: frozenset[str]  # "ce qu'il appelle une opération spéciale": a name, no appeal
    receiving_verbs: frozenset[str]  # "a reçu le soutien de X": the subject is the nominal event's target
    purpose_markers: frozenset[str]  # "l'a appelé pour le presser": the caller presses, not the called
    hypothetical: frozenset[str]  # "d'éventuels achats": not an event
    object_control: frozenset[str]  # "accuser X d'avoir attaqué": X attacked
    default_roles: Mapping[str, Mapping[str, tuple[str, ...]]]  # pos → source/target → roles
    light_verb_roles: Mapping[str, tuple[str, ...]]  # source/target on a nominal event's light verb
    default_place: tuple[str, ...]  # prepositions of an event's place
    prepositions: frozenset[str] = field(default_factory=frozenset)
    one_event_per_sentence: bool = False  # keep only the event of each sentence's main trigger
    first_actor_as_target: bool = False  # no target in the roles: the first actor in the trigger's phrase
    direction_prepositions: frozenset[str] = frozenset()  # "toward X": a direction, never that target
    source_inside_phrase: bool = False  # a subject naming no actor: the first actor named inside it
    affiliated_people_only: bool = False  # a person with no country and no code is no event's side
    # acts with no named agent: done by a sector (UAF, COP, JUD) of the country where they happened
    unattributed_agents: tuple[Mapping[str, Any], ...] = ()  # ({codes: (...), sector: UAF, places: {...}}, ...)
    # words of a speaker's own quotation that criticise the actor it names ("joue avec le feu")
    critical_words: frozenset[str] = frozenset()
    impact_verbs: frozenset[str] = frozenset()  # "les sanctions frappent X": the nominal event's subject hits X

    def unattributed_rule(self, code: str) -> Mapping[str, Any] | None:
        """The rule of ``unattributed_agents`` for an act of ``code``: the longest code prefix wins
        ("173" arrests before "17" coercion)."""
        matching = [(len(p), rule) for rule in self.unattributed_agents for p in rule["codes"] if code.startswith(p)]
        return max(matching, key=lambda pair: pair[0])[1] if matching else None


def load_arguments(lang: str, knowledge: Knowledge | None = None) -> Arguments:
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled(("arguments", lang), lambda: _build_arguments(knowledge, lang))


def _build_arguments(knowledge: Knowledge, lang: str) -> Arguments:
    data, source = knowledge.merged_yaml("arguments", lang)
    grammar = load_grammar(lang, knowledge)
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping")
    check_keys(data, ARGUMENT_KEYS, source, None)
    if data.get("language") != lang:
        raise problem(source, None, "language", f"{data.get('language')!r}, expected {lang!r}")
    pair_nouns = data.get("pair_nouns") or {}
    if not isinstance(pair_nouns, dict) or any(kind not in PAIR_KINDS for kind in pair_nouns.values()):
        raise problem(source, None, "pair_nouns", f"expected noun: kind, kind one of {', '.join(PAIR_KINDS)}")

    def roles(value: Any, field_name: str) -> tuple[str, ...]:
        found = string_list(value, source, None, field_name)
        _check_roles(found, lambda f, m: problem(source, None, field_name, m), field_name, lang, grammar)
        return found

    default_roles: dict[str, dict[str, tuple[str, ...]]] = {}
    for pos in ("verb", "noun"):
        by_field = (data.get("default_roles") or {}).get(pos)
        if not isinstance(by_field, dict):
            raise problem(source, None, f"default_roles.{pos}", "expected {source: [...], target: [...]}")
        default_roles[pos] = {f: roles(by_field.get(f), f"default_roles.{pos}.{f}") for f in ROLE_FIELDS}
    light = data.get("light_verb_roles") or {}
    return Arguments(
        language=lang,
        pair_nouns={str(noun).lower(): kind for noun, kind in pair_nouns.items()},
        relational_nouns=frozenset(string_list(data.get("relational_nouns"), source, None, "relational_nouns")),
        staff_nouns=frozenset(string_list(data.get("staff_nouns"), source, None, "staff_nouns")),
        naming_verbs=frozenset(string_list(data.get("naming_verbs"), source, None, "naming_verbs")),
        receiving_verbs=frozenset(string_list(data.get("receiving_verbs"), source, None, "receiving_verbs")),
        purpose_markers=frozenset(string_list(data.get("purpose_markers"), source, None, "purpose_markers")),
        hypothetical=frozenset(string_list(data.get("hypothetical"), source, None, "hypothetical")),
        object_control=frozenset(string_list(data.get("object_control"), source, None, "object_control")),
        default_roles=default_roles,
        light_verb_roles={f: roles(light.get(f), f"light_verb_roles.{f}") for f in ROLE_FIELDS},
        default_place=roles(data.get("default_place"), "default_place"),
        prepositions=grammar.prepositions,
        one_event_per_sentence=_flag(data.get("one_event_per_sentence", False), source, "one_event_per_sentence"),
        first_actor_as_target=_flag(data.get("first_actor_as_target", False), source, "first_actor_as_target"),
        source_inside_phrase=_flag(data.get("source_inside_phrase", False), source, "source_inside_phrase"),
        affiliated_people_only=_flag(data.get("affiliated_people_only", False), source, "affiliated_people_only"),
        impact_verbs=frozenset(string_list(data.get("impact_verbs"), source, None, "impact_verbs")),
        critical_words=frozenset(
            " ".join(w.lower().replace("’", "'").split())
            for w in string_list(data.get("critical_words"), source, None, "critical_words")
        ),
        unattributed_agents=_unattributed_agents(data.get("unattributed_agents"), source),
        direction_prepositions=frozenset(
            string_list(data.get("direction_prepositions"), source, None, "direction_prepositions")
        ),
    )


def _unattributed_agents(value: Any, source: str) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    expected = (
        "expected a list of {codes: [CAMEO code prefixes], sector: UAF, places: [prepositions],"
        " victims_country: true|false (optional), article_country: true|false (optional)}"
    )
    if not isinstance(value, list):
        raise problem(source, None, "unattributed_agents", expected)
    rules = []
    for index, rule in enumerate(value):
        if not isinstance(rule, dict) or not {"codes", "sector", "places"} <= set(rule) <= {
            "codes",
            "sector",
            "places",
            "victims_country",
            "article_country",
        }:
            raise problem(source, None, f"unattributed_agents[{index}]", expected)
        codes = string_list(rule["codes"], source, None, f"unattributed_agents[{index}].codes")
        if not codes or not all(code.isdigit() for code in codes):
            raise problem(source, None, f"unattributed_agents[{index}].codes", "expected CAMEO code prefixes")
        places = frozenset(string_list(rule["places"], source, None, f"unattributed_agents[{index}].places"))
        sector = rule["sector"]
        if not isinstance(sector, str) or not sector.isupper() or len(sector) != 3:
            raise problem(source, None, f"unattributed_agents[{index}].sector", "expected a three-letter CAMEO sector")
        own = _flag(rule.get("victims_country", False), source, f"unattributed_agents[{index}].victims_country")
        article = _flag(rule.get("article_country", False), source, f"unattributed_agents[{index}].article_country")
        rules.append({"codes": tuple(codes), "sector": sector, "places": places})
        rules[-1].update(victims_country=own, article_country=article)
    return tuple(rules)


def _flag(value: Any, source: str, field_name: str) -> bool:
    if not isinstance(value, bool):
        raise problem(source, None, field_name, "expected true or false")
    return value


# ---------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class _Schema:
    """What validating one language's trigger files needs."""

    lang: str
    codebook: Codebook
    grammar: Grammar
    arguments: Arguments


def load_event_dictionary(
    lang: str,
    extra: Iterable[Path] = (),
    codebook: Codebook | None = None,
    knowledge: Knowledge | None = None,
) -> EventDictionary:
    """Verb and noun triggers for ``lang`` from the knowledge layers (compiled once), plus an
    analyst's ``extra`` YAML files (each may hold ``verbs:`` and/or ``nouns:``).

    Within a layer, and between the layer and ``extra`` files, a trigger may be defined once; a
    later layer's entry replaces the earlier one with the same part of speech and lemma."""
    knowledge = default_knowledge(knowledge)
    extra = tuple(extra)
    if not extra and codebook is None:
        return knowledge.compiled(("triggers", lang), lambda: _build_dictionary(knowledge, lang, (), None))
    return _build_dictionary(knowledge, lang, extra, codebook)


def _build_dictionary(
    knowledge: Knowledge, lang: str, extra: tuple[Path, ...], codebook: Codebook | None
) -> EventDictionary:
    schema = _Schema(lang, codebook or load_codebook(knowledge=knowledge), load_grammar(lang, knowledge),
                     load_arguments(lang, knowledge))  # fmt: skip
    documents = [(file.layer, file.label, data) for file, data in knowledge.yaml_files("triggers", lang)]
    if not documents or documents[0][0] != 0:
        raise problem(f"events/{lang}", None, None, f"no event dictionary files for language {lang!r}")
    last_layer = documents[-1][0]
    documents += [(last_layer, path.name, read_yaml_file(path)) for path in extra]
    entries: dict[tuple[str, str], EventEntry] = {}
    defined_in: dict[tuple[str, str], tuple[int, str]] = {}
    light_verbs: list[str] = []
    occurrence_verbs: list[str] = []
    for layer, label, data in documents:
        parsed, light, occurring = parse_event_file(data, label, schema)
        light_verbs.extend(word for word in light if word not in light_verbs)
        occurrence_verbs.extend(word for word in occurring if word not in occurrence_verbs)
        for entry in parsed:
            key = (entry.pos, entry.lemma)
            if key in defined_in and defined_in[key][0] == layer:
                raise problem(
                    label, f"{entry.pos} {entry.lemma!r}", "lemma", f"already defined in {defined_in[key][1]}"
                )
            defined_in[key] = (layer, label)
            entries[key] = entry  # a later layer replaces the entry, keeping its place
    return EventDictionary(lang, list(entries.values()), light_verbs, occurrence_verbs)


def _lemma_list(data: dict, key: str, source: str) -> list[str]:
    """A list of lemmas under ``key`` ("light_verbs", "occurrence_verbs"): a verb, or a verb and
    its object ("avoir lieu")."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
        raise problem(source, None, key, "a list of lemmas")
    return list(value)


def parse_event_file(data: object, source: str, schema: _Schema) -> tuple[list[EventEntry], list[str], list[str]]:
    """Entries, light verbs and occurrence verbs of one loaded YAML document (``verbs:``,
    ``nouns:``, ``light_verbs:``, ``occurrence_verbs:``)."""
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping with 'language' and 'verbs' or 'nouns'")
    check_keys(data, ("language", "verbs", "nouns", "light_verbs", "occurrence_verbs"), source, None)
    if data.get("language") != schema.lang:
        raise problem(source, None, "language", f"{data.get('language')!r}, expected {schema.lang!r}")
    light = _lemma_list(data, "light_verbs", source)
    occurring = _lemma_list(data, "occurrence_verbs", source)
    entries = []
    for section, pos in (("verbs", "verb"), ("nouns", "noun")):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise problem(source, None, section, "expected a list")
        for index, item in enumerate(items, 1):
            entries.append(_parse_entry(item, pos, source, f"{pos} {index}", schema))
    return entries, light, occurring


def _parse_entry(item: object, pos: str, source: str, where: str, schema: _Schema) -> EventEntry:
    if not isinstance(item, dict):
        raise problem(source, where, None, 'expected a mapping such as {lemma: rencontrer, code: "040", kind: act}')
    label = f"{where} ({item.get('lemma', '?')})"

    def fail(field_name: str, message: str) -> KnowledgeError:
        return problem(source, label, field_name, message)

    check_keys(item, ENTRY_KEYS, source, label)
    lemma = item.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise fail("lemma", "required, a non-empty string")
    lemma = " ".join(lemma.replace("’", "'").split())
    rest = lemma
    prefix = next((p for p in schema.grammar.reflexive_prefixes if lemma.lower().startswith(p)), None)
    reflexive = pos == "verb" and prefix is not None
    if reflexive:
        rest = lemma[len(prefix) :]
    words = split_words(rest)
    head, others = words[0], tuple(w for w in words[1:] if w not in schema.grammar.function_words)

    code = _code(item, "code", fail, schema.codebook, required=True)
    kind = item.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{kind!r}: required, act or statement")
    intent = _code(item, "intent", fail, schema.codebook)
    negated = _code(item, "negated", fail, schema.codebook)
    flags = {}
    for flag in ("denial", "symmetric"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            raise fail(flag, "true or false")
        flags[flag] = value
    defaults = schema.arguments.default_roles[pos]
    roles = {}
    for field_name in ("source", "target", "place"):
        roles[field_name] = _roles(item, field_name, fail, schema, defaults.get(field_name, ()))
    refine_items = item.get("refine", [])
    if not isinstance(refine_items, list):
        raise fail("refine", "a list of {object/modifier/complement: [...], code: ...}")
    refinements = tuple(
        _parse_refinement(entry, source, f"{label}: refine {number}", schema)
        for number, entry in enumerate(refine_items, 1)
    )
    for field_name in ("note", "example", "pattern"):
        if not isinstance(item.get(field_name, ""), str):
            raise fail(field_name, "free text")
    object_is = item.get("object_is")
    if object_is is not None and object_is not in OBJECT_TYPES:
        raise fail("object_is", f"{object_is!r}: one of {', '.join(OBJECT_TYPES)}")
    return EventEntry(
        lemma=lemma,
        pos=pos,
        head=head,
        words=others,
        reflexive=reflexive,
        code=code,
        kind=kind,
        intent=intent,
        negated=negated,
        denial=flags["denial"],
        symmetric=flags["symmetric"],
        source=roles["source"],
        target=roles["target"],
        place=roles["place"],
        refine=refinements,
        note=item.get("note", ""),
        example=item.get("example", ""),
        pattern=item.get("pattern", ""),
        origin=source,
        object_is=object_is,
    )


def _parse_refinement(item: object, source: str, where: str, schema: _Schema) -> Refinement:
    if not isinstance(item, dict):
        raise problem(source, where, None, 'expected a mapping such as {object: [arme], code: "072"}')

    def fail(field_name: str, message: str) -> KnowledgeError:
        return problem(source, where, field_name, message)

    check_keys(item, REFINE_KEYS, source, where)
    conditions = {}
    for field_name in ("object", "modifier", "complement"):
        value = item.get(field_name, [])
        if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
            raise fail(field_name, "a list of lemmas")
        conditions[field_name] = tuple(
            content_words(phrase, schema.grammar.function_words) or split_words(phrase) for phrase in value
        )
    alone = item.get("alone", False)
    if not isinstance(alone, bool):
        raise fail("alone", "true or false")
    if not any(conditions.values()) and not alone:
        raise fail("object", "a refinement needs at least one of object, modifier, complement, alone")
    kind = item.get("kind")
    if kind is not None and kind not in KINDS:
        raise fail("kind", f"{kind!r} is not act or statement")
    denial = item.get("denial")
    if denial is not None and not isinstance(denial, bool):
        raise fail("denial", "true or false")
    for field_name in ("note", "pattern"):
        if not isinstance(item.get(field_name, ""), str):
            raise fail(field_name, "free text")
    return Refinement(
        code=_code(item, "code", fail, schema.codebook, required=True),
        object=conditions["object"],
        modifier=conditions["modifier"],
        complement=conditions["complement"],
        intent=_code(item, "intent", fail, schema.codebook),
        negated=_code(item, "negated", fail, schema.codebook),
        kind=kind,
        denial=denial,
        alone=alone,
        note=str(item.get("note", "")),
        pattern=str(item.get("pattern", "")),
    )


def _code(item: dict, field_name: str, fail, codebook: Codebook, required: bool = False) -> str | None:
    value = item.get(field_name)
    if value is None:
        if required:
            raise fail(field_name, 'required, a CAMEO code in quotes such as "043"')
        return None
    if not isinstance(value, str):
        raise fail(field_name, f'{value!r}: write CAMEO codes in quotes ("043") so leading zeros survive')
    if not codebook.is_valid(value):
        raise fail(field_name, f"{value!r} is not a CAMEO code in {codebook.source}")
    if field_name == "intent" and codebook.root_of(value) != "03":
        raise fail(field_name, f"{value!r}: intent codes must be under root 03 (express intent to cooperate)")
    return value


def _roles(item: dict, field_name: str, fail, schema: _Schema, default: tuple[str, ...]) -> tuple[str, ...]:
    value = item.get(field_name)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
        raise fail(field_name, 'a list of dependency names or prepositions (quote YAML booleans: "on")')
    _check_roles(value, fail, field_name, schema.lang, schema.grammar)
    return tuple(value)


def _check_roles(roles: Sequence[str], fail, field_name: str, lang: str, grammar: Grammar) -> None:
    for role in roles:
        if role not in DEPENDENCY_ROLES and role not in grammar.prepositions:
            raise fail(
                field_name,
                f"{role!r} is neither a dependency ({', '.join(sorted(DEPENDENCY_ROLES))}) "
                f"nor a known {lang} preposition",
            )


def load_modality(lang: str, path: Path | None = None, knowledge: Knowledge | None = None) -> Modality:
    """Status cues for ``lang`` from the knowledge layers (compiled once; an analyst's cues add to the
    packaged ones), or an analyst's own file alone when ``path`` is given."""
    knowledge = default_knowledge(knowledge)
    grammar = load_grammar(lang, knowledge)
    if path is not None:
        return parse_modality(read_yaml_file(path), path.name, lang, grammar)
    return knowledge.compiled(("modality", lang), lambda: _build_modality(knowledge, lang, grammar))


def _build_modality(knowledge: Knowledge, lang: str, grammar: Grammar) -> Modality:
    documents = knowledge.yaml_files("modality", lang)
    if not documents or documents[0][0].layer != 0:
        raise problem(f"events/modality_{lang}.yaml", None, None, f"no modality cues for language {lang!r}")
    cues: list[ModalityCue] = []
    for file, data in documents:
        cues += parse_modality(data, file.label, lang, grammar).cues
    return Modality(lang, cues)


def parse_modality(data: object, source: str, lang: str, grammar: Grammar) -> Modality:
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping with 'language' and 'cues'")
    check_keys(data, ("language", "cues"), source, None)
    if data.get("language") != lang:
        raise problem(source, None, "language", f"{data.get('language')!r}, expected {lang!r}")
    items = data.get("cues")
    if not isinstance(items, list) or not items:
        raise problem(source, None, "cues", "expected a non-empty list")
    cues = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise problem(source, f"cue {index}", None, "expected a mapping")
        label = f"cue {index} ({item.get('lemma') or item.get('morph') or '?'})"

        def fail(field_name: str, message: str, label: str = label) -> KnowledgeError:
            return problem(source, label, field_name, message)

        check_keys(item, MODALITY_KEYS, source, label)
        lemma, morph = item.get("lemma"), item.get("morph")
        if (lemma is None) == (morph is None):
            raise fail("lemma", "give exactly one of lemma or morph")
        if morph is not None and (not isinstance(morph, str) or "=" not in morph):
            raise fail("morph", "a feature such as Tense=Fut")
        if lemma is not None and not isinstance(lemma, str):
            raise fail("lemma", 'a string (quote words YAML reads as booleans: "no")')
        role = item.get("role")
        if role not in MODALITY_ROLES:
            raise fail("role", f"{role!r} is not one of {', '.join(sorted(MODALITY_ROLES))}")
        status = item.get("status")
        if status not in MODALITY_STATUSES:
            raise fail("status", f"{status!r} is not one of {', '.join(MODALITY_STATUSES)}")
        reflexive = False
        prefix = next((p for p in grammar.reflexive_prefixes if lemma and lemma.lower().startswith(p)), None)
        if prefix is not None and role == "verb":
            reflexive, lemma = True, lemma[len(prefix) :]
        cues.append(
            ModalityCue(
                lemma=lemma.lower() if lemma else None,
                reflexive=reflexive,
                morph=morph,
                role=role,
                status=status,
                marker=item.get("marker"),
                requires=item.get("requires"),
                note=str(item.get("note", "")),
            )
        )
    return Modality(lang, cues)
