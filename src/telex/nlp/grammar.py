"""Grammar words of one language: pronouns with their features, articles, prepositions, clitics.

The components need a few closed word classes beyond what the model tags ("a-t-il" has an
inverted subject clitic; "que" opens a reported clause; "au" is "à le"). They live in
``data/lang/<lang>.yaml`` so that a new language is a set of data files plus tests, and so that
no French word runs on English text by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from telex.knowledge import Knowledge, check_keys, default_knowledge, problem, string_list

RESOURCE = "grammar"
NUMBERS = ("sing", "plur")
GENDERS = ("masc", "fem", "any")
PRONOUN_ROLES = ("subject", "object")
PRONOUN_KEYS = ("form", "number", "gender", "role", "animate", "inverted")
LIST_FIELDS = (
    "articles",
    "determiners",
    "function_words",
    "reflexive_pronouns",
    "singular_possessives",
    "plural_possessives",
    "partitive_articles",
    "interrogatives",
    "where_pronouns",
    "complementizers",
    "relative_pronouns",
    "euphonic_t",
    "negation_clitics",
    "negated_by_clitic_alone",
    "auxiliaries",
    "passive_auxiliaries",
    "active_with_passive_auxiliary",
    "speaker_pronouns",
    "pair_quantifiers",
    "plural_suffixes",
    "agreement_endings",
    "time_nouns",
    "adverbial_idioms",
    "cleft_pronouns",
    "prepositions",
    "clitics",
    "clause_openers",
    "conjunction_heads",
    "infinitive_report_marks",
    "incise_insertions",
)
FILE_KEYS = (
    "language",
    "pronouns",
    *LIST_FIELDS,
    "contractions",
    "linking_preposition",
    "agent_preposition",
    "dative_preposition",
    "elided_reflexive",
    "elision_letters",
    "inflection",
)


@dataclass(frozen=True, slots=True)
class Pronoun:
    form: str
    number: str  # sing | plur
    gender: str  # masc | fem | any
    role: str  # subject | object
    animate: bool = True
    inverted: bool = False  # the subject clitic of an inverted verb: "a-t-il", "martèle-t-elle"

    def agrees_with(self, gender: str | None, number: str | None) -> bool:
        """Agreement with a referent's gender and number (None: unknown, which never disagrees)."""
        gender_ok = self.gender == "any" or gender in (None, "any") or gender == self.gender
        number_ok = number is None or number == self.number
        return gender_ok and number_ok


@dataclass(frozen=True, slots=True)
class Grammar:
    """The closed word classes of one language (lower case)."""

    language: str
    pronouns: Mapping[str, Pronoun]
    articles: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    reflexive_pronouns: frozenset[str]
    singular_possessives: frozenset[str]  # "son désaccord avec X": one party's, not both
    plural_possessives: frozenset[str]  # "X et Y ont lancé leurs négociations": both subjects'
    partitive_articles: frozenset[str]  # "ont réimposé des sanctions": an article the parse takes for "de"
    interrogatives: frozenset[str]  # "a demandé combien…": a question asked, not an appeal
    where_pronouns: frozenset[str]  # "en Syrie, où le régime…": a relative clause of place
    complementizers: frozenset[str]
    relative_pronouns: frozenset[str]
    euphonic_t: frozenset[str]
    negation_clitics: frozenset[str]
    negated_by_clitic_alone: frozenset[str]  # "il ne pouvait mettre en cause": "ne" alone negates these
    auxiliaries: frozenset[str]
    passive_auxiliaries: frozenset[str]
    active_with_passive_auxiliary: frozenset[str]
    speaker_pronouns: frozenset[str]
    pair_quantifiers: frozenset[str]
    plural_suffixes: tuple[str, ...]
    agreement_endings: tuple[str, ...]  # "infondé" → "infondées": what agreement adds to a base form
    time_nouns: frozenset[str]  # "ces derniers mois": a span of time, which the parser may make a head
    adverbial_idioms: tuple[tuple[str, ...], ...]  # "tour à tour": an adverb the parser reads as an object
    cleft_pronouns: frozenset[str]  # "c'est à X que…": the subject of a cleft
    prepositions: frozenset[str]
    clitics: tuple[str, ...]
    clause_openers: frozenset[str]
    conjunction_heads: frozenset[str]  # "pendant" in "pendant que": that "que" opens no report
    infinitive_report_marks: frozenset[str]  # "accuse X d'avoir…" reports; "poursuivi pour avoir…" does not
    incise_insertions: tuple[tuple[str, ...], ...]  # "pour sa part" in "…, avait pour sa part assuré X"
    contractions: Mapping[str, str]
    linking_preposition: str
    agent_preposition: str  # "soutenu par Abou Dhabi": the agent, whatever dependency the parser gives it
    dative_preposition: str  # "a conseillé à ses ressortissants de…": whom a verb tells to act
    elided_reflexive: str
    elision_letters: str
    min_stem: int = 0
    irregular: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    suffixes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    # --- pronouns -------------------------------------------------------------------------

    def pronoun(self, word: str) -> Pronoun | None:
        return self.pronouns.get(word.lower())

    def forms(
        self, *, number: str | None = None, role: str | None = None, animate: bool | None = None
    ) -> frozenset[str]:
        """Pronoun forms with these features ("singular subjects": il, elle, -il, he, she, it)."""
        return frozenset(
            p.form
            for p in self.pronouns.values()
            if (number is None or p.number == number)
            and (role is None or p.role == role)
            and (animate is None or p.animate == animate)
        )

    @property
    def inverted_clitics(self) -> frozenset[str]:
        return frozenset(p.form for p in self.pronouns.values() if p.inverted)

    @property
    def reflexive_prefixes(self) -> tuple[str, ...]:
        """How analysts write a pronominal lemma: "se rendre", "s'engager"."""
        return tuple(p if p.endswith("'") else p + " " for p in sorted(self.reflexive_pronouns, key=len))

    def reflexive_name(self, lemma: str) -> str:
        """A pronominal verb as written: "s'insurger", "se dire"."""
        plain = next((p for p in sorted(self.reflexive_pronouns) if not p.endswith("'")), "")
        if self.elided_reflexive and lemma[:1] in self.elision_letters:
            return self.elided_reflexive + lemma
        return f"{plain} {lemma}" if plain else lemma

    # --- words ----------------------------------------------------------------------------

    def base_forms(self, word: str) -> tuple[str, ...]:
        """Base forms an inflected form may come from: "martelé" → "marteler"; "added" → "add", "adde"."""
        word = word.lower()
        if word in self.irregular:
            return self.irregular[word]
        forms: list[str] = []
        for suffix, bases in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem:
                forms += [word[: len(word) - len(suffix)] + base for base in bases]
        return tuple(dict.fromkeys(forms))

    def singular_forms(self, word: str) -> tuple[str, ...]:
        """The word and the word without a plural ending ("parties" → "partie")."""
        stripped = word.rstrip("".join(self.plural_suffixes)) if self.plural_suffixes else word
        return tuple(dict.fromkeys((word, stripped)))

    def agreed_forms(self, word: str) -> tuple[str, ...]:
        """The base form and the forms agreement makes of it ("infondé" → "infondée", "infondés",
        "infondées"): a trigger's word must match the text whatever the tagger's lemma."""
        return (word, *(word + ending for ending in self.agreement_endings))

    def base_preposition(self, word: str) -> str:
        """ "au" → "à", "des" → "de": a contracted preposition's base form."""
        return self.contractions.get(word, word)


def load_grammar(lang: str, knowledge: Knowledge | None = None) -> Grammar:
    """The grammar words of ``lang`` (packaged file, analysts' layers merged over it)."""
    knowledge = default_knowledge(knowledge)
    return knowledge.compiled((RESOURCE, lang), lambda: _build(knowledge, lang))


def _build(knowledge: Knowledge, lang: str) -> Grammar:
    data, source = knowledge.merged_yaml(RESOURCE, lang)
    return parse_grammar(data, source, lang)


def parse_grammar(data: Any, source: str, lang: str) -> Grammar:
    """Validate one grammar file; every problem names the file, the entry and the field."""
    if not isinstance(data, dict):
        raise problem(source, None, None, "expected a mapping of word classes")
    check_keys(data, FILE_KEYS, source, None)
    if data.get("language") != lang:
        raise problem(source, None, "language", f"{data.get('language')!r}, expected {lang!r}")
    missing = [key for key in FILE_KEYS if key not in data]
    if missing:
        raise problem(source, None, missing[0], "missing (every word class must be listed, even empty)")
    pronouns: dict[str, Pronoun] = {}
    for number, entry in enumerate(data["pronouns"] or [], 1):
        where = f"pronoun {number}"
        if not isinstance(entry, dict):
            raise problem(source, where, None, "expected a mapping {form, number, gender, role}")
        check_keys(entry, PRONOUN_KEYS, source, where)
        pronoun = Pronoun(
            form=str(entry.get("form", "")).lower(),
            number=entry.get("number"),
            gender=entry.get("gender"),
            role=entry.get("role"),
            animate=entry.get("animate", True),
            inverted=entry.get("inverted", False),
        )
        for name, allowed in (("number", NUMBERS), ("gender", GENDERS), ("role", PRONOUN_ROLES)):
            if getattr(pronoun, name) not in allowed:
                raise problem(source, where, name, f"{getattr(pronoun, name)!r} is not one of {', '.join(allowed)}")
        if not pronoun.form or not isinstance(pronoun.animate, bool) or not isinstance(pronoun.inverted, bool):
            raise problem(source, where, "form", "a form, and true/false for animate and inverted")
        pronouns[pronoun.form] = pronoun
    lists = {name: string_list(data[name], source, None, name) for name in LIST_FIELDS}
    contractions = data["contractions"] or {}
    if not isinstance(contractions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in contractions.items()
    ):
        raise problem(source, None, "contractions", "expected a mapping of contracted form to preposition")
    for name in (
        "linking_preposition",
        "agent_preposition",
        "dative_preposition",
        "elided_reflexive",
        "elision_letters",
    ):
        if not isinstance(data[name], str):
            raise problem(source, None, name, "expected a string")
    inflection = data["inflection"]
    if not isinstance(inflection, dict):
        raise problem(source, None, "inflection", "expected {min_stem, irregular, suffixes}")
    check_keys(inflection, ("min_stem", "irregular", "suffixes"), source, "inflection")
    irregular = {}
    for word, bases in (inflection.get("irregular") or {}).items():
        irregular[str(word)] = string_list(bases, source, "inflection", f"irregular.{word}") if bases else ()
    suffixes = []
    for number, rule in enumerate(inflection.get("suffixes") or [], 1):
        if not isinstance(rule, dict) or not isinstance(rule.get("suffix"), str):
            raise problem(source, f"inflection suffix {number}", "suffix", "expected {suffix, base: [...]}")
        bases = rule.get("base")
        if not isinstance(bases, list) or not all(isinstance(b, str) for b in bases):
            raise problem(source, f"inflection suffix {number}", "base", "expected a list of endings")
        suffixes.append((rule["suffix"], tuple(bases)))
    min_stem = inflection.get("min_stem", 0)
    if not isinstance(min_stem, int) or min_stem < 0:
        raise problem(source, "inflection", "min_stem", "expected a whole number")
    return Grammar(
        language=lang,
        pronouns=pronouns,
        articles=frozenset(lists["articles"]),
        determiners=frozenset(lists["determiners"]),
        function_words=frozenset(lists["function_words"]),
        reflexive_pronouns=frozenset(lists["reflexive_pronouns"]),
        singular_possessives=frozenset(lists["singular_possessives"]),
        plural_possessives=frozenset(lists["plural_possessives"]),
        partitive_articles=frozenset(lists["partitive_articles"]),
        interrogatives=frozenset(lists["interrogatives"]),
        where_pronouns=frozenset(lists["where_pronouns"]),
        complementizers=frozenset(lists["complementizers"]),
        relative_pronouns=frozenset(lists["relative_pronouns"]),
        euphonic_t=frozenset(lists["euphonic_t"]),
        negation_clitics=frozenset(lists["negation_clitics"]),
        negated_by_clitic_alone=frozenset(lists["negated_by_clitic_alone"]),
        auxiliaries=frozenset(lists["auxiliaries"]),
        passive_auxiliaries=frozenset(lists["passive_auxiliaries"]),
        active_with_passive_auxiliary=frozenset(lists["active_with_passive_auxiliary"]),
        speaker_pronouns=frozenset(lists["speaker_pronouns"]),
        pair_quantifiers=frozenset(lists["pair_quantifiers"]),
        plural_suffixes=lists["plural_suffixes"],
        agreement_endings=lists["agreement_endings"],
        time_nouns=frozenset(lists["time_nouns"]),
        adverbial_idioms=tuple(tuple(p.lower().split()) for p in lists["adverbial_idioms"]),
        cleft_pronouns=frozenset(lists["cleft_pronouns"]),
        prepositions=frozenset(lists["prepositions"]),
        clitics=lists["clitics"],
        clause_openers=frozenset(lists["clause_openers"]),
        conjunction_heads=frozenset(lists["conjunction_heads"]),
        infinitive_report_marks=frozenset(lists["infinitive_report_marks"]),
        incise_insertions=tuple(
            sorted((tuple(p.lower().split()) for p in lists["incise_insertions"]), key=len, reverse=True)
        ),
        contractions=dict(contractions),
        linking_preposition=data["linking_preposition"],
        agent_preposition=data["agent_preposition"],
        dative_preposition=data["dative_preposition"],
        elided_reflexive=data["elided_reflexive"],
        elision_letters=data["elision_letters"],
        min_stem=min_stem,
        irregular=irregular,
        suffixes=tuple(suffixes),
    )
