"""Who takes part in an event: the actors where a trigger's entry says to look.

An entry names its roles as dependencies (``nsubj``, ``agent`` = "par X", ``obj``, ``poss``) or
prepositions ("avec X", "contre X", "auprès de X"). A phrase found there stands for actors
through its own mention ("le président russe"), the mentions of coordinated phrases ("Pékin et
Moscou"), a pronoun or a description resolved by the coreference step ("il", "le milliardaire"),
"les deux hommes" (the pair the article is about), "son voisin" (the other party), or — for a
target — an actor named inside the phrase ("la politique américaine", "l'absence de délégation
chinoise", "les pratiques commerciales de la Chine").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from telex.events.dictionary import Arguments, EventEntry
from telex.events.repairs import (
    SUBJECT_DEPS,
    dangling_name_before,
    hung_on_dates,
    names_right_before,
    noun_misread_as_root,
    stranded_after_subject,
    verbless_participle,
)
from telex.events.triggers import TriggerFinder, active_objects
from telex.nlp.blocks import in_heading
from telex.nlp.coref import Coreference
from telex.nlp.doccache import mention_index, sentence_of
from telex.nlp.grammar import Grammar
from telex.nlp.index import Intervals
from telex.nlp.salience import (
    CLAUSE_DEPS,
    introduced_by_preposition,
    mention_at,
    mention_for_phrase,
    phrase_words,
    salient_actor,
)
from telex.nlp.verbforms import is_infinitive

OBJECT_DEPS = ("obj", "iobj")
OBJECT_WINDOW = 64  # tokens after a verb in which a lost object is looked for
PASSIVE_SUBJECT = "nsubj:pass"
AGENT_DEP = "obl:agent"
INHERIT_SUBJECT_DEPS = ("xcomp", "conj", "advcl", "acl", "ccomp")
ACTOR_TYPES = ("person", "country", "organization", "group")
# a phrase's own words, where an actor named inside it is what the phrase is about
INNER_DEPS_EXCLUDED = frozenset({"acl:relcl", "parataxis", "conj", "appos", "advcl", "ccomp"})
# a trigger's own phrase, where PETRARCH looks for a target the roles do not name
PHRASE_DEPS_EXCLUDED = frozenset({"acl:relcl", "parataxis", "conj", "advcl", "ccomp", "nsubj", "nsubj:pass", "punct"})


@dataclass(slots=True)
class Scene:
    """One doc as the coder sees it: its quotes, its coreference state, the pair it is about."""

    doc: Doc
    published: date | None
    coref: Coreference
    quotes: list = field(default_factory=list)
    pair: tuple[str, str] | None = None
    # the number of the sentence of the latest meeting coded: "après leur discussion" right after
    # "Grossi a rencontré Rohani" is that meeting again
    last_meeting: int | None = None
    _starts: list[int] = field(default_factory=list)
    _mentions: list = field(default_factory=list)
    _quote_index: tuple | None = None  # (quotes, length, by span, by cue span), built on first use

    def __post_init__(self) -> None:
        self._mentions = sorted(self.doc._.telex_mentions or (), key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._mentions]

    @property
    def actors(self) -> dict:
        return self.doc._.telex_actors or {}

    def _quotes_by_position(self) -> tuple[Intervals, Intervals]:
        """The quotations by their span and by their cue's span, each item with its place in
        ``quotes`` (built once; rebuilt if the list is replaced or grows)."""
        cached = self._quote_index
        if cached is None or cached[0] is not self.quotes or cached[1] != len(self.quotes):
            ordered = list(enumerate(self.quotes))
            by_span = Intervals(ordered, span=lambda item: (item[1].start, item[1].end))
            cued = [item for item in ordered if item[1].cue_start is not None]
            by_cue = Intervals(cued, span=lambda item: (item[1].cue_start, item[1].cue_end))
            cached = self._quote_index = (self.quotes, len(self.quotes), by_span, by_cue)
        return cached[2], cached[3]

    def quote_at(self, char: int):
        """The quotation holding the character at ``char``, if any (the innermost: the latest
        starting, and of those the last in ``quotes``)."""
        holding = self._quotes_by_position()[0].containing(char)
        if not holding:
            return None
        latest = max(quote.start for _order, quote in holding)
        return max((item for item in holding if item[1].start == latest), key=lambda item: item[0])[1]

    def in_own_words(self, char: int) -> bool:
        """Inside a direct quotation: someone's own words, whose acts the coder leaves to the reader
        (their "nous" and "ils" have no referent the coder can trust)."""
        return any(quote.kind == "direct" for _order, quote in self._quotes_by_position()[0].containing(char))

    def cue_quote(self, token: Token):
        """The quotation whose speech cue is ``token`` ("a dénoncé" in "X a dénoncé « … »"): the
        first in ``quotes``."""
        holding = self._quotes_by_position()[1].containing(token.idx)
        return min(holding, key=lambda item: item[0])[1] if holding else None

    def cue_span(self, quote) -> Span | None:
        """The words of a quotation's speech cue ("a plaidé"), if it has one."""
        if quote is None or quote.cue_start is None:
            return None
        span = self.doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def cue_token(self, quote) -> Token | None:
        """The verb (or noun) of a quotation's speech cue: its last one ("a dénoncé" → "dénoncé")."""
        span = self.cue_span(quote)
        if span is None:
            return None
        verbs = [t for t in span if t.pos_ in ("VERB", "AUX", "NOUN")]
        return verbs[-1] if verbs else span.root

    def home_countries(self, actor_ids: Sequence[str]) -> set[str]:
        """The countries ``actor_ids`` belong to."""
        return {getattr(self.actors.get(a), "country", None) for a in actor_ids} - {None}

    def mentions_between(self, start: int, end: int) -> list:
        """Mentions that start in [start, end), in text order; linear in what they return."""
        position = bisect_left(self._starts, start)
        found = []
        while position < len(self._mentions) and self._mentions[position].start < end:
            found.append(self._mentions[position])
            position += 1
        return found

    def mentions_before(self, end: int):
        """Mentions that start before ``end``, latest first: ``reversed(mentions_between(0, end))``
        without building that list."""
        for position in range(bisect_left(self._starts, end) - 1, -1, -1):
            yield self._mentions[position]

    def refresh(self) -> None:
        """Re-read the doc's mentions after a component added some (coreference)."""
        self.__post_init__()


def names_one_of(phrase: Token, actors: tuple[str, ...]) -> bool:
    """Whether a person among ``actors`` is named in apposition in the phrase headed by
    ``phrase``: the phrase is that person, whatever its role noun also names."""
    if not actors:
        return False
    index = mention_index(phrase.doc)
    for child in phrase.children:
        if child.dep_ not in ("appos", "flat:name"):
            continue
        mention = index.get(child.i)
        if mention is not None and mention.actor in actors:
            return True
    return False


# the relations a parser gives a name apposed to the phrase before it when it hangs it higher up
STRANDED_APPOSITION_DEPS = frozenset({"appos", "obl:mod", "nmod", "dep"})


class Participants:
    """Finds the actors of a trigger's roles in one language."""

    def __init__(self, grammar: Grammar, arguments: Arguments, triggers: TriggerFinder) -> None:
        self.grammar = grammar
        self.arguments = arguments
        self.triggers = triggers
        self._holder_nouns: dict[tuple[int, str], frozenset[str]] = {}
        self.pronouns_one = grammar.forms(number="sing", role="subject")
        self.pronouns_two = grammar.forms(number="plur", role="subject")
        self.not_subjects = grammar.euphonic_t | grammar.relative_pronouns
        self.pair_nouns = arguments.pair_nouns
        self.relational = arguments.relational_nouns
        self.staff = arguments.staff_nouns
        self.object_control = arguments.object_control

    # --- roles ----------------------------------------------------------------------------

    def find(
        self,
        head: Token,
        roles: tuple[str, ...],
        scene: Scene,
        role: str,
        sources: tuple[str, ...] = (),
        demonyms: bool = False,
        fallback: bool = True,
    ) -> tuple[str, ...]:
        """The actors of ``role`` (source or target) of the trigger ``head``, trying ``roles`` in
        order; the first role that names an actor wins. ``demonyms``: a target may be named by a
        nationality adjective ("dénonce la politique américaine"), which is right for what is said
        about someone and wrong for acts ("coopérer avec l'enquête russe" is not cooperating with
        Russia)."""
        passive = self.is_passive(head)
        found: list[str] = []
        if self.is_participle_of_noun(head):
            found = self._participle_roles(head, roles, scene, role, sources)
        for wanted in roles if not found else ():
            inner = role == "target" or self.arguments.source_inside_phrase
            for phrase in self.phrases(head, wanted, passive):
                if role == "target" and names_one_of(phrase, sources):
                    continue  # "a dénoncé l'ambassadeur russe Vassily Nebenzia": the source misread as object
                found += self.actors_of(phrase, scene, exclude=sources, inner=inner, demonyms=demonyms)
            if role == "target":  # "boycott all official contact with the US": the source's own word is not the target
                found = [a for a in found if a not in sources]
            found = [a for a in found if self._codable(a, scene)]
            if found:
                break
        if not found and role == "source" and "nsubj" in roles:
            found = self._speaker_of_governing_cue(head, scene)
        if not found and role == "target" and head.pos_ in ("VERB", "AUX"):
            found = self._target_in_complements(head, roles, scene, sources) or self._clefted(
                head, roles, scene, sources
            )
            has_complement = any(c.dep_ in ("obj", "ccomp", "xcomp") for c in head.children)
            if not found and "obj" in roles and not passive and not has_complement and self._meeting_verb(head):
                found = self._first_actor_after(head, scene, sources)
        if fallback and not found and role == "target" and self.arguments.first_actor_as_target:
            found = self._first_actor_in_phrase(head, scene, sources)
            if not found and head.pos_ in ("VERB", "AUX"):
                found = self._first_actor_after(head, scene, sources, subjects=False)
        found = [a for a in found if self._codable(a, scene)]
        return tuple(dict.fromkeys(a for a in found if a not in sources or role == "source"))

    def _speaker_of_governing_cue(self, head: Token, scene: Scene) -> list[str]:
        """ "…", a renchéri l'ancien directeur du FBI James Comey, en appelant les agents à…": a
        participle or gerund hung on the speech cue of a quotation is done by its speaker, whom the
        parser often reads as the inverted verb's object."""
        morph = str(head.morph)
        if head.dep_ not in ("advcl", "conj") or "VerbForm=Part" not in morph or "Tense=Pres" not in morph:
            return []  # "Incarcéré depuis mars, X était accusé de…": a past participle tells what X underwent
        quote = scene.cue_quote(head.head)
        speaker = getattr(quote, "speaker", None)
        return [speaker] if speaker is not None and speaker in scene.actors else []

    def _clefted(self, head: Token, roles: tuple[str, ...], scene: Scene, sources: tuple[str, ...]) -> list[str]:
        """ "C'est au régime de Téhéran qu'il a réservé ses flèches": the phrase a cleft puts in
        focus is the trigger's, in the role its preposition gives it (the parse makes it the root
        and the trigger its relative clause)."""
        focus = head.head
        if head.dep_ != "acl:relcl" or not any(c.dep_ == "cop" for c in focus.children):
            return []
        if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in self.grammar.cleft_pronouns for c in focus.children):
            return []
        cases = {self.grammar.base_preposition(c.lower_) for c in focus.children if c.dep_ == "case"}
        if not cases & set(roles):
            return []
        return [a for a in self.actors_of(focus, scene, exclude=sources) if a not in sources]

    def _codable(self, actor_id: str, scene: Scene) -> bool:
        """With ``affiliated_people_only`` (PETRARCH codes only the actors its dictionaries know), a
        person whose country and code nothing gives ("Dos Sontas", "Francois Mitterand" misspelt)
        is no side of an event: the coder looks further, or codes nothing."""
        if not self.arguments.affiliated_people_only:
            return True
        actor = scene.actors.get(actor_id)
        return actor is None or actor.type != "person" or bool(actor.country or actor.code)

    def first_actor_target(self, head: Token, scene: Scene, sources: tuple[str, ...]) -> tuple[str, ...]:
        """PETRARCH's fallback target alone (``first_actor_as_target``): for a nominal event, tried
        after its light verb's roles ("issued a stern reminder to Iraq that it must cooperate with UN
        inspectors": Iraq, not the UN)."""
        if not self.arguments.first_actor_as_target:
            return ()
        found = [a for a in self._first_actor_in_phrase(head, scene, sources) if self._codable(a, scene)]
        return tuple(dict.fromkeys(a for a in found if a not in sources))

    def is_passive(self, head: Token) -> bool:
        """A passive verb: marked so by the parser, or a past participle with the passive
        auxiliary ("était accusé", "a été condamné"), which the parser often reads as active. The
        language's ``active_with_passive_auxiliary`` verbs never are ("est parti"; "were engaged
        in fighting": those engaged fight), whatever the parser says."""
        if head.lemma_.lower() in self.grammar.active_with_passive_auxiliary:
            return False
        if any(c.lower_ in self.grammar.reflexive_pronouns for c in head.children):
            return False  # "s'en est pris à la Chine": a pronominal verb, whatever the parser marks
        auxiliaries = [c for c in head.children if c.dep_.startswith("aux")]
        if auxiliaries and not any(c.lemma_.lower() in self.grammar.passive_auxiliaries for c in auxiliaries):
            return False  # "la Maison Blanche a vigoureusement démenti": a perfect with avoir is active
        if any(c.dep_ in ("aux:pass", PASSIVE_SUBJECT) for c in head.children):
            return True
        if verbless_participle(head, self.grammar.agent_preposition):
            return True  # "Un choix là aussi moqué par les républicains.": a sentence with no verb
        morph = str(head.morph)
        if head.pos_ != "VERB" or "VerbForm=Part" not in morph or "Tense=Past" not in morph:
            return False
        return any(
            c.dep_.startswith("aux") and c.lemma_.lower() in self.grammar.passive_auxiliaries for c in head.children
        )

    def is_participle_of_noun(self, head: Token) -> bool:
        """ "une mention vivement critiquée par Washington": a past participle modifying a noun,
        whose noun is what the act is done to."""
        return (
            head.dep_ == "acl"
            and head.pos_ == "VERB"
            and "VerbForm=Part" in str(head.morph)
            and "Tense=Past" in str(head.morph)
            and head.head.pos_ in ("NOUN", "PROPN", "PRON")
        )

    def _participle_roles(
        self, head: Token, roles: tuple[str, ...], scene: Scene, role: str, sources: tuple[str, ...]
    ) -> list[str]:
        if role == "source":
            return [a for phrase in self.phrases(head, "agent", False) for a in self.actors_of(phrase, scene)]
        if "obj" in roles:
            return self.actors_of(head.head, scene, exclude=sources, inner=True)
        return []

    def phrases(self, head: Token, wanted: str, passive: bool) -> list[Token]:
        """The heads of the phrases in role ``wanted`` of ``head``."""
        children = list(head.children)
        if wanted == "nsubj":
            if passive:
                return []
            # a passive subject here is that of a verb the language says is active ("were engaged")
            deps = (*SUBJECT_DEPS, PASSIVE_SUBJECT)
            subjects = [
                c
                for c in children
                if c.dep_ in deps and c.lower_ not in self.not_subjects and not introduced_by_preposition(c)
            ]  # "Sur Twitter, X s'est dit choqué": a phrase with a preposition is no subject
            if any(c.i < head.i for c in subjects):  # a second "subject" after the verb is its object
                subjects = [c for c in subjects if c.i < head.i]
            named = [c for c in subjects if c.pos_ == "PROPN" and mention_index(head.doc).get(c.i) is not None]
            if named and len(named) < len(subjects) and all(c.pos_ in ("NOUN", "PROPN") for c in subjects):
                subjects = named  # "le directeur général du département…, Fu Cong a répondu": one person
            if subjects and noun_misread_as_root(head, subjects):
                return [head.head, *subjects]  # "L'Allemagne et l'Estonie ont soumis…" parsed as a noun root
            if subjects:
                return subjects
            relative = [c for c in children if c.dep_ in SUBJECT_DEPS and c.lower_ in self.grammar.relative_pronouns]
            antecedent, index = head.head, mention_index(head.doc)
            if (
                relative
                and head.dep_ == "acl:relcl"
                and any(index.get(t.i) is not None for t in antecedent.subtree if t.i < min(c.i for c in relative))
            ):
                return [antecedent]  # "l'Iran, qui a rencontré la Russie": the antecedent, if it names someone
            dangling = dangling_name_before(head)
            if dangling is not None:
                return [dangling]  # "…, Khaled Drareni, 40 ans, avait rejeté les accusations" misparsed
            names = names_right_before(head)
            if names:
                return names  # "En fin de semaine, Pékin et Washington s'étaient rejeté…", names misattached
            return self._inherited_subject(head)
        dated = hung_on_dates(head, self.grammar)  # "condamnée jeudi par Pékin": "par Pékin" parsed under "jeudi"
        if wanted == "agent":
            agents = [c for c in children if c.dep_ == AGENT_DEP]
            if not agents and (passive or self.is_participle_of_noun(head)):
                # "soutenu inconditionnellement par Abou Dhabi": the parser's obl:arg
                agents = [c for c in self._prepositional(children, self.grammar.agent_preposition) if c.dep_ != "nmod"]
            if not agents and (passive or self.is_participle_of_noun(head) or head.dep_ == "acl"):
                agents = self._prepositional(dated, self.grammar.agent_preposition)
            return agents
        if wanted == "obj":
            if passive:
                return [c for c in children if c.dep_ in (PASSIVE_SUBJECT, *SUBJECT_DEPS)]
            objects = active_objects(head, self.grammar)
            if not objects and head.lemma_.lower() in self.object_control:
                # 'accuse de « mensonge » la maire de Paris': the object after the complement, read as its apposition
                objects = [
                    a for c in children if c.dep_ in ("obl:arg", "obl", "nmod") for a in c.children if a.dep_ == "appos"
                ]
            return objects
        if wanted in ("iobj", "amod", "nmod", "obl"):
            return [c for c in children if c.dep_.split(":")[0] == wanted]
        if wanted == "poss":
            return [c for c in children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
        if wanted == "ccomp":  # "X demanded that Y withdraw": Y, the subject of the complement clause
            return [s for c in children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
        idiom = self._behind_idioms(head)  # "s'en est pris tour à tour aux pays de l'Opep"
        return self._prepositional(children + stranded_after_subject(head) + dated + idiom, wanted)

    def _inherited_subject(self, head: Token) -> list[Token]:
        """The subject of the verb an infinitive or a coordinated verb depends on ("a décidé de
        rompre": the decider breaks); with an object-control verb, its object ("accuser l'Ukraine
        d'avoir attaqué": the Ukraine attacked)."""
        governor = head
        if head.pos_ == "VERB" and head.dep_ == "fixed":
            # "tout en allégeant le couvre-feu" parsed as one fixed adverb: the gerund of the verb it modifies
            verb = head.head
            while verb.dep_ in ("fixed", "advmod", "mark", "case") and verb.pos_ != "VERB" and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and verb.i != head.i:
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in self.not_subjects]
                return subjects or self._inherited_subject(verb)
        while (
            governor.dep_ in INHERIT_SUBJECT_DEPS or (governor.dep_ == "parataxis" and _participle(governor))
        ) and governor.head.i != governor.i:
            complement = governor
            governor = governor.head
            purpose = self.opens_purpose(complement)
            if complement.dep_ in ("xcomp", "advcl") and governor.lemma_.lower() in self.object_control and not purpose:
                objects = [c for c in governor.children if c.dep_ in ("obj", "iobj")] or [
                    c for c in governor.children if c.dep_ in ("obl:arg", "obl") and self._dative(c)
                ]  # "a conseillé à ses ressortissants de ne pas se rendre en Iran": they would go
                if not objects and is_infinitive(complement):
                    objects = [c for c in governor.children if c.dep_ == PASSIVE_SUBJECT]
                if objects:
                    return objects  # passive: "X a été accusé (par Y) d'avoir fourni": X provided
            if complement.dep_ == "xcomp" and complement.pos_ == "ADJ":
                predicated = [c for c in governor.children if c.dep_ == PASSIVE_SUBJECT]
                if predicated:
                    return predicated  # "X a été reconnu coupable d'avoir fourni": X provided
            if complement.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN") and self._dative(governor):
                return [governor]  # "a conseillé à ses ressortissants de ne pas se rendre…": they would go
            owner = _owner_of_noun_before(complement) if complement.dep_ in ("xcomp", "acl") else None
            if owner is not None:
                return [owner]  # "a dénoncé la tentative des Etats-Unis de réimposer des sanctions"
            subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in self.not_subjects]
            if subjects:
                return subjects
            agents = [c for c in governor.children if c.dep_ == AGENT_DEP]
            if agents:
                return agents
        return []

    def _behind_idioms(self, head: Token) -> list[Token]:
        """Phrases the parser hung on the first word of an adverbial idiom that depends on ``head``
        (grammar ``adverbial_idioms``: "tour à tour aux pays de l'Opep", "tour" read as an object)."""
        found: list[Token] = []
        doc = head.doc
        for child in head.children:
            for idiom in self.grammar.adverbial_idioms:
                words = tuple(t.lower_ for t in doc[child.i : child.i + len(idiom)])
                if words == idiom:
                    end = child.i + len(idiom)
                    found += [c for c in child.children if c.i >= end and c.dep_ in ("nmod", "obl", "obl:arg")]
        return found

    def _dative(self, token: Token) -> bool:
        """A phrase introduced by the grammar's ``dative_preposition`` ("à", "au", "aux")."""
        dative = self.grammar.dative_preposition
        return any(c.dep_ == "case" and self.grammar.base_preposition(c.lower_) == dative for c in token.children)

    def _prepositional(self, children: list[Token], wanted: str) -> list[Token]:
        """ "avec X", "à X", "contre X", "auprès de X"."""
        words = wanted.split()
        phrases = []
        for child in children:
            if child.dep_.split(":")[0] not in ("obl", "nmod", "iobj", "obj"):
                continue
            cases = [c.lower_ for c in child.children if c.dep_ in ("case", "fixed")]
            cases += [f.lower_ for c in child.children if c.dep_ == "case" for f in c.children if f.dep_ == "fixed"]
            cases = [self.grammar.base_preposition(c) for c in cases]
            linking = self.grammar.linking_preposition
            if words[0] in cases and all(w in cases or w == linking for w in words[1:]):
                phrases.append(child)
        return phrases

    # --- phrases → actors -----------------------------------------------------------------

    def actors_of(
        self,
        phrase: Token,
        scene: Scene,
        exclude: tuple[str, ...] = (),
        inner: bool = False,
        demonyms: bool = False,
    ) -> list[str]:
        """The actors a phrase stands for. ``inner``: failing a mention of the phrase itself, an
        actor named inside it ("la politique américaine" → the United States)."""
        doc = scene.doc
        heads = coordinated(phrase)
        found: list[str] = []
        for head in heads:
            if head.pos_ == "DET" and "Poss=Yes" in str(head.morph):
                owners = self._owners_in_clause(head, scene, exclude)
                if len(owners) > 1:
                    found += owners  # "les Etats-Unis et la Russie ont lancé leurs négociations"
                    continue
                fronted = self._subject_after_fronted_adjunct(head)
                if fronted is not None:
                    found += [a for a in self.actors_of(fronted, scene, exclude) if a not in exclude]
                    continue  # "Marquant son désaccord avec…, Emmanuel Macron a appelé": Macron's
                actor = self._resolved(head, scene) or salient_actor(doc, head.idx, ACTOR_TYPES)
                found += [actor] if actor else []
                continue
            if self.is_pair_phrase(head):
                found += list(self.pair(head, scene))
                continue
            named = self._named_before(head, scene) if head.lemma_.lower() in self.relational else None
            if named is not None and named not in exclude:
                found.append(named)  # "its European Community partners": the partners are named
                continue
            if head.lemma_.lower() in self.relational and any(
                c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in head.children
            ):
                other = self.other_party(head, scene, exclude)
                found += [other] if other else []
                continue
            if head.lemma_.lower() in self.relational and mention_at(doc, head) is None:
                # "Autre ennemi juré de la République islamique, Israël": Israel, never the Republic
                other = self._apposed_name(head, scene)
                found += [other] if other is not None and other not in exclude else []
                continue
            staff_of = self._possessor_of_staff(head, scene, exclude)
            if staff_of:
                found += staff_of  # "ses services ont arrêté William Bryan": his bureau did
                continue
            apposed = self._apposed_person(head, scene)
            if apposed is not None and apposed not in exclude:
                found.append(apposed)  # "un ancien conseiller de Donald Trump, Michael Flynn": Flynn
                continue
            agent = self._agent_of_event_noun(head, scene, exclude)
            if agent:
                found += agent  # "soutenir l'offensive du maréchal contre la capitale": the marshal
                continue
            stranded = self._stranded_apposition(head, scene)
            if stranded is not None and stranded not in exclude:
                found.append(stranded)  # "le soutien de la plus grande fédération de syndicats, l'AFL-CIO"
                continue
            mention = mention_for_phrase(doc, head)
            if mention is not None and self._where_in_phrase(mention, head, scene):
                mention = None  # "une délégation chinoise à Vienne": Vienna is where, not who
            if mention is not None and self._acting(mention.actor, scene):
                found += self._coordinated_modifiers(head, scene)
                found.append(mention.actor)
                if self.arguments.first_actor_as_target and mention_at(doc, head) is None:
                    # named inside the phrase, PETRARCH's coordinated actors: "scores of X and Y refugees"
                    found += self._coordinated_inside(head, [mention.actor], scene, exclude)
                continue
            in_direct_quote = scene.in_own_words(head.idx)
            if head.pos_ == "PRON" and in_direct_quote:
                continue  # "il", "nous" in someone's own words: their referents are the speaker's
            resolved = self._resolved(head, scene)
            if resolved is not None:
                found.append(resolved)
                continue
            if head.pos_ == "PRON" and head.lower_ in self.pronouns_one:
                actor = salient_actor(doc, head.idx, ACTOR_TYPES)
                found += [actor] if actor else []
            elif head.pos_ == "PRON" and head.lower_ in self.pronouns_two and scene.pair:
                found += list(scene.pair)
            elif demonyms and head.pos_ == "ADJ" and len(countries := self._demonyms(head, scene)) == 1:
                found += [c for c in countries if c not in exclude]  # "les frappes israéliennes": Israel's
            elif inner:
                first = self.actors_inside(head, scene, exclude, demonyms)[:1]
                found += first
                if self.arguments.first_actor_as_target:
                    found += self._coordinated_inside(head, first, scene, exclude)
        return found

    def _coordinated_inside(self, head: Token, first: list[str], scene: Scene, exclude) -> list[str]:
        """The actors coordinated with the first one named inside a phrase ("scores of Sierra
        Leonean and Liberian refugees": both peoples' refugees)."""
        if not first:
            return []
        for token in head.subtree:
            mention = mention_at(scene.doc, token)
            if mention is not None and mention.actor == first[0]:
                return [a for a in self._coordinated_actors(token, scene, exclude) if a not in first]
        return []

    def _named_before(self, head: Token, scene: Scene) -> str | None:
        """The actor a noun's own name modifier before it names ("its European Community partners"),
        not a place ("son voisin d'Extrême-Orient" is a neighbour, not the Far East)."""
        for child in head.children:
            if child.i > head.i or child.dep_ not in ("compound", "flat:name", "nmod"):
                continue
            mention = mention_at(scene.doc, child)
            actor = scene.actors.get(mention.actor) if mention is not None else None
            if actor is not None and actor.type in ACTOR_TYPES:
                return mention.actor
        return None

    def _coordinated_modifiers(self, head: Token, scene: Scene) -> list[str]:
        """ "Hungarian and Romanian officials": coordinated modifiers before the noun, each naming
        an actor of its own (the parse hangs the second on the first; the noun's own mention
        names the last)."""
        found = []
        for child in head.children:
            if child.i > head.i or child.dep_ not in ("amod", "nmod", "compound"):
                continue
            conjuncts = [c for c in child.children if c.dep_ == "conj" and c.i < head.i]
            if not conjuncts:
                continue
            for token in (child, *conjuncts):
                mention = mention_at(scene.doc, token)
                if mention is not None and self._acting(mention.actor, scene):
                    found.append(mention.actor)
        return found

    def _subject_actor(self, verb: Token, scene: Scene) -> str | None:
        """The actor of the subject of ``verb``'s clause, which its object pronoun cannot be."""
        for subject in self.phrases(verb, "nsubj", passive=False):  # its own, or the one it inherits
            mention = mention_at(scene.doc, subject)
            if mention is not None:
                return mention.actor
            referent = scene.coref.resolve(subject)
            if referent is not None and referent.actor is not None:
                return referent.actor
        return None

    def _apposed_person(self, head: Token, scene: Scene) -> str | None:
        """The person a role phrase that names no one itself is apposed to, after it, when the
        phrase names only another person inside ("un ancien conseiller de Donald Trump, Michael
        Flynn") or is itself the one holder of a role ("l'ambassadeur russe à Washington, Sergueï
        Kisliak"); a body inside names the person's affiliation ("A member of the Syrian
        parliament, Mohammed Mamoun": SYRLEG)."""
        if head.pos_ != "NOUN":
            return None
        if mention_at(scene.doc, head) is not None:
            # "l'ambassadeur russe à Washington, Sergueï Kisliak": one holder of a role, named
            if "Number=Sing" not in str(head.morph) or not self._names_one_holder(head.lemma_.lower(), scene):
                return None
        else:
            inside = mention_for_phrase(scene.doc, head)
            other = inside is not None and getattr(scene.actors.get(inside.actor), "type", None) != "person"
            if other and not self._touching_name(head):
                return None  # but "l'ancien directeur du FBI James Comey": the name right after is the role's
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                mention = mention_at(scene.doc, child)
                actor = scene.actors.get(mention.actor) if mention is not None else None
                if actor is not None and actor.type == "person":
                    return mention.actor
        return None

    def _agent_of_event_noun(self, head: Token, scene: Scene, exclude: tuple[str, ...]) -> list[str]:
        """An act done to an act is done to its agent: the actor its own "de" phrase or possessive
        names ("soutenir l'offensive du maréchal contre la capitale": Haftar, not the capital's
        government). Only for a noun the event dictionary knows that names no actor itself."""
        if head.pos_ != "NOUN" or mention_at(scene.doc, head) is not None or self.triggers.noun_entry(head) is None:
            return []
        linking = self.grammar.linking_preposition
        for child in head.children:
            if child.i < head.i and not (child.dep_ == "det" and "Poss=Yes" in str(child.morph)):
                continue
            own = [self.grammar.base_preposition(c.lower_) for c in child.children if c.dep_ == "case"]
            if child.dep_ == "nmod" and own != [linking]:
                continue
            if child.dep_ not in ("nmod", "det"):
                continue
            if child.dep_ == "det":
                actor = self._resolved(child, scene) or salient_actor(scene.doc, child.idx, ACTOR_TYPES)
                return [actor] if actor and actor not in exclude else []
            described = self._resolved(child, scene) if mention_at(scene.doc, child) is None else None
            if described is not None:  # "du maréchal": the marshal named before, whatever hangs on it
                return [described] if described not in exclude else []
            found = [a for a in self.actors_of(child, scene, exclude=exclude) if a not in exclude]
            if found:
                return found
        return []

    def _apposed_name(self, head: Token, scene: Scene) -> str | None:
        """The actor a name apposed after ``head`` stands for (after a comma, the parser's apposition
        or conjunct)."""
        doc = scene.doc
        for token in phrase_words(head, CLAUSE_DEPS - {"conj"}):
            if token.i <= head.i or token.dep_ not in ("appos", "conj") or doc[token.i - 1].text != ",":
                continue  # the parser may read the name as a conjunct of the other party's
            if introduced_by_preposition(token):
                continue
            mention = mention_at(doc, token)
            if mention is not None and self._acting(mention.actor, scene):
                return mention.actor
        return None

    def _stranded_apposition(self, head: Token, scene: Scene) -> str | None:
        """The name apposed to a description that names no one, which the parser hung on the word
        above it ("le soutien de la plus grande fédération américaine de syndicats, l'AFL-CIO":
        the AFL-CIO, read as the apposition of "soutien"). Only right after the phrase's last word
        and a comma: further away, an apposition is the governor's own."""
        if head.pos_ != "NOUN" or head.dep_ not in ("nmod", "obl", "obl:arg", "obj") or head.head.i > head.i:
            return None
        if mention_at(scene.doc, head) is not None:
            return None
        last = max(t.i for t in phrase_words(head))
        doc = scene.doc
        if last + 2 >= len(doc) or doc[last + 1].text != ",":
            return None
        governors = [head.head, *(g for g in head.head.ancestors if g.i < head.i)]
        for child in (c for governor in governors for c in governor.children):
            if child.left_edge.i != last + 2 or child.dep_ not in STRANDED_APPOSITION_DEPS:
                continue
            if introduced_by_preposition(child) or child.pos_ not in ("PROPN", "NOUN"):
                continue  # ", à Washington": where, not who
            mention = mention_for_phrase(doc, child)
            if mention is not None and self._acting(mention.actor, scene):
                return mention.actor
        return None

    @staticmethod
    def _touching_name(head: Token) -> bool:
        """A person's name right after the role phrase, with no comma between."""
        for child in head.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN":
                continue
            before = [t.i for t in phrase_words(head) if t.i < child.left_edge.i]
            if before and max(before) == child.left_edge.i - 1 and not head.doc[child.left_edge.i - 1].is_punct:
                return True
        return False

    def _subject_after_fronted_adjunct(self, possessive: Token) -> Token | None:
        """A possessive inside a participle clause that opens the sentence refers ahead, to the
        subject of the clause it modifies ("Marquant son net désaccord avec son homologue américain,
        Emmanuel Macron a appelé…": Macron's disagreement)."""
        token = possessive.head
        while token.head.i != token.i and not (token.dep_ == "advcl" and "VerbForm=Part" in str(token.morph)):
            token = token.head
        adjunct, governor = token, token.head
        if adjunct.dep_ != "advcl" or "Tense=Pres" not in str(adjunct.morph) or adjunct.i > governor.i:
            return None
        end = max(t.i for t in adjunct.subtree)
        subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS and end < c.i < governor.i]
        if not subjects or subjects[0].lower_ in self.not_subjects or subjects[0].pos_ == "PRON":
            return None
        return subjects[0]

    def _possessor_of_staff(self, head: Token, scene: Scene, exclude: tuple[str, ...]) -> list[str]:
        """The actor "ses services", "his men" stand for: the possessor, when the noun is one of the
        staff nouns and names no actor itself (a mention of the phrase is the actor it names)."""
        if head.lemma_.lower() not in self.staff and head.lower_ not in self.staff:
            return []
        possessive = next((c for c in head.children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)), None)
        if possessive is None or mention_for_phrase(scene.doc, head) is not None:
            return []
        return [actor for actor in self.actors_of(possessive, scene, exclude) if actor not in exclude]

    def _owners_in_clause(self, possessive: Token, scene: Scene, exclude: tuple[str, ...]) -> list[str]:
        """The possessors of a plural possessive ("leurs négociations") when the clause's subject
        coordinates them ("les Etats-Unis et la Russie ont lancé leurs négociations")."""
        if possessive.lower_ not in self.grammar.plural_possessives:
            return []
        verb = possessive.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return []
        return [a for a in self.actors_of(subjects[0], scene, exclude) if a not in exclude]

    def _names_one_holder(self, noun: str, scene: Scene) -> bool:
        """A role or agent noun ("président", "ambassadeur"), which in the singular is one person."""
        kb, language = scene.coref.kb, scene.coref.language
        key = (id(kb), language)
        if key not in self._holder_nouns:
            nouns = {n.lower() for n in kb.role_nouns(language)} | {n.lower() for n in kb.agent_nouns(language)}
            self._holder_nouns[key] = frozenset(nouns)
        return noun in self._holder_nouns[key]

    def _acting(self, actor_id: str, scene: Scene) -> bool:
        actor = scene.actors.get(actor_id)
        return actor is not None and actor.type in (*ACTOR_TYPES, "place")

    def _resolved(self, head: Token, scene: Scene) -> str | None:
        """A pronoun, a demonstrative or a description through the coreference step."""
        if head.pos_ not in ("PRON", "NOUN", "DET"):
            return None
        not_actor = self._subject_actor(head.head, scene) if head.pos_ == "PRON" and head.dep_ in OBJECT_DEPS else None
        referent = scene.coref.resolve(head, not_actor=not_actor)
        if referent is None or referent.actor is None:
            return None
        actor = scene.actors.get(referent.actor)
        if actor is not None and actor.type == "place" and referent.rule == "description":
            return referent.actor  # "des frappes sur l'enclave": the place named before, a description of it
        return referent.actor if actor is not None and actor.type in ACTOR_TYPES else None

    def actors_inside(
        self, head: Token, scene: Scene, exclude: tuple[str, ...] = (), demonyms: bool = False
    ) -> list[str]:
        """Actors named inside the phrase of ``head`` (not in its relative clauses, appositions
        or coordinated phrases), nearest the head first."""
        found: list[tuple[int, str]] = []
        for token in phrase_words(head, INNER_DEPS_EXCLUDED):
            mention = mention_at(scene.doc, token)
            if mention is not None and self._where(token, mention, scene):
                continue  # "l'absence de délégation chinoise à Vienne": a place, not a party
            named = [mention.actor] if mention is not None else (self._demonyms(token, scene) if demonyms else [])
            actor_id = named[0] if named else None
            for other in named[1:]:
                if other not in exclude and other in scene.actors:
                    found.append((abs(token.i - head.i), other))  # "franco-tunisien": each country
            if actor_id is None and token.i != head.i and token.pos_ == "NOUN" and token.dep_ == "nmod":
                actor_id = self._resolved(token, scene)  # "l'offensive du maréchal": the marshal named before
            if actor_id is None or actor_id in exclude:
                continue
            actor = scene.actors.get(actor_id)
            if actor is not None and actor.type in ACTOR_TYPES:
                found.append((abs(token.i - head.i), actor_id))
        return list(dict.fromkeys(actor for _distance, actor in sorted(found)))

    def _where_in_phrase(self, mention, head: Token, scene: Scene) -> bool:
        words = scene.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return words is not None and words.root.i != head.i and self._where(words.root, mention, scene)

    def _where(self, token: Token, mention, scene: Scene) -> bool:
        """A capital or place introduced by a preposition of place ("à Vienne", "dans le Golan")."""
        actor = scene.actors.get(mention.actor)
        if actor is None or not (actor.type == "place" or mention.rule == "capital"):
            return False
        return any(c.dep_ == "case" and c.lower_ in self.arguments.default_place for c in token.children)

    def opens_purpose(self, clause: Token) -> bool:
        """Does a purpose marker ("pour", "afin") introduce ``clause``?"""
        return any(c.dep_ == "mark" and c.lower_ in self.arguments.purpose_markers for c in clause.children)

    def is_pair_phrase(self, head: Token) -> bool:
        """ "les deux parties", "les deux pays": a pair noun with its quantifier."""
        quantifiers = self.grammar.pair_quantifiers
        return self.pair_kind(head) is not None and any(c.lower_ in quantifiers for c in head.children)

    def without_home_countries(
        self, targets: tuple[str, ...], sources: tuple[str, ...], scene: Scene
    ) -> tuple[str, ...]:
        """The targets of a statement less the speakers' own countries, which a nationality word
        names as victims or as people, seldom as whom the speaker blames."""
        homes = scene.home_countries(sources)
        return tuple(t for t in targets if not (t in homes and getattr(scene.actors.get(t), "type", "") == "country"))

    def actors_in_quote(self, quote, scene: Scene, exclude: tuple[str, ...]) -> list[str]:
        """The actors a quotation names, first named first ("« Anne Hidalgo est aux abonnés
        absents », fustige Rachida Dati": Hidalgo is the one criticised)."""
        found = []
        for mention in scene.mentions_between(quote.start, quote.end):
            actor = scene.actors.get(mention.actor)
            if actor is not None and actor.type in ACTOR_TYPES and mention.actor not in exclude:
                found.append(mention.actor)
        return list(self.without_home_countries(tuple(dict.fromkeys(found)), exclude, scene))

    def _demonyms(self, token: Token, scene: Scene) -> list[str]:
        """ "la politique américaine": the country a nationality adjective names, when the article
        names that country as an actor too; both of a compound one ("le projet franco-tunisien",
        "l'accord sino-britannique")."""
        if token.dep_ != "amod" or token.pos_ != "ADJ":
            return []
        kb = scene.coref.kb
        country = kb.country_of_demonym(token.lower_)
        if country is not None:
            return [country] if country in scene.actors else []
        parts = token.lower_.split("-")
        if len(parts) < 2:
            return []
        prefixes = scene.coref.words.demonym_prefixes
        countries = [prefixes.get(part) or kb.country_of_demonym(part) for part in parts[:-1]]
        countries.append(kb.country_of_demonym(parts[-1]))
        if None in countries:
            return []
        return [c for c in dict.fromkeys(countries) if c in scene.actors]

    # --- pairs and other parties ----------------------------------------------------------

    def pair(self, head: Token, scene: Scene) -> tuple[str, ...]:
        """The two actors "les deux hommes / parties / pays" stand for."""
        if scene.pair is not None:
            return scene.pair
        kind = self.pair_kind(head) or "any"
        types = ACTOR_TYPES if kind == "any" else (kind,)
        quote = scene.quote_at(head.idx)
        speaker = quote.speaker if quote is not None else None
        counts: dict[str, list[int]] = {}
        for mention in scene.mentions_between(0, head.idx):
            actor = scene.actors.get(mention.actor)
            if mention.end > head.idx or actor is None or actor.type not in types or mention.actor == speaker:
                continue
            counts.setdefault(mention.actor, []).append(mention.start)
        ranked = sorted(counts, key=lambda a: (-len(counts[a]), counts[a][0]))
        if len(ranked) < 2:
            return ()
        first, second = ranked[0], ranked[1]
        scene.pair = (first, second) if counts[first][0] <= counts[second][0] else (second, first)
        return scene.pair

    def pair_kind(self, head: Token) -> str | None:
        """What "les deux X" stands for, if X is a pair noun (plural forms included: the lemmatizer
        turns "parties" into "party")."""
        for form in dict.fromkeys((*self.grammar.singular_forms(head.lower_), head.lemma_.lower())):
            if form in self.pair_nouns:
                return self.pair_nouns[form]
        return None

    def other_party(self, head: Token, scene: Scene, exclude: tuple[str, ...]) -> str | None:
        """ "son voisin", "son hôte": the latest actor of the source's kind that is not the source."""
        actors = scene.actors
        kinds = {actors[a].type for a in exclude if a in actors} or {"person", "country"}
        for mention in scene.mentions_before(head.idx):
            actor = actors.get(mention.actor)
            if mention.end <= head.idx and actor is not None and actor.type in kinds and mention.actor not in exclude:
                return mention.actor
        return None

    # --- targets the parse misplaces ------------------------------------------------------

    def _meeting_verb(self, head: Token) -> bool:
        """Meetings and visits ("a reçu lundi à Bamako le Premier ministre"), and entries that
        code only on an actor object ("a arrêté William Bryan"): the verbs whose object the parser
        most often loses, and whose object is always an actor."""
        entry = self.triggers.verb_entry(head)
        return entry is not None and (entry.code.startswith("04") or entry.object_is is not None)

    def _target_in_complements(
        self, head: Token, roles: tuple[str, ...], scene: Scene, sources: tuple[str, ...]
    ) -> list[str]:
        """ "ont promis de poursuivre leur aide à l'Ukraine": the target sits in the object or the
        infinitive complement of the trigger, or in the phrase of its means ("a répliqué par des
        frappes sur l'enclave")."""
        found: list[str] = []
        means = self.grammar.agent_preposition  # an active verb's "par" phrase is its means
        for child in head.children:
            by_means = (
                child.dep_ in ("obl:arg", "obl", "obl:mod")
                and child.pos_ == "NOUN"
                and any(c.dep_ == "case" and c.lower_ == means for c in child.children)
                and not self.is_passive(head)
            )  # "a répliqué par des frappes sur l'enclave": the strikes' target
            if by_means and child.i > head.i:
                for wanted in (r for r in roles if r not in ("obj", "nsubj", "agent")):
                    for phrase in self.phrases(child, wanted, passive=False):
                        found += self.actors_of(phrase, scene, exclude=sources)
            if child.dep_ in ("obj", "xcomp") and child.i > head.i:
                for grandchild in [child, *[c for c in child.children if c.dep_ in ("obj", "xcomp")]]:
                    for wanted in (r for r in roles if r not in ("obj", "nsubj", "agent")):
                        for phrase in self.phrases(grandchild, wanted, passive=False):
                            found += self.actors_of(phrase, scene, exclude=sources)
        return found

    def clause_subject(
        self,
        head: Token,
        scene: Scene,
        sources: tuple[str, ...],
        deps: tuple[str, ...] = ("ccomp", "advcl"),
        after: int | None = None,
    ) -> list[str]:
        """The actor a "que" clause of the trigger is about: its subject ("a déploré que le
        gouvernement choisisse…", "plaident pour que la Tunisie ouvre ses ports"). A passive
        clause's subject undergoes the act and is nobody's addressee, so only active subjects.
        ``after``: only clauses after that token (one of ``head``'s complements)."""
        for child in head.children:
            if child.dep_ not in deps or child.i < head.i or (after is not None and child.i < after):
                continue
            marks = [m for m in child.children if m.dep_ == "mark" and m.i < child.i]
            if not any(
                m.lower_ in self.grammar.complementizers for m in [*marks, *(f for m in marks for f in m.children)]
            ):
                continue
            for subject in (c for c in child.children if c.dep_ == "nsubj"):
                if subject.pos_ == "PRON" and scene.in_own_words(subject.idx):
                    continue
                found = [a for a in self.actors_of(subject, scene, exclude=sources) if a not in sources]
                if found:
                    return found
        return []

    def noun_clause_subject(self, noun: Token, scene: Scene, sources: tuple[str, ...]) -> list[str]:
        """The actor the "that" clause of a speech noun is about ("its demands that Burundi's
        government grant…": Burundi's government), the clause attached to the noun or, as parsers
        attach it when a word stands between ("reiterated its demand today that Israel ease…"), to
        the verb the noun is the object of, after the noun."""
        found = self.clause_subject(noun, scene, sources, deps=("acl", "ccomp"))
        if found or noun.dep_ not in ("obj", "obl") or noun.head.i == noun.i:
            return found
        return self.clause_subject(noun.head, scene, sources, deps=("ccomp",), after=noun.i)

    def condition_subject(
        self, head: Token, scene: Scene, sources: tuple[str, ...], conditions: frozenset[str]
    ) -> list[str]:
        """The actor a threat's condition is about: the subject of an "if" / "unless" clause of the
        trigger or of its complements ("threatened to stop talks if the United States goes ahead")."""
        pending = [head]
        while pending:
            token = pending.pop(0)
            for child in token.children:
                if child.i < head.i or child.dep_ in ("acl:relcl", "parataxis", "nsubj", "nsubj:pass"):
                    continue
                marks = [m for m in child.children if m.dep_ == "mark"]
                if child.dep_ == "advcl" and any(m.lower_ in conditions for m in marks):
                    for subject in (c for c in child.children if c.dep_ in SUBJECT_DEPS):
                        found = [a for a in self.actors_of(subject, scene, exclude=sources) if a not in sources]
                        if found:
                            return found
                    continue
                if child.dep_ in ("xcomp", "obj", "advcl", "ccomp"):
                    pending.append(child)
        return []

    def demonstrative_antecedent(self, head: Token, scene: Scene, sources: tuple[str, ...]) -> list[str]:
        """ "L'Iran avait annoncé avoir arrêté 17 espions. Washington a qualifié de fausses *ces
        affirmations*": an object with a demonstrative determiner takes up what the sentence before
        told, whose subject is the one the act is about; so does a sentence that is only a noun and
        its participle ("Londres a annoncé… Une annonce condamnée jeudi par Pékin.")."""
        complements = [head, *(c for c in head.children if c.dep_ == "xcomp")]  # "a qualifié de fausses ces…"
        objects = [c for h in complements for c in h.children if c.dep_ == "obj" and c.i > head.i]
        verbless = (head.dep_ == "acl" and head.head.dep_ == "ROOT" and head.head.pos_ == "NOUN") or (
            verbless_participle(head, self.grammar.agent_preposition)
        )
        if not verbless and not any(d.dep_ == "det" and "PronType=Dem" in d.morph for o in objects for d in o.children):
            return []  # "Une annonce condamnée jeudi par Pékin.": a sentence of a noun takes up the one before
        sentence = sentence_of(head)
        if sentence.start == 0:
            return []
        previous = sentence_of(scene.doc[sentence.start - 1])
        while in_heading(scene.doc, previous.start_char) and previous.start > 0:
            previous = sentence_of(scene.doc[previous.start - 1])  # "- Sanctuaire -" tells nothing
        root = previous.root
        taken_up = [o for o in objects if any(d.dep_ == "det" and "PronType=Dem" in d.morph for d in o.children)]
        if taken_up and not verbless and not self._tells_of(previous, taken_up[0], scene):
            return []  # "ces blocages" after "les membres du gouvernement montent au créneau": not theirs
        for subject in (c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")):
            found = [a for a in self.actors_of(subject, scene, exclude=sources) if a not in sources]
            if found:
                return found
        return []

    def _tells_of(self, sentence: Span, noun: Token, scene: Scene) -> bool:
        """Does the sentence tell what a demonstrative noun takes up? A noun that names an act of
        its own (an event trigger: "ces blocages") needs the sentence to tell of that act, by a
        word of its stem ("ils bloquent") or a statement it reports; a noun of anything said or
        done ("ces affirmations", "cette initiative") takes up whatever the sentence told."""
        if self.triggers.noun_entry(noun) is None:
            return True
        if any(scene.cue_quote(t) is not None for t in sentence):
            return True
        stem = noun.lemma_.lower()[:4]
        words = (t for t in sentence if t.pos_ in ("VERB", "NOUN"))
        return len(stem) == 4 and any(t.lemma_.lower().startswith(stem) for t in words)

    def _first_actor_in_phrase(self, head: Token, scene: Scene, sources: tuple[str, ...]) -> list[str]:
        """PETRARCH's target: the first actor named after the trigger in its own phrase, outside
                its clausal complements and relative clauses ("Serbia lifted a night curfew in
                Montenegro": Montenegro), its purpose clause included ("blocked roads to press their demands
            on President Bouteflika's government"), not a mere direction ("sent missiles toward
        Ukraine"). A passive trigger's subject is its target already."""
        tokens = []
        pending = [c for c in head.children if c.i > head.i and self._in_phrase(c)]
        while pending:
            token = pending.pop()
            tokens.append(token)
            pending.extend(c for c in token.children if self._in_phrase(c))
        for token in sorted(tokens, key=lambda t: t.i):
            mention = mention_at(scene.doc, token)
            if mention is None or mention.actor in sources:
                continue
            actor = scene.actors.get(mention.actor)
            if actor is not None and actor.type in (*ACTOR_TYPES, "place"):
                return [mention.actor, *self._coordinated_actors(token, scene, sources)]
        return []

    def _coordinated_actors(self, token: Token, scene: Scene, sources: tuple[str, ...]) -> list[str]:
        """The actors coordinated with the one ``token`` names ("to Iran, Libya, North Korea, Sudan,
        and Cuba": all five), each named by a mention of its own; a nationality is coordinated as the
        noun it qualifies ("between an Israeli peace movement and the PLO": the PLO too)."""
        head = token
        while head.dep_ in ("flat:name", "compound", "flat", "amod") and head.head.i != head.i and head.head.i > head.i:
            head = head.head
        found = []
        for other in coordinated(head)[1:]:
            mention = mention_at(scene.doc, other)
            actor = scene.actors.get(mention.actor) if mention is not None else None
            if actor is not None and actor.type in (*ACTOR_TYPES, "place") and mention.actor not in sources:
                found.append(mention.actor)
        return found

    def _in_phrase(self, token: Token) -> bool:
        """Part of a trigger's own phrase: not a clause of its own (an infinitive of purpose is),
        nor a phrase of direction."""
        if any(c.dep_ == "case" and c.lower_ in self.arguments.direction_prepositions for c in token.children):
            return False
        if token.dep_ == "advcl":
            return any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in token.children)
        return token.dep_ not in PHRASE_DEPS_EXCLUDED

    def _first_actor_after(
        self, head: Token, scene: Scene, sources: tuple[str, ...], subjects: bool = True
    ) -> list[str]:
        """The first actor named after the verb in its clause that no preposition introduces;
        without ``subjects``, not the subject of a verb the trigger depends on ("..., the BTA reported")."""
        doc = scene.doc
        end = sentence_of(head).end_char
        window = doc[head.i + 1 : head.i + 1 + OBJECT_WINDOW]  # bounded: linear on texts without full stops
        stop = next((t for t in window if t.text in (".", "!", "?", ";")), None)
        end = max(end, stop.idx) if stop is not None else end  # the parser may cut the sentence short
        for mention in scene.mentions_between(head.idx + 1, end):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            between = doc[head.i + 1 : span.start]
            if any(
                t.pos_ in ("VERB", "SCONJ") or t.text in (";", ":", "«") or t.lower_ in self.grammar.relative_pronouns
                for t in between
            ):
                return []
            previous = doc[span.start - 1] if span.start > 0 else None
            actor = scene.actors.get(mention.actor)
            if (previous is not None and previous.pos_ == "ADP") or actor is None or mention.actor in sources:
                continue
            if not subjects and span.root.dep_ in (*SUBJECT_DEPS, PASSIVE_SUBJECT) and span.root.head in head.ancestors:
                continue  # the subject of a verb the trigger depends on: "..., the BTA reported"
            if actor.type in ACTOR_TYPES:
                return [mention.actor]
        return []

    def unattributed_agent(
        self, trigger: Token, scene: Scene, targets: tuple[str, ...], rule: Mapping[str, Any]
    ) -> tuple[str, ...]:
        """ "Three US servicemen were killed by an improvised explosive device outside the Iraqi city
        of Basra", "dix manifestants ont été arrêtés à Hong Kong": an act whose agent the sentence
        does not name is coded to the rule's sector of the country it happened in (CAMEO's UAF for
        force, the police for arrests, the judiciary for sentences): the country the sentence names
        in a phrase of place nearest the trigger, the victims' own aside when another is named."""
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in trigger.children)
        if not self.is_passive(trigger) and not own_subject:
            return ()  # "..., killing or wounding 50": the clause's subject, unnamed here, did it
        sentence = sentence_of(trigger)
        doc = scene.doc
        target_countries = {getattr(scene.actors.get(t), "country", None) for t in targets}
        best: tuple[tuple[int, int], str] | None = None
        for mention in scene.mentions_between(sentence.start_char, sentence.end_char):
            actor = scene.actors.get(mention.actor)
            if actor is None or actor.type in ("person", "organization") or not actor.country:
                continue  # "fourni à la CIA": an organization is someone, not somewhere
            if actor.country not in scene.coref.kb.actors or mention.actor in targets:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not _in_place_phrase(span.root, rule["places"]):
                continue  # where it happened ("outside the Iraqi city of Basra"), not who was hit
            if not _hangs_on(span.root, trigger):
                continue  # "l'ambassade à Londres affirme qu'il a été condamné": where someone else is
            distance = min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))
            rank = (int(actor.country in target_countries), distance)
            if best is None or rank < best[0]:
                best = (rank, actor.country)
        kb = scene.coref.kb
        people = [scene.actors.get(t) for t in targets]
        if best is None and rule["victims_country"]:
            own = sorted({a.country for a in people if a and a.type != "country" and a.country in kb.actors})
            if len(own) > 1:
                return ()
            if own:
                best = ((1, 0), own[0])  # "le journaliste algérien X a été condamné": his country's courts
        if best is None and rule["article_country"] and all(a is not None and a.type == "person" for a in people):
            country = _article_country(scene)  # "Mahmoud Moussavi Majd a été reconnu coupable" in a story on Iran
            best = ((1, 0), country) if country in kb.actors else None
        if best is None:
            return ()
        country, sector = best[1], rule["sector"]
        code = f"{kb.actors[country].code or country}{sector}"
        if code not in scene.actors:
            from telex.records import Actor

            scene.actors[code] = Actor(code, kb.sector_name(country, sector), "group", country, code)
        return (code,)

    # --- places ---------------------------------------------------------------------------

    def location(self, trigger: Token, entry: EventEntry, scene: Scene) -> tuple[str, str | None] | None:
        """Where the event happened: a country or place in one of the entry's place phrases."""
        prepositions = entry.place or self.arguments.default_place
        for phrase in (p for prep in prepositions for p in self.phrases(trigger, prep, passive=False)):
            mention = mention_for_phrase(scene.doc, phrase)
            if mention is None:
                continue
            actor = scene.actors.get(mention.actor)
            if actor is None or actor.type not in ("country", "place"):
                continue
            return mention.text, actor.country or (actor.id if actor.type == "country" else None)
        return None

    def place_among(self, targets: tuple[str, ...], scene: Scene) -> tuple[str, str | None] | None:
        """ "a bombardé Odessa": a place acted upon is where the event happened."""
        for target in targets:
            actor = scene.actors.get(target)
            if actor is not None and actor.type == "place":
                return actor.name, actor.country
        return None


def _article_country(scene: Scene) -> str | None:
    """The country an article names most, when one clearly leads (more mentions than the next):
    where a person of no stated nationality stands trial in a story about that country."""
    counts: dict[str, int] = {}
    for mention in scene.mentions_between(0, len(scene.doc.text)):
        actor = scene.actors.get(mention.actor)
        if actor is not None and actor.type == "country":
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=counts.__getitem__)


def _hangs_on(token: Token, trigger: Token) -> bool:
    """Is ``token`` in the trigger's own clause: its heads reach the trigger before any other verb?"""
    for _ in range(6):
        if token.i == trigger.i:
            return True
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _in_place_phrase(token: Token, places: frozenset[str]) -> bool:
    """A word of a phrase of place: introduced, itself or the noun it modifies (up to two nouns up:
    "outside of the Iraqi city of Basra"), by one of the prepositions ``places``."""
    for _ in range(3):
        cases = [c for c in token.children if c.dep_ == "case"]
        if any(c.lower_ in places for c in cases):
            return True
        if token.head.i == token.i or token.head.pos_ not in ("NOUN", "PROPN"):
            return False
        token = token.head
    return False


def coordinated(phrase: Token) -> list[Token]:
    """The phrase and the phrases coordinated with it, however the parser chained them ("le
    Royaume-Uni, la France et l'Allemagne")."""
    heads = [phrase]
    pending = [c for c in phrase.children if _coordinated_with(c)]
    while pending:
        head = pending.pop(0)
        heads.append(head)
        pending.extend(c for c in head.children if _coordinated_with(c))
    return heads


def _coordinated_with(child: Token) -> bool:
    """A conjunct, or an item of a comma list the parser attached as a bare complement ("le
    Royaume-Uni, la France et l'Allemagne": "France" as nmod of "Royaume-Uni")."""
    if child.dep_ == "conj":  # a verb "coordinated" with a noun is a misparse, not a conjunct
        return child.pos_ not in ("VERB", "AUX") or child.head.pos_ in ("VERB", "AUX")
    if child.dep_ != "nmod" or child.pos_ not in ("PROPN", "NOUN"):
        return False
    before = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
    return before is not None and before.text == "," and not any(c.dep_ == "case" for c in child.children)


def _participle(token: Token) -> bool:
    """ "…, égratignant la maire": a present participle whose subject is its governor's."""
    morph = str(token.morph)
    return "VerbForm=Part" in morph and "Tense=Pres" in morph


def _owner_of_noun_before(infinitive: Token) -> Token | None:
    """ "la tentative des Etats-Unis de réimposer", "sa décision de quitter": an infinitive right
    after a noun phrase (which the parser may hang on the verb instead) is done by whoever the
    noun belongs to, not by the subject of the sentence."""
    doc = infinitive.doc
    marks = [c for c in infinitive.children if c.dep_ == "mark" and c.i < infinitive.i]
    first = marks[0].i if marks else infinitive.i
    if first == 0:
        return None
    noun = doc[first - 1]
    while noun.dep_ in ("nmod", "flat:name", "amod") and noun.head.i < noun.i:
        noun = noun.head  # up from "des Etats-Unis" to "la tentative"
    if noun.pos_ != "NOUN" or noun.dep_ not in ("obj", "nsubj", "obl:arg", "obl:mod"):
        return None
    for child in noun.children:
        if child.dep_ == "det" and "Poss=Yes" in child.morph:
            return child
        if child.dep_ == "nmod" and child.i > noun.i and child.i < first:
            return child
    return None
