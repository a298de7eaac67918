"""Mention coreference: who "il", "a-t-elle ajouté", "ce dernier", "le milliardaire américain",
"l'agence" or "une source proche de l'état-major" stand for, among the actors already named.

Quotes need it for their speakers and events for their participants, so it is one object per
document (:func:`coreference`), consulted by both in text order. It follows how wire copy refers
back to people and institutions:

- a pronoun agrees in gender and number with what it stands for. People get their gender from
  their first name (``actors/first_names.tsv``), a title ("Mme"), or the noun that named them ("la
  ministre"); organisations and countries from their article ("la Chine", "du Mali");
- the most salient candidate wins: named recently, as the subject of its clause, often;
- in a run of quotes the speaker usually stays the same: a pronoun or a description that introduces
  speech ("a-t-il ajouté", "a expliqué le responsable") prefers the last speaker;
- "ce dernier", "celui-ci": the last actor mentioned that agrees;
- descriptions ("le milliardaire américain", "l'ancien vice-président de Barack Obama", "l'agence")
  take the most salient actor of their kind that fits their gender, their country and their role;
- an indefinite source ("une source proche de l'état-major", "un diplomate européen") is a speaker
  without a name: its words are kept, attributed to the organisation or country it is close to.

Every resolution keeps the offsets of the words that refer and of the mention they continue.
Candidates are looked for in a window of recent paragraphs, so the cost is linear in the text.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from telex.actors.knowledge import load_actor_words, load_knowledge
from telex.clean.normalize import fold
from telex.nlp.blocks import block_index
from telex.nlp.doccache import mention_index, sentence_number, sentences
from telex.nlp.grammar import load_grammar
from telex.nlp.index import mentions_of, span_set

PERSON, ORGANIZATION, GROUP, COUNTRY, PLACE = "person", "organization", "group", "country", "place"
SPEAKING_TYPES = (PERSON, ORGANIZATION, GROUP, COUNTRY)
ACTING_TYPES = (PERSON, ORGANIZATION, GROUP, COUNTRY)
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})
OBJECT_DEPS = frozenset({"obj", "iobj", "obl:agent", "obl:arg"})
WINDOW_BLOCKS = 3  # how many paragraphs back a pronoun looks
DESCRIPTION_WINDOW_BLOCKS = 12  # descriptions reach further: "le milliardaire" may be paragraphs away
MAX_CANDIDATE_MENTIONS = 80  # a bound per lookup, whatever the window: linear in the text
KEY = "telex_coreference"
ANONYMOUS = "anonymous:"


@dataclass(frozen=True, slots=True)
class Referent:
    """What a referring expression stands for. ``actor`` is None for an unaffiliated anonymous
    source: a speaker the text does not name."""

    actor: str | None
    start: int  # the referring words in the doc's text
    end: int
    antecedent: tuple[int, int] | None  # the mention it continues, when there is one
    rule: str  # pronoun | demonstrative | description | anonymous
    key: str = ""  # the entity: an actor key, or "anonymous:<start>" for an anonymous source


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str  # actor key, or "anonymous:<start>" for an anonymous source
    role: str  # subject | object | other
    sentence: int
    block: int
    gender: str | None = None  # what this mention's own words say ("l'armée": fem)
    number: str | None = None

    def __lt__(self, other: _Mention) -> bool:
        return (self.start, self.end) < (other.start, other.end)


@dataclass(slots=True)
class _Entity:
    key: str
    type: str
    genders: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    country: str | None = None
    affiliation: str | None = None  # anonymous sources: the actor they speak for

    @property
    def gender(self) -> str | None:
        masc, fem = self.genders["masc"], self.genders["fem"]
        return "masc" if masc > fem else "fem" if fem > masc else None

    @property
    def number(self) -> str:
        return "plur" if self.numbers["plur"] > self.numbers["sing"] else "sing"


class Coreference:
    """The referents of one document, resolved on demand and remembered."""

    def __init__(self, doc: Doc, knowledge=None) -> None:
        self.doc = doc
        self.language = doc.lang_
        self.grammar = load_grammar(self.language, knowledge)
        self.words = load_actor_words(self.language, knowledge)
        self.kb = load_knowledge(knowledge=knowledge)
        self.first_names = _first_names(knowledge)
        self.actors = doc._.telex_actors or {}
        self.entities: dict[str, _Entity] = {}
        self.mentions: list[_Mention] = []
        self.speakers: list[tuple[int, str]] = []  # (char, entity key) of every speech, in order
        self.spoken_by: dict[str, list[int]] = {}  # entity key -> chars of its speeches, in order
        self.resolved: dict[tuple[int, int], Referent] = {}
        self.handed_out: set[tuple[int, int]] = set()
        self.affiliations: dict[str, set[str]] = defaultdict(set)  # person → organisations named beside them
        self._index_mentions()

    # --- building -------------------------------------------------------------------------

    def _sentence_number(self, token: Token) -> int:
        return sentence_number(token)

    def _index_mentions(self) -> None:
        doc = self.doc
        for mention in doc._.telex_mentions or ():
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            role = _role_of(head)
            entity = self._entity(mention.actor)
            genders, numbers = self._observe(span)
            entity.genders.update(genders)
            entity.numbers.update(numbers)
            if entity.type == PERSON:
                self.affiliations[mention.actor] |= self._named_beside(head)
            self.mentions.append(
                _Mention(
                    mention.start,
                    mention.end,
                    mention.actor,
                    role,
                    self._sentence_number(head),
                    block_index(doc, mention.start),
                    _majority(genders, ("masc", "fem")),
                    _majority(numbers, ("sing", "plur")),
                )
            )
        self.mentions.sort()

    def _named_beside(self, head: Token) -> set[str]:
        """Organisations named in apposition to a person ("Philippe Martinez, secrétaire général de la
        CGT", "le numéro un de la CGT, Philippe Martinez"): whom a later "le leader de la CGT" means."""
        index = mention_index(self.doc)
        phrases = [c for c in head.children if c.dep_ in ("appos", "conj")]
        if head.dep_ in ("appos", "conj") and head.head.i != head.i:
            phrases.append(head.head)
        found = set()
        for phrase in phrases:
            for token in phrase.subtree:
                mention = index.get(token.i)
                if (
                    mention is not None
                    and self._is_institution(mention.actor)
                    and token.i not in range(head.i, head.i + 1)
                ):
                    found.add(mention.actor)
        return found

    def _entity(self, key: str) -> _Entity:
        entity = self.entities.get(key)
        if entity is None:
            actor = self.actors.get(key)
            entity = _Entity(key, actor.type if actor else PERSON, country=actor.country if actor else None)
            if actor is not None and actor.type in (COUNTRY, PLACE):
                gender = self._place_gender(actor)
                if gender is not None:
                    entity.genders[gender] += 1
            if actor is not None and actor.type == PERSON and self.first_names is not None:
                gender = self.first_names.gender_of(actor.name)
                if gender in ("masc", "fem"):
                    entity.genders[gender] += 2
            self.entities[key] = entity
        return entity

    def _place_gender(self, actor) -> str | None:
        """The grammatical gender of a country's name in the text's language ("l'Italie" is "elle"),
        by the language's rule for place names (feminine endings, listed exceptions)."""
        rule = self.words.place_gender
        if not rule:
            return None
        known = self.kb.actors.get(actor.id)
        names = known.names.get(self.language, ()) if known is not None else ()
        name = names[0] if names else actor.name
        if name in rule.get("masculine", ()) or name in rule.get("plural", ()):
            return "masc"
        if any(name.endswith(ending) for ending in rule.get("feminine_endings", ())):
            return "fem"
        return "masc"

    def _observe(self, span) -> tuple[Counter, Counter]:
        """Gender and number evidence from one mention: its title, its article, its noun."""
        doc = self.doc
        genders: Counter = Counter()
        numbers: Counter = Counter()
        before = doc[span.start - 1] if span.start > 0 else None
        first = span[0]
        for token in (before, first):
            if token is not None and token.lower_ in self.words.honorifics:
                gender = self.words.honorifics[token.lower_]
                if gender != "any":
                    genders[gender] += 3
        if before is not None and before.pos_ in ("DET", "ADP"):
            morph = before.morph
            if "Gender=Fem" in morph:
                genders["fem"] += 1
            elif "Gender=Masc" in morph:
                genders["masc"] += 1
            if "Number=Plur" in morph:
                numbers["plur"] += 1
            elif "Number=Sing" in morph:
                numbers["sing"] += 1
        head = span.root
        if head.pos_ == "NOUN":  # a role or agent noun: "la ministre", "l'armée"
            if "Gender=Fem" in head.morph:
                genders["fem"] += 1
            elif "Gender=Masc" in head.morph:
                genders["masc"] += 1
            if "Number=Plur" in head.morph:
                numbers["plur"] += 1
            elif "Number=Sing" in head.morph:
                numbers["sing"] += 1
        return genders, numbers

    # --- speakers -------------------------------------------------------------------------

    def note_speaker(self, char: int, key: str | None) -> None:
        """A speech at ``char`` by ``key`` (an actor or an anonymous source): the next pronoun or
        description that introduces speech prefers it."""
        if key is not None:
            insort(self.speakers, (char, key))
            insort(self.spoken_by.setdefault(key, []), char)

    def last_spoken(self, key: str, before: int) -> int | None:
        """Where ``key`` last spoke before ``before`` (by bisection in that speaker's own list)."""
        spoken = self.spoken_by.get(key, [])
        position = bisect_left(spoken, before)
        return spoken[position - 1] if position else None

    def last_speaker(
        self, char: int, within_blocks: int = 2, number: str | None = None, person: bool = False
    ) -> str | None:
        """The latest speaker before ``char`` within ``within_blocks`` blocks; with ``number``, the
        latest whose entity agrees with it ("« … », a ajouté X" is one speaker, not "les Etats-Unis
        affirment" just before); with ``person``, the latest person."""
        position = bisect_left(self.speakers, (char, "")) - 1
        here = block_index(self.doc, char)
        while position >= 0:
            spoken_at, key = self.speakers[position]
            if here - block_index(self.doc, spoken_at) > within_blocks:
                return None
            entity = self.entities.get(key)
            agrees = number is None or entity is None or sum(entity.numbers.values()) == 0 or entity.number == number
            if agrees and (not person or (entity is not None and entity.type == PERSON)):
                return key
            position -= 1
        return None

    def actor_of(self, key: str | None) -> str | None:
        """The actor a key stands for: itself, or an anonymous source's affiliation."""
        if key is None:
            return None
        if key.startswith(ANONYMOUS):
            return self.entities[key].affiliation
        return key

    # --- resolution -----------------------------------------------------------------------

    def resolve(
        self,
        head: Token,
        *,
        speaking: bool = False,
        excluded: Sequence[tuple[int, int]] = (),
        not_actor: str | None = None,
    ) -> Referent | None:
        """The referent of the phrase headed by ``head``, if it is a pronoun, a demonstrative, a
        description or an anonymous source; None for anything else (or nothing found).
        ``not_actor``: who an object pronoun cannot be, its own clause's subject ("Lavrov l'a
        appelé": not Lavrov)."""
        known = self.resolved.get((head.idx, head.idx + len(head.text)))
        if known is not None:
            return known
        lower = head.lower_
        pronoun = self.grammar.pronoun(lower)
        if pronoun is not None and pronoun.role == "object" and head.pos_ != "PRON":
            return None  # "la", "les": an article unless the tagger says pronoun
        if pronoun is not None and head.pos_ in ("PRON", "DET", "ADV", "ADP", "VERB", "AUX", "NOUN", "PROPN", "X"):
            referent = self._pronoun(head, pronoun.gender, pronoun.number, speaking, excluded, not_actor)
        elif (demonstrative := self._demonstrative(head)) is not None:
            referent = demonstrative
        else:
            referent = self._description(head, speaking, excluded)
        if referent is not None:
            self.resolved[(referent.start, referent.end)] = referent
            self.resolved[(head.idx, head.idx + len(head.text))] = referent
            if referent.actor is not None or referent.rule == "anonymous":
                self._add_mention(referent, head)
        return referent

    def _add_mention(self, referent: Referent, head: Token) -> None:
        """A resolved phrase becomes a mention itself: a chain of "il" keeps its person salient."""
        key = referent.key or referent.actor
        if not key:
            return
        role = _role_of(head)
        pronoun = self.grammar.pronoun(head.lower_)
        gender = pronoun.gender if pronoun is not None and pronoun.gender != "any" else None
        number = pronoun.number if pronoun is not None else None
        mention = _Mention(
            referent.start,
            referent.end,
            key,
            role,
            self._sentence_number(head),
            block_index(self.doc, referent.start),
            gender,
            number,
        )
        insort(self.mentions, mention)

    def _candidates(self, char: int, window_blocks: int, excluded: Sequence[tuple[int, int]]) -> Iterable[_Mention]:
        """Mentions before ``char``, nearest first, within the window and outside ``excluded`` spans
        (quoted words: their "il" is someone else's voice)."""
        block = block_index(self.doc, char)
        position = bisect_left(self.mentions, _Mention(char, char, "", "", 0, 0))
        seen = 0
        for index in range(position - 1, -1, -1):
            mention = self.mentions[index]
            if block - mention.block > window_blocks:
                return
            seen += 1
            if seen > MAX_CANDIDATE_MENTIONS:
                return
            if mention.end > char or (excluded and span_set(excluded).covers(mention.start)):
                continue
            yield mention

    def _mention_agrees(self, entity: _Entity, mention: _Mention, gender: str | None, number: str | None) -> bool:
        """People agree through who they are (one gender, one person); institutions and groups
        through the words of the mention itself ("l'armée" is "elle", "les soldats" are "ils")."""
        if entity.type == PERSON or entity.key.startswith(ANONYMOUS):
            return self._agrees(entity, gender, number)
        own_number = mention.number or (entity.number if sum(entity.numbers.values()) else None)
        if number is not None and own_number is not None and own_number != number:
            return False
        own_gender = mention.gender or entity.gender
        return gender in (None, "any") or own_gender is None or own_gender == gender

    def _agrees(self, entity: _Entity, gender: str | None, number: str | None) -> bool:
        plural_name = number == "plur" and entity.type in (GROUP, COUNTRY) and entity.numbers["plur"] > 0
        if number is not None and entity.number != number and not plural_name:
            return False  # "les Etats-Unis ... ils": a plural name counts; a person is never plural
        known = entity.gender
        return gender in (None, "any") or known is None or known == gender

    def _score(
        self,
        char: int,
        candidates: Iterable[_Mention],
        accept,
        speaking: bool,
        subject: bool,
    ) -> tuple[str, _Mention] | None:
        here = self._sentence_number_at(char)
        scores: dict[str, float] = defaultdict(float)
        latest: dict[str, _Mention] = {}
        for mention in candidates:
            entity = self.entities.get(mention.key) or self._entity(mention.key)
            if not accept(entity, mention):
                continue
            weight = {"subject": 80.0, "object": 50.0}.get(mention.role, 30.0)
            if subject and mention.role == "subject":
                weight += 20.0  # parallel roles: a subject pronoun continues a subject
            distance = max(here - mention.sentence, 0)
            scores[mention.key] += weight * 0.5**distance
            latest.setdefault(mention.key, mention)
        if not scores:
            return None
        last = self.last_speaker(char)
        if last is not None and last in scores:
            scores[last] += 150.0 if speaking else 0.0
        for key in scores:
            if speaking and (self.entities[key].type == PERSON or key.startswith(ANONYMOUS)):
                scores[key] += 40.0  # "a-t-il ajouté": people speak far more often than countries
        best = max(scores, key=lambda key: (scores[key], latest[key].start))
        return best, latest[best]

    def _sentence_number_at(self, char: int) -> int:
        token = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return sentence_number(token[0]) if token is not None and len(token) else 0

    def _pronoun(
        self,
        head: Token,
        gender: str,
        number: str,
        speaking: bool,
        excluded: Sequence[tuple[int, int]],
        not_actor: str | None = None,
    ) -> Referent | None:
        types = SPEAKING_TYPES if speaking else ACTING_TYPES

        def accept(entity: _Entity, mention: _Mention) -> bool:
            typed = entity.type in types or entity.key.startswith(ANONYMOUS)
            if not_actor is not None and self.actor_of(entity.key) == not_actor:
                return False
            return typed and self._mention_agrees(entity, mention, gender, number)

        found = self._score(
            head.idx,
            self._candidates(head.idx, WINDOW_BLOCKS, excluded),
            accept,
            speaking,
            head.dep_ in SUBJECT_DEPS,
        )
        if found is None:
            return None
        key, mention = found
        return self._referent(key, head.idx, head.idx + len(head.text), mention, "pronoun")

    def possessor(self, determiner: Token) -> Referent | None:
        """Who "son", "sa", "leur" stands for: a speaker, as a possessive pronoun ("un communiqué de
        son bureau" is the possessor's)."""
        number = "plur" if determiner.lower_ in ("leur", "leurs") else "sing"
        return self._pronoun(determiner, "any", number, True, ())

    def _referent(self, key: str, start: int, end: int, mention: _Mention | None, rule: str) -> Referent:
        antecedent = (mention.start, mention.end) if mention is not None else None
        if key.startswith(ANONYMOUS):
            return Referent(self.entities[key].affiliation, start, end, antecedent, "anonymous", key)
        return Referent(key, start, end, antecedent, rule, key)

    def _demonstrative(self, head: Token) -> Referent | None:
        """ "ce dernier", "celle-ci": the last actor mentioned that agrees."""
        phrase = None
        for size in (1, 2):
            start = head.i - size + 1
            if start >= 0:
                words = " ".join(t.lower_ for t in self.doc[start : head.i + 1])
                if words in self.words.demonstratives:
                    phrase = (start, words)
        if phrase is None:
            return None
        first, words = phrase
        gender, number = self.words.demonstratives[words]
        span = self.doc[first : head.i + 1]
        here = self._sentence_number(head)  # its mentions, found by bisection (a sentence either side)
        spans = sentences(self.doc)
        low_char, high_char = spans[max(here - 1, 0)].start_char, spans[min(here + 1, len(spans) - 1)].end_char
        low = bisect_left(self.mentions, _Mention(low_char, low_char, "", "", 0, 0))
        high = bisect_left(self.mentions, _Mention(high_char, high_char, "", "", 0, 0))
        own_subjects = {m.key for m in self.mentions[low:high] if m.role == "subject" and m.sentence == here}
        for mention in self._candidates(span.start_char, WINDOW_BLOCKS, ()):
            entity = self.entities.get(mention.key) or self._entity(mention.key)
            agrees = self._mention_agrees(entity, mention, gender, number)
            if entity.type in ACTING_TYPES and agrees and mention.key not in own_subjects:
                return self._referent(mention.key, span.start_char, span.end_char, mention, "demonstrative")
        return None

    # --- descriptions ---------------------------------------------------------------------

    def _description(self, head: Token, speaking: bool, excluded: Sequence[tuple[int, int]]) -> Referent | None:
        """A noun phrase naming an actor by what it is: definite ("le milliardaire américain",
        "l'agence") → an actor already named; indefinite with a source noun ("une source proche de
        l'état-major") → an anonymous source."""
        if head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        noun = self._noun_phrase_key(head)
        if noun is None:
            return None
        determiner = next((c for c in head.children if c.dep_ == "det"), None)
        definite = determiner is None or "Definite=Def" in determiner.morph or "PronType=Dem" in determiner.morph
        span = self._phrase_span(head)
        if not definite and noun in self.words.source_nouns:
            return self._anonymous(head, span)
        if not definite:
            return None
        if noun in self.words.organization_descriptions:
            kind = (ORGANIZATION, GROUP)
        elif noun in self.words.country_descriptions:
            kind = (COUNTRY,)
        elif noun in self.words.place_descriptions:
            kind = (PLACE,)  # "des frappes sur l'enclave" after "la bande de Gaza"
        elif noun in self.words.person_descriptions or self._is_role_noun(noun):
            kind = (PERSON,)
        else:
            return None
        gender = "fem" if "Gender=Fem" in head.morph else "masc" if "Gender=Masc" in head.morph else None
        if kind != (PERSON,):
            gender = None  # "l'agence" is feminine, the agency's name need not be
        number = "plur" if "Number=Plur" in head.morph else "sing"
        country = self._demonym_in(head)
        inside = list(mentions_of(self.doc).inside(span.start_char, span.end_char))
        named_inside = {mention.actor for mention in inside}
        role = noun if self._is_role_noun(noun) else None
        # "la présidente du Rassemblement national", not "le vice-président … sur CNN"
        institutions = {m.actor for m in inside if self._is_institution(m.actor) and self._linked(m)}
        institutions |= self._described_institutions(head, inside)
        if role is not None and institutions:
            role = None  # "la présidente du Rassemblement national" leads the party, not the country
        members = {person for person, orgs in self.affiliations.items() if orgs & institutions}
        members |= self._coded_members(institutions)
        # "le leader syndical": someone of that sector (a union's leader codes …LAB), not any leader
        sector = self._sector_adjective(head)

        def accept(entity: _Entity, mention: _Mention) -> bool:
            if entity.key.startswith(ANONYMOUS):
                return kind == (PERSON,) and noun in self.words.source_nouns | {"responsable"}
            if entity.type not in kind or entity.key in named_inside:
                return False
            if (
                members
                and entity.key not in members
                and not (kind == (PERSON,) and not any(self._agrees(self._entity(m), gender, number) for m in members))
            ):
                return False  # "le leader de la CGT": the person the text names as of the CGT
            if country is not None and entity.country not in (None, country):
                return False
            if country is not None and entity.country is None and kind != (PERSON,):
                return False  # "l'agence iranienne" is not the IAEA, of no country
            if sector is not None and not self._of_sector(entity.key, sector):
                return False
            if role is not None and not self._could_hold(entity.key, role):
                return False  # "l'ancien vice-président" is not the president named last
            if kind == (PERSON,) and not self._of_described_trade(entity.key, noun):
                return False  # "le procureur" is not the journalist named last
            return kind != (PERSON,) or self._agrees(entity, gender, number)

        found = self._score(
            span.start_char,
            self._candidates(span.start_char, DESCRIPTION_WINDOW_BLOCKS, excluded),
            accept,
            speaking,
            head.dep_ in SUBJECT_DEPS,
        )
        if found is None and self._in_headline(span.start_char):
            found = self._protagonist(span.end_char, accept)  # a headline names who the article is about
        if found is None:
            return None
        key, mention = found
        if role is not None and not key.startswith(ANONYMOUS) and not self._could_hold(key, role):
            return None  # "le président" is not the opposition leader named before
        if kind not in ((PERSON,), (COUNTRY,), (PLACE,)) and not self._named_like(key, noun):
            # "l'agence": an organisation whose name says agency, never just the latest organisation
            better = self._score(
                span.start_char,
                self._candidates(span.start_char, DESCRIPTION_WINDOW_BLOCKS, excluded),
                lambda e, m: accept(e, m) and self._named_like(e.key, noun),
                speaking,
                False,
            )
            if better is None:
                return None
            key, mention = better
        return self._referent(key, span.start_char, span.end_char, mention, "description")

    def _in_headline(self, char: int) -> bool:
        from telex.nlp.blocks import STANDFIRST, TITLE, block_at

        block = block_at(self.doc, char)
        return block is not None and block.kind in (TITLE, STANDFIRST)

    def _protagonist(self, after: int, accept) -> tuple[str, _Mention] | None:
        """For a description in the title or standfirst ("…, assure le président du port de Sète"),
        which refers forward: the actor that fits it and that the next paragraphs mention most."""
        end_block = block_index(self.doc, after) + DESCRIPTION_WINDOW_BLOCKS
        counts: Counter = Counter()
        first: dict[str, _Mention] = {}
        position = bisect_left(self.mentions, _Mention(after, after, "", "", 0, 0))
        for mention in self.mentions[position : position + MAX_CANDIDATE_MENTIONS * 2]:
            if mention.block > end_block:
                break
            entity = self.entities.get(mention.key) or self._entity(mention.key)
            if accept(entity, mention):
                counts[mention.key] += 1
                first.setdefault(mention.key, mention)
        if not counts:
            return None
        key = max(counts, key=lambda k: (counts[k], -first[k].start))
        return key, first[key]

    def _described_institutions(self, head: Token, inside) -> set[str]:
        """Organisations a role's complement describes rather than names ("le patron de l'agence
        onusienne" after "l'AIEA"): the description's own referent."""
        if head.pos_ not in ("NOUN", "PROPN") or not self._is_role_noun(head.lemma_.lower()):
            return set()
        found = set()
        for child in head.children:
            cases = [c for c in child.children if c.dep_ == "case"]
            if child.dep_ != "nmod" or not cases or cases[0].lower_ not in self.words.role_links:
                continue
            if any(m.start <= child.idx < m.end for m in inside):
                continue  # named: counted already
            referent = self._description(child, False, ())
            if referent is not None and referent.actor is not None and self._is_institution(referent.actor):
                found.add(referent.actor)
        return found

    def _coded_members(self, institutions: set[str]) -> set[str]:
        """People whose CAMEO code is an organisation's own code, when that code is the
        organisation's and not a country's sector (Rafael Grossi, IGOUNOIAE, of the IAEA; never
        every IRNGOV person for "le directeur de l'OIEA")."""
        members: set[str] = set()
        for institution in institutions:
            code = (self.actors[institution].code or "") if institution in self.actors else ""
            if not code or (len(code) <= 6 and code[:3] in self._country_codes()):
                continue
            members |= {k for k, a in self.actors.items() if a.code == code and a.type == PERSON}
        return members

    def _country_codes(self) -> frozenset[str]:
        cached = getattr(self, "_country_codes_cache", None)
        if cached is None:
            cached = frozenset(a.code for a in self.kb.actors.values() if a.type == COUNTRY and a.code)
            self._country_codes_cache = cached
        return cached

    def _is_institution(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.type in (ORGANIZATION, GROUP)

    def _noun_phrase_key(self, head: Token) -> str | None:
        """The description noun of a phrase: its head lemma or word, or head + adjective/complement
        when the data lists the multiword form ("haut responsable", "homme d'affaires")."""
        candidates = [head.lemma_.lower(), head.lower_]
        for child in head.children:
            if child.i == head.i - 1 and child.dep_ == "amod":
                candidates.insert(0, f"{child.lower_} {head.lower_}")
        following = self.doc[head.i + 1 : head.i + 3]
        if len(following) == 2:
            candidates.insert(0, f"{head.lower_} {following[0].lower_}{following[1].lower_}")
            candidates.insert(0, f"{head.lower_} {following[0].lower_} {following[1].lower_}")
        known = (
            self.words.person_descriptions
            | self.words.organization_descriptions
            | self.words.country_descriptions
            | self.words.place_descriptions
            | self.words.source_nouns
        )
        return next((c for c in candidates if c in known or self._is_role_noun(c)), None)

    def _is_role_noun(self, noun: str) -> bool:
        return noun in self._role_nouns()

    def _role_nouns(self) -> dict[str, str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = {noun.lower(): role for noun, role in self.kb.role_nouns(self.language).items()}
            self._roles_cache = cached
        return cached

    def _linked(self, mention) -> bool:
        """Is the mention a role's complement ("du Rassemblement national"): introduced by a
        linking preposition of the language, not by "sur", "à", "avec"?"""
        words = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if words is None or not len(words):
            return False
        cases = [c for c in words.root.children if c.dep_ == "case"]
        before = self.doc[words.start - 1] if words.start > 0 else None
        linking = cases[0] if cases else before
        return linking is not None and linking.lower_ in self.words.role_links

    def _sector_adjective(self, head: Token) -> str | None:
        """The CAMEO sector an adjective of the phrase names ("militaire" → MIL, "syndical" → LAB)."""
        return next(
            (self.words.sector_adjectives[c.lower_] for c in head.children if c.lower_ in self.words.sector_adjectives),
            None,
        )

    def _of_sector(self, key: str, sector: str) -> bool:
        """Whether an actor's CAMEO code holds a sector ("FRALAB" is of LAB); one without a code
        may be of any."""
        actor = self.actors.get(key)
        code = actor.code if actor is not None else None
        return not code or sector in [code[i : i + 3] for i in range(0, len(code), 3)]

    def _could_hold(self, key: str, noun: str) -> bool:
        """A known person described by a role noun must have held that role at some time; unknown
        people (not in the knowledge base) may hold anything."""
        role = self._role_nouns().get(noun)
        known = self.kb.actors.get(key)
        if role is None or known is None or not known.roles:
            return True
        related = {role, *self.kb.roles[role].fallback} if role in self.kb.roles else {role}
        return any(spell.role in related for spell in known.roles)

    def _of_described_trade(self, key: str, noun: str) -> bool:
        """A noun of a trade (``description_sectors``: "le procureur", JUD) describes only a person
        of that sector, by their code or any role they held: never the journalist (DZAMED) nor the
        lawyer of no known sector named last, nor "l'ancien général" the president."""
        sector = self.words.description_sectors.get(noun)
        if sector is None:
            return True
        known = self.kb.actors.get(key)
        if known is not None and any(self.kb.sector_of_role(spell.role) == sector for spell in known.roles):
            return True  # a listed person who ever held a role of that sector ("le maréchal" Haftar)
        actor = self.actors.get(key)
        code = (actor.code or "") if actor is not None else ""
        return code[3:6] == sector

    def _named_like(self, key: str, noun: str) -> bool:
        """Does the actor's name contain the description noun ("l'agence" → "Agence internationale...")?"""
        known = self.kb.actors.get(key)
        names = known.all_aliases() if known is not None else ()
        actor = self.actors.get(key)
        names = (*names, actor.name) if actor is not None else names
        folded = fold(noun)
        if any(folded in fold(name).split() for name in names):
            return True
        sector = self.words.description_sectors.get(noun)  # "le journal": a medium, whatever its name
        return sector is not None and actor is not None and (actor.code or "").endswith(sector)

    def _demonym_in(self, head: Token) -> str | None:
        """The country a description's adjective names ("le milliardaire *américain*")."""
        for child in head.children:
            if child.dep_ in ("amod", "nmod") and child.pos_ in ("ADJ", "NOUN", "PROPN"):
                country = self.kb.country_of_demonym(child.lower_)
                if country is not None:
                    return country
        return None

    def _phrase_span(self, head: Token):
        """The description's own words: determiner, adjectives and complements, not a relative clause."""
        keep = [head]
        for child in head.children:
            if child.dep_ in ("det", "amod", "nmod", "case", "fixed", "flat:name", "compound", "nummod", "appos"):
                keep.extend(child.subtree)
        start = min(t.i for t in keep)
        end = max(t.i for t in keep) + 1
        return self.doc[start:end]

    def _anonymous(self, head: Token, span) -> Referent:
        """ "une source proche de l'état-major": a speaker without a name, affiliated to the actor its
        phrase names (an organisation or country named in it, or a demonym: "un diplomate européen")."""
        affiliation = None
        index = mention_index(self.doc)
        for token in span:
            mention = index.get(token.i)
            if (
                mention is not None
                and any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in token.children)
                and getattr(self.actors.get(mention.actor), "type", None) == ORGANIZATION
            ):
                continue  # "a déclaré un porte-parole à l'AFP": whom it was said to ("à Téhéran" places it)
            if mention is not None:
                actor = self.actors.get(mention.actor)
                if actor is not None and actor.type in (ORGANIZATION, GROUP, COUNTRY):
                    affiliation = mention.actor
                    break
        if affiliation is None:
            affiliation = self._demonym_in(head)
            if affiliation is not None and affiliation not in self.actors:
                affiliation = None  # a country the article does not otherwise name has no actor record
        if affiliation is None:
            affiliation = self._sector_named_before(head)
        possessive = next((c for c in head.children if c.dep_ == "det" and "Poss=Yes" in c.morph), None)
        if affiliation is None and possessive is not None:  # "selon son entourage": the possessor's circle
            owner = self._pronoun(possessive, "any", "sing", False, ())
            affiliation = owner.actor if owner is not None else None
        key = f"{ANONYMOUS}{span.start_char}"
        entity = _Entity(key, PERSON, affiliation=affiliation)
        gender = "fem" if "Gender=Fem" in head.morph else "masc" if "Gender=Masc" in head.morph else None
        if gender:
            entity.genders[gender] += 1
        entity.numbers["plur" if "Number=Plur" in head.morph else "sing"] += 1
        self.entities[key] = entity
        return Referent(affiliation, span.start_char, span.end_char, None, "anonymous", key)

    def _sector_named_before(self, head: Token) -> str | None:
        """ "un porte-parole militaire" after "l'armée israélienne": the latest actor of the sector
        its adjective names."""
        sector = self._sector_adjective(head)
        if sector is None:
            return None
        position = bisect_left(self.mentions, _Mention(head.idx, head.idx, "", "", 0, 0))
        for mention in reversed(self.mentions[max(0, position - MAX_CANDIDATE_MENTIONS) : position]):
            actor = self.actors.get(mention.key)
            if actor is not None and actor.type in (ORGANIZATION, GROUP) and (actor.code or "").endswith(sector):
                return mention.key
        return None

    # --- output ---------------------------------------------------------------------------

    def new_mentions(self) -> list[Referent]:
        """Resolutions not yet handed out (each once), for the caller to add to the doc's mentions."""
        fresh = {(r.start, r.end): r for r in self.resolved.values() if (r.start, r.end) not in self.handed_out}
        self.handed_out.update(fresh)
        return sorted((r for r in fresh.values() if r.actor is not None), key=lambda r: r.start)


def _role_of(head: Token) -> str:
    """subject | object | other: the grammatical role of a mention, through apposition ("Le numéro
    un de la CGT, Philippe Martinez, a affirmé": Martinez is the subject too)."""
    token = head
    for _ in range(3):
        if token.dep_ in ("appos", "conj", "flat:name", "flat") and token.head.i != token.i:
            token = token.head
        else:
            break
    return "subject" if token.dep_ in SUBJECT_DEPS else "object" if token.dep_ in OBJECT_DEPS else "other"


def _majority(counts: Counter, values: tuple[str, str]) -> str | None:
    first, second = counts[values[0]], counts[values[1]]
    return values[0] if first > second else values[1] if second > first else None


def coreference(doc: Doc, knowledge=None) -> Coreference:
    """The document's coreference state, made on first use after ``telex_actors`` has run."""
    state = doc.user_data.get(KEY)
    if state is None or state.doc is not doc:
        state = Coreference(doc, knowledge)
        doc.user_data[KEY] = state
    return state


def _first_names(knowledge):
    try:
        from telex.actors.names import load_first_names
    except ImportError:  # the first-name list arrives with its own module
        return None
    return load_first_names(knowledge)
