"""Event dictionaries: which verbs and nouns trigger which CAMEO code, and which words change status.

The knowledge is data (``data/events/<lang>/NN-<root>.yaml``, one file per CAMEO root, and ``modality_<lang>.yaml``);
this module reads it, rejects what an analyst mistyped (unknown keys, codes missing from the code
table, intent codes outside 03) with the file, entry and field named, and offers lookups by lemma.
Applying the entries to a parse is the coder's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from telex.errors import KnowledgeError
from telex.events.codebook import Codebook, load_codebook

KINDS = frozenset({"act", "statement"})
STATUSES = ("asserted", "intended", "negated", "denied", "reported")
DEPENDENCY_ROLES = frozenset({"nsubj", "nsubj:pass", "agent", "obj", "iobj", "poss", "amod", "nmod", "obl"})
PREPOSITIONS = {
    "fr": frozenset(
        {
            "à", "au", "aux", "avec", "contre", "envers", "de", "par", "pour", "en", "chez", "auprès de",
            "vers", "entre", "sur", "dans", "devant", "depuis", "face à", "le long de", "en l'honneur de",
            "à l'égard de", "à l'encontre de", "visant",
        }
    ),
    "en": frozenset(
        {
            "with", "to", "against", "toward", "towards", "from", "by", "for", "at", "in", "on", "between",
            "into", "of", "outside", "behind", "over", "among",
        }
    ),
}  # fmt: skip
# Words dropped from a multiword trigger before matching its other words against the parse.
FUNCTION_WORDS = frozenset(
    {"le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "son", "sa", "ses", "leur", "leurs"}
    | {"the", "a", "an", "its", "their", "his", "her"}
)
REFLEXIVE_PREFIXES = ("se ", "s'")
ENTRY_KEYS = frozenset(
    {
        "lemma", "code", "kind", "intent", "negated", "denial", "symmetric", "source", "target", "place",
        "refine", "note", "example", "pattern",
    }
)  # fmt: skip
REFINE_KEYS = frozenset(
    {"object", "modifier", "complement", "code", "intent", "negated", "kind", "denial", "note", "pattern"}
)
DEFAULT_ROLES = {
    "verb": {"source": ("nsubj", "agent"), "target": ("obj",)},
    "noun": {"source": ("poss", "de", "amod"), "target": ("à", "avec", "contre", "envers", "entre")},
}
DEFAULT_NOUN_ROLES_EN = {"source": ("poss", "amod", "by"), "target": ("with", "to", "against", "between")}
MODALITY_ROLES = frozenset(
    {"auxiliary", "modal", "verb", "particle", "determiner", "preposition", "marker", "scope", "morph"}
)
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


def content_words(text: str) -> tuple[str, ...]:
    return tuple(word for word in split_words(text) if word not in FUNCTION_WORDS)


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
    note: str = ""
    pattern: str = ""

    def matches(
        self, objects: Iterable[str] = (), modifiers: Iterable[str] = (), complements: Iterable[str] = ()
    ) -> bool:
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

    @property
    def is_multiword(self) -> bool:
        return bool(self.words)

    def reading(
        self, objects: Iterable[str] = (), modifiers: Iterable[str] = (), complements: Iterable[str] = ()
    ) -> Reading:
        """The codes for this context: the first refinement that matches, else the entry's own."""
        objects, modifiers, complements = list(objects), list(modifiers), list(complements)
        for refinement in self.refine:
            if refinement.matches(objects, modifiers, complements):
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

    def __init__(self, language: str, entries: Sequence[EventEntry], light_verbs: Sequence[str] = ()) -> None:
        self.language = language
        self.entries = tuple(entries)
        self.light_verbs = tuple(light_verbs)
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


# ---------------------------------------------------------------- loading


def _data_dir() -> Path:
    return Path(str(resources.files("telex") / "data" / "events"))


def load_event_dictionary(
    lang: str, directory: Path | None = None, extra: Iterable[Path] = (), codebook: Codebook | None = None
) -> EventDictionary:
    """Verb and noun triggers for ``lang``: the packaged files (cached), or those in ``directory``,
    plus an analyst's ``extra`` YAML files (each may hold ``verbs:`` and/or ``nouns:``)."""
    extra = tuple(extra)
    if directory is None and not extra and codebook is None:
        return _packaged_dictionary(lang)
    return _build_dictionary(lang, directory or _data_dir(), extra, codebook or load_codebook())


@cache
def _packaged_dictionary(lang: str) -> EventDictionary:
    return _build_dictionary(lang, _data_dir(), (), load_codebook())


def _build_dictionary(lang: str, directory: Path, extra: tuple[Path, ...], codebook: Codebook) -> EventDictionary:
    files = [*sorted((directory / lang).glob("*.yaml")), *extra]
    if not files:
        raise KnowledgeError(f"{directory / lang}: no event dictionary files for language {lang!r}")
    entries: list[EventEntry] = []
    light_verbs: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        if not path.is_file():
            raise KnowledgeError(f"{path}: no such event dictionary file")
        data = _read_yaml(path)
        parsed, light = parse_event_file(data, path.name, lang, codebook)
        light_verbs.extend(light)
        for entry in parsed:
            key = (entry.pos, entry.lemma)
            if key in seen:
                raise KnowledgeError(
                    f"{path.name}: {entry.pos} {entry.lemma!r}: field lemma: already defined in {seen[key]}"
                )
            seen[key] = path.name
            entries.append(entry)
    return EventDictionary(lang, entries, light_verbs)


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: invalid YAML ({error})") from None


def parse_event_file(data: object, source: str, lang: str, codebook: Codebook) -> tuple[list[EventEntry], list[str]]:
    """Entries and light verbs of one loaded YAML document (``verbs:``, ``nouns:``, ``light_verbs:``)."""
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping with 'language' and 'verbs' or 'nouns'")
    unknown = sorted(set(data) - {"language", "verbs", "nouns", "light_verbs"})
    if unknown:
        raise KnowledgeError(f"{source}: unknown top-level key(s) {', '.join(map(str, unknown))}")
    if data.get("language") != lang:
        raise KnowledgeError(f"{source}: field language: {data.get('language')!r}, expected {lang!r}")
    light = data.get("light_verbs", [])
    if not isinstance(light, list) or not all(isinstance(word, str) for word in light):
        raise KnowledgeError(f"{source}: field light_verbs: a list of lemmas")
    entries = []
    for section, pos in (("verbs", "verb"), ("nouns", "noun")):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise KnowledgeError(f"{source}: field {section}: expected a list")
        for index, item in enumerate(items, 1):
            entries.append(_parse_entry(item, pos, f"{source}: {pos} {index}", lang, codebook, source))
    return entries, list(light)


def _parse_entry(item: object, pos: str, where: str, lang: str, codebook: Codebook, origin: str) -> EventEntry:
    if not isinstance(item, dict):
        raise KnowledgeError(f'{where}: expected a mapping such as {{lemma: rencontrer, code: "040", kind: act}}')
    label = f"{where} ({item.get('lemma', '?')})"

    def fail(field: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{label}: field {field}: {problem}")

    unknown = sorted(set(item) - ENTRY_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(ENTRY_KEYS))})")
    lemma = item.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise fail("lemma", "required, a non-empty string")
    lemma = " ".join(lemma.replace("’", "'").split())
    rest = lemma
    reflexive = pos == "verb" and lemma.lower().startswith(REFLEXIVE_PREFIXES)
    if reflexive:
        rest = lemma[3:] if lemma.lower().startswith("se ") else lemma[2:]
    words = split_words(rest)
    head, others = words[0], tuple(w for w in words[1:] if w not in FUNCTION_WORDS)

    code = _code(item, "code", fail, codebook, required=True)
    kind = item.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{kind!r}: required, act or statement")
    intent = _code(item, "intent", fail, codebook)
    negated = _code(item, "negated", fail, codebook)
    flags = {}
    for flag in ("denial", "symmetric"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            raise fail(flag, "true or false")
        flags[flag] = value
    defaults = DEFAULT_NOUN_ROLES_EN if (pos == "noun" and lang == "en") else DEFAULT_ROLES[pos]
    roles = {}
    for field in ("source", "target", "place"):
        roles[field] = _roles(item, field, fail, lang, defaults.get(field, ()))
    refine_items = item.get("refine", [])
    if not isinstance(refine_items, list):
        raise fail("refine", "a list of {object/modifier/complement: [...], code: ...}")
    refinements = tuple(
        _parse_refinement(entry, f"{label}: refine {number}", codebook) for number, entry in enumerate(refine_items, 1)
    )
    for field in ("note", "example", "pattern"):
        if not isinstance(item.get(field, ""), str):
            raise fail(field, "free text")
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
        origin=origin,
    )


def _parse_refinement(item: object, where: str, codebook: Codebook) -> Refinement:
    if not isinstance(item, dict):
        raise KnowledgeError(f'{where}: expected a mapping such as {{object: [arme], code: "072"}}')

    def fail(field: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{where}: field {field}: {problem}")

    unknown = sorted(set(item) - REFINE_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(REFINE_KEYS))})")
    conditions = {}
    for field in ("object", "modifier", "complement"):
        value = item.get(field, [])
        if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
            raise fail(field, "a list of lemmas")
        conditions[field] = tuple(content_words(phrase) or split_words(phrase) for phrase in value)
    if not any(conditions.values()):
        raise fail("object", "a refinement needs at least one of object, modifier, complement")
    kind = item.get("kind")
    if kind is not None and kind not in KINDS:
        raise fail("kind", f"{kind!r} is not act or statement")
    denial = item.get("denial")
    if denial is not None and not isinstance(denial, bool):
        raise fail("denial", "true or false")
    for field in ("note", "pattern"):
        if not isinstance(item.get(field, ""), str):
            raise fail(field, "free text")
    return Refinement(
        code=_code(item, "code", fail, codebook, required=True),
        object=conditions["object"],
        modifier=conditions["modifier"],
        complement=conditions["complement"],
        intent=_code(item, "intent", fail, codebook),
        negated=_code(item, "negated", fail, codebook),
        kind=kind,
        denial=denial,
        note=str(item.get("note", "")),
        pattern=str(item.get("pattern", "")),
    )


def _code(item: dict, field: str, fail, codebook: Codebook, required: bool = False) -> str | None:
    value = item.get(field)
    if value is None:
        if required:
            raise fail(field, 'required, a CAMEO code in quotes such as "043"')
        return None
    if not isinstance(value, str):
        raise fail(field, f'{value!r}: write CAMEO codes in quotes ("043") so leading zeros survive')
    if not codebook.is_valid(value):
        raise fail(field, f"{value!r} is not a CAMEO code in {codebook.source}")
    if field == "intent" and codebook.root_of(value) != "03":
        raise fail(field, f"{value!r}: intent codes must be under root 03 (express intent to cooperate)")
    return value


def _roles(item: dict, field: str, fail, lang: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = item.get(field)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
        raise fail(field, 'a list of dependency names or prepositions (quote YAML booleans: "on")')
    prepositions = PREPOSITIONS.get(lang, frozenset())
    for role in value:
        if role not in DEPENDENCY_ROLES and role not in prepositions:
            raise fail(
                field,
                f"{role!r} is neither a dependency ({', '.join(sorted(DEPENDENCY_ROLES))}) "
                f"nor a known {lang} preposition",
            )
    return tuple(value)


def load_modality(lang: str, path: Path | None = None) -> Modality:
    """Status cues for ``lang`` (cached), or an analyst's own file when ``path`` is given."""
    if path is None:
        return _packaged_modality(lang)
    return parse_modality(_read_yaml(path), path.name, lang)


@cache
def _packaged_modality(lang: str) -> Modality:
    path = _data_dir() / f"modality_{lang}.yaml"
    if not path.is_file():
        raise KnowledgeError(f"{path.name}: no modality cues for language {lang!r}")
    return parse_modality(_read_yaml(path), path.name, lang)


def parse_modality(data: object, source: str, lang: str) -> Modality:
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping with 'language' and 'cues'")
    unknown = sorted(set(data) - {"language", "cues"})
    if unknown:
        raise KnowledgeError(f"{source}: unknown top-level key(s) {', '.join(map(str, unknown))}")
    if data.get("language") != lang:
        raise KnowledgeError(f"{source}: field language: {data.get('language')!r}, expected {lang!r}")
    items = data.get("cues")
    if not isinstance(items, list) or not items:
        raise KnowledgeError(f"{source}: field cues: expected a non-empty list")
    cues = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise KnowledgeError(f"{source}: cue {index}: expected a mapping")
        label = f"{source}: cue {index} ({item.get('lemma') or item.get('morph') or '?'})"
        unknown = sorted(set(item) - MODALITY_KEYS)
        if unknown:
            raise KnowledgeError(
                f"{label}: field {unknown[0]}: unknown key (allowed: {', '.join(sorted(MODALITY_KEYS))})"
            )
        lemma, morph = item.get("lemma"), item.get("morph")
        if (lemma is None) == (morph is None):
            raise KnowledgeError(f"{label}: field lemma: give exactly one of lemma or morph")
        if morph is not None and (not isinstance(morph, str) or "=" not in morph):
            raise KnowledgeError(f"{label}: field morph: a feature such as Tense=Fut")
        if lemma is not None and not isinstance(lemma, str):
            raise KnowledgeError(f'{label}: field lemma: a string (quote words YAML reads as booleans: "no")')
        role = item.get("role")
        if role not in MODALITY_ROLES:
            raise KnowledgeError(f"{label}: field role: {role!r} is not one of {', '.join(sorted(MODALITY_ROLES))}")
        status = item.get("status")
        if status not in STATUSES[1:]:
            raise KnowledgeError(f"{label}: field status: {status!r} is not intended, negated, denied or reported")
        reflexive = False
        if lemma is not None and lemma.lower().startswith(REFLEXIVE_PREFIXES) and role == "verb":
            reflexive, lemma = True, (lemma[3:] if lemma.lower().startswith("se ") else lemma[2:])
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
