"""Which dictionary entry a verb or noun of the parse triggers, and in which reading.

An entry's head must be the token's lemma (or its form: the model often leaves "réclame" as its
own lemma); a multiword entry's other words must be found among the head's own dependents — not in
its subject or in a relative clause, where "l'armée qui a entraîné la mort" would make a training
of an army; a pronominal entry needs its reflexive pronoun, and a plain entry does not take a
pronominal verb its dictionary lists separately ("se retirer" is not "retirer").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from telex.events.dictionary import EventDictionary, EventEntry
from telex.events.repairs import is_date_word, verb_beyond_a_date
from telex.nlp.grammar import Grammar
from telex.nlp.salience import mention_for_phrase

OWN_WORD_DEPS_EXCLUDED = frozenset({"nsubj", "nsubj:pass", "csubj", "acl:relcl", "parataxis", "conj"})
CONTEXT_DEPS = ("obj", "obl:arg", "obl:mod", "nmod", "iobj", "obl", "xcomp", "nsubj:pass")


class TriggerFinder:
    """Looks up event entries for tokens of one language's parse."""

    def __init__(self, dictionary: EventDictionary, grammar: Grammar) -> None:
        self.dictionary = dictionary
        self.grammar = grammar
        self.light_verbs = frozenset(dictionary.light_verbs)
        self.occurrence_verbs = frozenset(dictionary.occurrence_verbs)

    def verb_entry(self, verb: Token) -> EventEntry | None:
        entries = self.dictionary.verb_entries(verb.lemma_.lower()) or self.dictionary.verb_entries(verb.lower_)
        if not entries and verb.pos_ == "VERB" and verb.lemma_.lower() == verb.lower_:
            # the tagger left the form as its lemma ("J'invite" → "invite"): its base by the inflection rules
            entries = next(
                (e for f in self.grammar.base_forms(verb.lower_) if (e := self.dictionary.verb_entries(f))), []
            )
        if not entries:
            return None  # most verbs: decided without looking at their dependents
        reflexive = any(c.lower_ in self.grammar.reflexive_pronouns for c in verb.children)
        has_pronominal = any(e.reflexive for e in entries)
        dependents = own_words(verb) if any(e.words for e in entries) else set()
        for entry in entries:
            if entry.reflexive and not reflexive:
                continue
            if not entry.reflexive and reflexive and has_pronominal:
                continue  # "se retirer" has its own entry: "retirer" does not take it
            if entry.words and not self._has_words(entry, dependents):
                continue
            if entry.object_is is not None and entry.object_is not in _object_types(verb, self.grammar):
                continue
            return entry
        return None

    def noun_entry(self, noun: Token) -> EventEntry | None:
        entries = self.dictionary.noun_entries(noun.lemma_.lower()) or self.dictionary.noun_entries(noun.lower_)
        if not entries:
            return None
        dependents = own_words(noun) if any(e.words for e in entries) else set()
        for entry in entries:
            if entry.words and not self._has_words(entry, dependents):
                continue
            return entry
        return None

    def _has_words(self, entry: EventEntry, dependents: set[str]) -> bool:
        """Whether the phrase holds each of the entry's other words, in any agreed form."""
        return all(any(form in dependents for form in self.grammar.agreed_forms(word)) for word in entry.words)

    def context_words(self, head: Token) -> tuple[list[str], list[str], list[str], bool]:
        """Lemmas of the trigger's object and complements, modifiers of its object, verbs of its
        infinitive complements, and whether it has its object alone: what refinements test."""
        objects, modifiers, complements = [], [], []
        for child in head.children:
            if child.dep_ in CONTEXT_DEPS:
                for token in child.subtree:
                    objects.append(token.lemma_.lower())
                    objects.append(token.lower_)
                    if token.dep_ in ("amod", "nmod", "compound") or (token.pos_ == "ADJ"):
                        modifiers.append(token.lemma_.lower())
                        modifiers.append(token.lower_)
            if child.dep_ in ("xcomp", "advcl", "ccomp") and child.pos_ == "VERB":
                complements.append(child.lemma_.lower())
            if child.dep_ in ("amod", "compound"):  # English puts noun modifiers before the head: "arms deal"
                modifiers.append(child.lemma_.lower())
                modifiers.append(child.lower_)
        return objects, modifiers, complements, self._object_alone(head)

    def _object_alone(self, verb: Token) -> bool:
        """ "a appelé Vladimir Poutine (lundi, pour lui dire…)": an object and no dative phrase,
        infinitive or clause that says what is asked of it ("a appelé Poutine à la retenue", "… à
        négocier"); a purpose clause tells why one called."""
        if verb.pos_ != "VERB":
            return False
        objects = [c for c in active_objects(verb, self.grammar) if c.dep_ == "obj"]  # "lundi" is no object
        if len(objects) != 1 or "PronType=Rel" in str(objects[0].morph) or "PronType=Int" in str(objects[0].morph):
            return False  # "ce qu'il appelle une provocation" names, it calls nobody
        dative = self.grammar.dative_preposition

        def asks(phrase: Token) -> bool:  # "à la retenue", "au dialogue"
            return phrase.dep_.split(":")[0] in ("obl", "iobj", "nmod") and any(
                c.dep_ == "case" and self.grammar.base_preposition(c.lower_) == dative for c in phrase.children
            )

        def complement(clause: Token) -> bool:  # "à négocier", "que…"; not "pour lui signifier"
            marks = [self.grammar.base_preposition(c.lower_) for c in clause.children if c.dep_ == "mark"]
            return clause.dep_ == "ccomp" or (clause.dep_ == "xcomp" and (not marks or dative in marks))

        if any(complement(c) or asks(c) for c in verb.children):
            return False
        if any(asks(c) for c in objects[0].children if c.i > objects[0].i):
            return False  # "à la retenue" hung on the object
        after = max(t.i for t in objects[0].subtree) + 1
        # "en appelant les agents du FBI à ne pas quitter…", the infinitive hung elsewhere
        return after >= len(verb.doc) or self.grammar.base_preposition(verb.doc[after].lower_) != dative

    def light_verb(self, noun: Token) -> Token | None:
        """The verb a nominal event hangs on: "ont eu un échange", "a effectué une visite",
        "mèneraient des négociations" (also when the parse makes the noun a conjunct of it)."""
        head = noun.head
        if (
            noun.dep_ in ("obj", "conj", "nsubj:pass", "obl:arg")
            and head.pos_ == "VERB"
            and (self._is_light(head) or noun.dep_ == "conj")
            and not _auxiliary_misread(head, self.grammar)
        ):
            return head
        if noun.dep_ == "conj" and head.pos_ == "NOUN":
            return self.light_verb(head)
        verb = verb_beyond_a_date(noun, self.grammar)
        if verb is not None and self._is_light(verb):
            return verb  # "a déposé le 10 décembre une plainte", the object hung on the date
        if noun.dep_ in ("nmod", "obl:mod", "obl:arg") and head.pos_ == "VERB" and self._is_light(head):
            partitive = [c for c in noun.children if c.dep_ == "case" and c.lower_ in self.grammar.partitive_articles]
            if partitive and partitive[0].i == head.i + 1 and not any(c.dep_ == "obj" for c in head.children):
                return head  # "ont réimposé des sanctions à l'Iran", parsed "réimposé de les sanctions"
        if noun.dep_ == "nsubj" and head.pos_ == "VERB" and self._says_it_took_place(head):
            return head  # "deux échanges de prisonniers ont eu lieu entre l'Iran et les Etats-Unis"
        return None

    def _says_it_took_place(self, verb: Token) -> bool:
        """ "a eu lieu", "se sont tenus": an occurrence verb, with its object or its reflexive."""
        lemma = verb.lemma_.lower()
        objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "obj"]
        reflexive = any(c.lower_ in self.grammar.reflexive_pronouns for c in verb.children)
        forms = {f"{lemma} {o}" for o in objects} | ({f"se {lemma}"} if reflexive else {lemma})
        return bool(forms & self.occurrence_verbs)

    def _is_light(self, verb: Token) -> bool:
        """A light verb by its lemma, or with its particle ("step up", "speed up")."""
        lemma = verb.lemma_.lower()
        particles = [c.lower_ for c in verb.children if c.dep_ == "compound:prt"]
        return lemma in self.light_verbs or (bool(particles) and " ".join([lemma, *particles]) in self.light_verbs)


def _auxiliary_misread(verb: Token, grammar: Grammar) -> bool:
    """ "d'avoir violé le cessez-le-feu" parsed with "violé" a noun: an auxiliary taken for a verb
    with two objects is no light verb ("avoir un cessez-le-feu" was never said)."""
    return verb.lemma_.lower() in grammar.auxiliaries and sum(c.dep_ == "obj" for c in verb.children) > 1


def own_words(head: Token) -> set[str]:
    """Lemmas and forms of the words of ``head``'s own phrase: what a multiword trigger's other
    words must be. Its subject and its relative or coordinated clauses are someone else's words."""
    words: set[str] = set()
    pending = [
        c
        for c in head.children
        if (c.dep_ not in OWN_WORD_DEPS_EXCLUDED or c.dep_ == "nsubj:pass") and not _finite_clause(c)
    ]
    while pending:
        token = pending.pop()
        words.add(token.lemma_.lower())
        words.add(token.lower_)
        pending.extend(c for c in token.children if c.dep_ not in ("acl:relcl", "parataxis"))
    return words


def _finite_clause(token: Token) -> bool:
    """ "Washington maintient *que … des sanctions*": a clause opened by a conjunction says what is
    maintained; its words are not the trigger's (no "maintenir la sanction")."""
    return token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.i < token.i for c in token.children)


def trigger_span(verb: Token) -> Span:
    """The verb with its auxiliaries: "a rencontré", "avaient été livrées"."""
    start, end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_.startswith("aux") and child.i < start and verb.i - child.i <= 3:
            start = child.i
    return verb.doc[start:end]


def noun_span(noun: Token, entry: EventEntry) -> Span:
    """The noun with the other words of a multiword trigger ("poignée de main")."""
    if not entry.words:
        return noun.doc[noun.i : noun.i + 1]
    end = noun.i + 1
    for token in noun.subtree:
        if token.i > noun.i and (token.lemma_.lower() in entry.words or token.lower_ in entry.words):
            end = max(end, token.i + 1)
    return noun.doc[noun.i : end]


def active_objects(verb: Token, grammar: Grammar) -> list[Token]:
    """The objects of an active verb, with a second "subject" the parser put after it when the
    verb has one before it ("Les Etats-Unis ont arrêté Julian Assange": Assange is the object);
    an inverted subject alone ("a déclaré le ministre") stays a subject."""
    children = list(verb.children)
    misread = [c for c in children if c.dep_ == "nsubj" and c.i > verb.i]
    if misread and not any(c.dep_ == "nsubj" and c.i < verb.i for c in children):
        misread = []
    objects = [
        c
        for c in children
        if c.dep_ == "obj"
        or (c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN") and any(d.dep_ == "det" for d in c.children))
    ]  # "accusé « les ONG (…) »": a noun phrase read as a predicative complement is an object
    dated = [c for c in objects if is_date_word(c, grammar)]  # "a déploré lundi l'absence…": "lundi" is no object
    objects = [c for c in objects if c not in dated] or dated
    if len(objects) > 1 and objects[0].pos_ in ("NOUN", "PROPN") and objects[1].i > objects[0].i:
        # a verb takes one object: a second is the parser's misreading of the first's complement
        # ('a accusé "les ONG (de faire) le jeu des passeurs"': the NGOs are accused)
        objects = objects[:1]
    return objects + misread


def _object_types(verb: Token, grammar: Grammar) -> set[str]:
    """The types of the actors a verb's object names (its surface subject when passive): "arrêter
    William Bryan" arrests a person, "arrêter le projet" stops a thing."""
    doc = verb.doc
    actors = doc._.telex_actors or {}
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)
    wanted = ("nsubj:pass", "nsubj")
    phrases = [c for c in verb.children if c.dep_ in wanted] if passive else active_objects(verb, grammar)
    if not passive and verb.i + 1 < len(doc):
        phrases.append(doc[verb.i + 1])  # the parser often loses the object of "a arrêté" (also a noun)
    found = set()
    for phrase in phrases:
        mention = mention_for_phrase(doc, phrase)
        actor = actors.get(mention.actor) if mention is not None else None
        if actor is not None:
            found.add(actor.type)
    return found
