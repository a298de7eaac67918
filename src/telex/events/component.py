"""``telex_events``: who did what to whom, coded in CAMEO, read over the dependency parse.

For every verb or noun of the event dictionaries (``data/events/``) the coder finds the source
and target actors where the entry says to look (subject, object, "avec X", "la visite de X",
the subject of a light verb: "ont eu un échange"), decides the status from the modality
lexicon (intended: "va aider", "devrait renforcer"; negated: "n'a pas rencontré"; denied:
"niant toute transaction d'armes" becomes a denial statement, never the act; reported: inside
a quotation or reported speech) and dates it. Precision comes first: an event needs a source
and a target actor, and an intention is coded only where CAMEO has an intent code for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from telex.events.dating import date_event
from telex.events.dictionary import EventEntry, load_arguments, load_event_dictionary, load_modality
from telex.knowledge import Knowledge
from telex.nlp.doccache import doc_text, sentence_of, sentences
from telex.nlp.extensions import register_extensions
from telex.nlp.grammar import load_grammar
from telex.nlp.salience import mention_for_phrase, salient_actor
from telex.quotes.lexicon import load_cues

SUBJECT_DEPS = ("nsubj", "expl:subj")
PASSIVE_SUBJECT = "nsubj:pass"
AGENT_DEP = "obl:agent"
INHERIT_SUBJECT_DEPS = ("xcomp", "conj", "advcl", "acl", "ccomp")
ACTOR_TYPES = ("person", "country", "organization", "group")
HOST_CODE, VISIT_CODE = "043", "042"
DENIAL_CODE = "016"  # CAMEO "Deny responsibility": a denial statement, whatever was denied


@dataclass(frozen=True, slots=True)
class EventFound:
    """An event in the doc's own text offsets; actors are keys of ``doc._.telex_actors``."""

    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: str
    date: str | None
    date_source: str | None
    location: tuple[str, str | None] | None = None
    quote: object | None = None  # the QuoteFound reporting it
    rule: str = ""


@dataclass(slots=True)
class _Context:
    doc: Doc
    published: date | None
    pair: tuple[str, str] | None = None
    quotes: list = field(default_factory=list)


class EventCoder:
    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        register_extensions()
        self.name = name
        self.language = language = nlp.lang
        self.dictionary = load_event_dictionary(language, knowledge=knowledge)
        self.modality = load_modality(language, knowledge=knowledge)
        self.grammar = grammar = load_grammar(language, knowledge)
        self.arguments = arguments = load_arguments(language, knowledge)
        self.pronouns_one = grammar.forms(number="sing", role="subject")
        self.pronouns_two = grammar.forms(number="plur", role="subject")
        self.not_subjects = grammar.euphonic_t | grammar.relative_pronouns
        self.intent_nouns = self.modality.lemmas("intended", "marker")
        self.pair_nouns = arguments.pair_nouns
        self.relational = arguments.relational_nouns
        self.hypothetical = arguments.hypothetical
        self.light_verbs = frozenset(self.dictionary.light_verbs)
        self.denial_verbs = self.modality.denial_verbs
        self.negation_words = self.modality.negation_words
        self.intent_verbs = self.modality.intent_verbs
        self.modal_verbs = {c.lemma: c for c in self.modality.cues if c.role == "modal" and c.lemma}
        self.auxiliaries = self.modality.lemmas("intended", "auxiliary")
        self.refusals = self.modality.lemmas("negated", "verb")
        self.object_control = arguments.object_control
        self.cues = load_cues(language, knowledge=knowledge)

    # --- the component --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        context = _Context(doc, doc._.telex_date, quotes=list(doc._.get("telex_quotes") or ()))
        events: list[EventFound] = []
        previous_by_paragraph: dict[int, EventFound] = {}
        for sentence in sentences(doc):
            if sentence.text.rstrip().endswith("?"):
                continue  # a question states no event
            found: list[EventFound] = []
            for token in sentence:
                if token.pos_ in ("VERB", "AUX"):
                    found += self._verb_events(token, sentence, context)
                elif token.pos_ in ("NOUN", "PROPN"):
                    found += self._noun_events(token, sentence, context, previous_by_paragraph)
            for event in _unique(found):
                if all(not _same_event(event, other) for other in events):
                    events.append(event)
                    previous_by_paragraph[_paragraph_of(doc, event.start)] = event
        doc._.telex_events = _one_meeting_per_pair_and_day(events)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # --- verbs ----------------------------------------------------------------------------

    def _verb_events(self, verb: Token, sentence: Span, context: _Context) -> list[EventFound]:
        if verb.lemma_.lower() in self.denial_verbs:
            return self._denials(verb, sentence, context)
        entry = self._verb_entry(verb)
        if entry is None:
            return []
        objects, modifiers, complements = self._context_words(verb)
        reading = entry.reading(objects, modifiers, complements)
        if reading.denial:
            return []
        status, modal_rule = self._status(verb, context)
        if status == "denied":
            return []  # coded once, as the denial statement, by the denial verb
        sources = self._participants(verb, entry.source, context, role="source")
        targets = self._participants(verb, entry.target, context, role="target", sources=sources)
        return self._emit(entry, reading, verb, sentence, context, sources, targets, status, modal_rule)

    def _verb_entry(self, verb: Token) -> EventEntry | None:
        entries = self.dictionary.verb_entries(verb.lemma_.lower()) or self.dictionary.verb_entries(verb.lower_)
        if not entries:
            return None  # most verbs: decided without looking at their dependents
        reflexive = any(c.lower_ in self.grammar.reflexive_pronouns for c in verb.children)
        dependents = _dependent_words(verb) if any(e.words for e in entries) else set()
        for entry in entries:
            if entry.reflexive and not reflexive:
                continue
            if entry.words and not all(word in dependents for word in entry.words):
                continue
            return entry
        return None

    def _context_words(self, head: Token) -> tuple[list[str], list[str], list[str]]:
        """Lemmas of the trigger's object and complements, modifiers of its object, and verbs of
        its infinitive complements: what refinements test."""
        objects, modifiers, complements = [], [], []
        for child in head.children:
            if child.dep_ in ("obj", "obl:arg", "obl:mod", "nmod", "iobj", "obl", "xcomp", "nsubj:pass"):
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
        return objects, modifiers, complements

    # --- status ---------------------------------------------------------------------------

    def _status(self, trigger: Token, context: _Context) -> tuple[str, str]:
        """asserted | intended | negated | denied | reported, and the cue that decided it."""
        for governor in _governors(trigger):
            lemma = governor.lemma_.lower()
            if lemma in self.denial_verbs:
                return "denied", lemma
            if lemma in self.refusals:
                return "refused", lemma
        if self._negated(trigger):
            return "negated", "negation"
        chain = [trigger, *_governors(trigger)]
        for token in chain:
            lemma = token.lemma_.lower()
            if token.i != trigger.i and (lemma in self.auxiliaries or lemma in self.intent_verbs):
                return "intended", lemma
            if token.i != trigger.i and lemma in self.modal_verbs:
                cue = self.modal_verbs[lemma]
                if cue.requires is None or cue.requires in str(token.morph):
                    return "intended", lemma
            if "Tense=Fut" in str(token.morph) or any(
                "Tense=Fut" in str(aux.morph) for aux in token.children if aux.dep_.startswith("aux")
            ):
                return "intended", "future"
            if token.dep_ not in ("xcomp", "acl"):
                break
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nmod", "obj", "nsubj", "conj"):
            holder = trigger.head
            if any("Tense=Fut" in str(c.morph) for c in holder.children if c.dep_ in ("cop", "aux", "aux:tense")) or (
                "Tense=Fut" in str(holder.morph)
            ):
                return "intended", "future"
        if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in self.intent_nouns:
            return "intended", trigger.head.lemma_.lower()
        if self._hearsay_conditional(trigger):
            return "reported", "conditional"
        for governor in _governors(trigger):
            if (
                governor.pos_ in ("VERB", "AUX")
                and self.cues.find(governor.lower_, governor.lemma_) is not None
                and (trigger.dep_ in ("xcomp", "ccomp", "advcl") or trigger.head.i != governor.i)
            ):
                return "reported", f"said:{governor.lemma_.lower()}"
        if self._quote_of(trigger, context) is not None:
            return "reported", "quote"
        if any(c.lemma_.lower() in self.modality.report_markers for c in trigger.subtree if c.dep_ == "case"):
            return "reported", "selon"
        return "asserted", ""

    def _hearsay_conditional(self, trigger: Token) -> bool:
        """ "aurait attaqué": the past conditional of hearsay."""
        return any(
            aux.dep_.startswith("aux") and aux.lemma_ in self.grammar.auxiliaries and "Mood=Cnd" in str(aux.morph)
            for aux in trigger.children
        )

    def _negated(self, trigger: Token) -> bool:
        for child in trigger.children:
            if (
                child.dep_ == "advmod"
                and (child.lemma_.lower() in self.negation_words or "Polarity=Neg" in str(child.morph))
                and child.lower_ not in self.grammar.negation_clitics
            ):
                return True
        aux_or_head = [c for c in trigger.children if c.dep_.startswith("aux")]
        return any(
            c.dep_ == "advmod"
            and c.lemma_.lower() in self.negation_words
            and c.lower_ not in self.grammar.negation_clitics
            for aux in aux_or_head
            for c in aux.children
        )

    def _quote_of(self, token: Token, context: _Context):
        for quote in context.quotes:
            if quote.start <= token.idx < quote.end:
                return quote
        return None

    # --- participants ---------------------------------------------------------------------

    def _participants(
        self, head: Token, roles: tuple[str, ...], context: _Context, role: str, sources: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        passive = any(c.dep_ in ("aux:pass", PASSIVE_SUBJECT) for c in head.children)
        found: list[str] = []
        for wanted in roles:
            for phrase in self._phrases(head, wanted, passive):
                found += self._actors_of(phrase, context, exclude=sources)
            if found:
                break
        if not found and role == "target" and head.pos_ in ("VERB", "AUX"):
            found = self._target_in_complements(head, roles, context, sources)
            has_complement = any(c.dep_ in ("obj", "ccomp", "xcomp") for c in head.children)
            if not found and "obj" in roles and not passive and not has_complement and self._meeting_verb(head):
                found = self._first_actor_after(head, context, sources)
        return tuple(dict.fromkeys(a for a in found if a not in sources or role == "source"))

    def _meeting_verb(self, head: Token) -> bool:
        """Meetings and visits ("a reçu lundi à Bamako le Premier ministre"): the verbs whose
        object the parser most often loses behind a date or a place, and whose object is
        always an actor."""
        entry = self._verb_entry(head)
        return entry is not None and entry.code.startswith("04")

    def _target_in_complements(self, head: Token, roles, context: _Context, sources) -> list[str]:
        """ "ont promis de poursuivre leur aide à l'Ukraine": the target sits in the object or the
        infinitive complement of the trigger."""
        found: list[str] = []
        for child in head.children:
            if child.dep_ in ("obj", "xcomp") and child.i > head.i:
                for grandchild in [child, *[c for c in child.children if c.dep_ in ("obj", "xcomp")]]:
                    for wanted in (r for r in roles if r not in ("obj", "nsubj", "agent")):
                        for phrase in self._phrases(grandchild, wanted, passive=False):
                            found += self._actors_of(phrase, context, exclude=sources)
        return found

    def _first_actor_after(self, head: Token, context: _Context, sources) -> list[str]:
        """The parser often loses the object behind a date or a place ("a reçu lundi à Bamako le
        Premier ministre nigérien"): take the first actor named after the verb in its clause that
        no preposition introduces."""
        doc = context.doc
        actors = doc._.telex_actors or {}
        for mention in doc._.telex_mentions or ():
            if mention.start <= head.idx or mention.start >= sentence_of(head).end_char:
                continue
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
            actor = actors.get(mention.actor)
            if (previous is not None and previous.pos_ == "ADP") or actor is None or mention.actor in sources:
                continue
            if actor.type in ACTOR_TYPES:
                return [mention.actor]
        return []

    def _phrases(self, head: Token, wanted: str, passive: bool) -> list[Token]:
        children = list(head.children)
        if wanted == "nsubj":
            if passive:
                return []
            subjects = [c for c in children if c.dep_ in SUBJECT_DEPS and c.lower_ not in self.not_subjects]
            if subjects:
                return subjects
            governor = head
            while governor.dep_ in INHERIT_SUBJECT_DEPS and governor.head.i != governor.i:
                complement = governor
                governor = governor.head
                if complement.dep_ in ("xcomp", "advcl") and governor.lemma_.lower() in self.object_control:
                    objects = [c for c in governor.children if c.dep_ in ("obj", "iobj")]
                    if objects:  # "accuser l'Ukraine d'avoir attaqué": the Ukraine attacked
                        return objects
                subjects = [
                    c for c in governor.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in self.not_subjects
                ]
                if subjects:
                    return subjects
            return []
        if wanted == "agent":
            return [c for c in children if c.dep_ == AGENT_DEP]
        if wanted == "obj":
            if passive:
                return [c for c in children if c.dep_ == PASSIVE_SUBJECT]
            return [c for c in children if c.dep_ == "obj"]
        if wanted in ("iobj", "amod", "nmod", "obl"):
            return [c for c in children if c.dep_.split(":")[0] == wanted]
        if wanted == "poss":
            return [c for c in children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
        if wanted == "ccomp":  # "X demanded that Y withdraw": Y, the subject of the complement clause
            return [s for c in children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
        # a preposition: "avec X", "à X", "contre X", "auprès de X"
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

    def _actors_of(self, phrase: Token, context: _Context, exclude: tuple[str, ...] = ()) -> list[str]:
        """The actors a phrase stands for: a name, a role, coordinated names, a pronoun, "les
        deux hommes", "son voisin"."""
        doc = context.doc
        heads = [phrase] + [c for c in phrase.children if c.dep_ == "conj"]
        found: list[str] = []
        for head in heads:
            lower = head.lower_
            if head.pos_ == "DET" and "Poss=Yes" in str(head.morph):
                actor = salient_actor(doc, head.idx, ACTOR_TYPES)
                found += [actor] if actor else []
                continue
            if self._pair_kind(head) is not None and any(
                c.lower_ in self.grammar.pair_quantifiers for c in head.children
            ):
                found += list(self._pair(head, context))
                continue
            if head.lemma_.lower() in self.relational and any(
                c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in head.children
            ):
                other = self._other_party(head, context, exclude)
                found += [other] if other else []
                continue
            mention = mention_for_phrase(doc, head)
            if mention is not None:
                found.append(mention.actor)
                continue
            if (
                head.pos_ == "PRON"
                and self._quote_of(head, context) is not None
                and any(q.kind == "direct" and q.start <= head.idx < q.end for q in context.quotes)
            ):
                continue  # "il", "ils", "nous" in someone's own words: their referents are the speaker's
            if head.pos_ == "PRON" and lower in self.pronouns_one:
                actor = salient_actor(doc, head.idx, ACTOR_TYPES)
                found += [actor] if actor else []
            elif head.pos_ == "PRON" and lower in self.pronouns_two and context.pair:
                found += list(context.pair)
        return found

    def _pair(self, head: Token, context: _Context) -> tuple[str, ...]:
        """The two actors "les deux hommes / parties / pays" stand for."""
        if context.pair is not None:
            return context.pair
        kind = self._pair_kind(head) or "any"
        types = ACTOR_TYPES if kind == "any" else (kind,)
        speaker = None
        quote = self._quote_of(head, context)
        if quote is not None:
            speaker = quote.speaker
        counts: dict[str, list[int]] = {}
        for mention in context.doc._.telex_mentions or ():
            actor = (context.doc._.telex_actors or {}).get(mention.actor)
            if mention.end > head.idx or actor is None or actor.type not in types or mention.actor == speaker:
                continue
            counts.setdefault(mention.actor, []).append(mention.start)
        ranked = sorted(counts, key=lambda a: (-len(counts[a]), counts[a][0]))
        if len(ranked) < 2:
            return ()
        context.pair = (
            (ranked[0], ranked[1]) if counts[ranked[0]][0] <= counts[ranked[1]][0] else (ranked[1], ranked[0])
        )
        return context.pair

    def _pair_kind(self, head: Token) -> str | None:
        """What "les deux X" stands for, if X is a pair noun (plural forms included: the lemmatizer
        turns "parties" into "party")."""
        for form in dict.fromkeys((*self.grammar.singular_forms(head.lower_), head.lemma_.lower())):
            if form in self.pair_nouns:
                return self.pair_nouns[form]
        return None

    def _other_party(self, head: Token, context: _Context, exclude: tuple[str, ...]) -> str | None:
        """ "son voisin", "son hôte": the latest actor of the source's kind that is not the source."""
        actors = context.doc._.telex_actors or {}
        kinds = {actors[a].type for a in exclude if a in actors} or {"person", "country"}
        for mention in reversed(context.doc._.telex_mentions or ()):
            actor = actors.get(mention.actor)
            if mention.end <= head.idx and actor is not None and actor.type in kinds and mention.actor not in exclude:
                return mention.actor
        return None

    # --- denials --------------------------------------------------------------------------

    def _denials(self, verb: Token, sentence: Span, context: _Context) -> list[EventFound]:
        """ "X nie toute livraison d'armes" / "X a démenti avoir rencontré Y": one denial statement
        (CAMEO 016) by X, about the act — the act itself is not coded."""
        denied = []
        for child in verb.children:
            if child.dep_ in ("obj", "ccomp", "xcomp") and (
                self._noun_entry(child) is not None or self._verb_entry(child) is not None
            ):
                denied.append(child)
        if not denied:
            return []
        entries = self.dictionary.verb_entries(verb.lemma_.lower())
        code = entries[0].code if entries else DENIAL_CODE
        sources = self._participants(verb, ("nsubj",), context, role="source")
        if not sources:
            return []
        act = denied[0]
        act_entry = self._noun_entry(act) or self._verb_entry(act)
        objects, modifiers, complements = self._context_words(act)
        act_code = act_entry.reading(objects, modifiers, complements).code if act_entry else "?"
        roles = act_entry.target if act_entry and act_entry.target else ("obj",)
        targets = self._participants(act, roles, context, role="target", sources=sources)
        directions = [(sources, targets)]
        if not targets and len(sources) == 2:  # "les deux parties niant": each side denies to the other
            directions = [(sources[:1], sources[1:]), (sources[1:], sources[:1])]
        elif not targets:
            return []
        cue_span = _trigger_span(verb)
        when = self._date(sentence, context, future=False)
        rule = f"denial:{verb.lemma_.lower()} of {act.lemma_.lower()} ({act_code})"
        return [
            EventFound(
                sentence.start_char,
                sentence.end_char,
                cue_span.text,
                cue_span.start_char,
                cue_span.end_char,
                code,
                source,
                target,
                "denied",
                when.value.isoformat() if when.value else None,
                when.source,
                None,
                self._quote_of(verb, context),
                rule,
            )
            for source, target in directions
        ]

    # --- nouns ----------------------------------------------------------------------------

    def _noun_entry(self, noun: Token) -> EventEntry | None:
        entries = self.dictionary.noun_entries(noun.lemma_.lower()) or self.dictionary.noun_entries(noun.lower_)
        if not entries:
            return None
        dependents = _dependent_words(noun) if any(e.words for e in entries) else set()
        for entry in entries:
            if entry.words and not all(word in dependents for word in entry.words):
                continue
            return entry
        return None

    def _noun_events(self, noun: Token, sentence: Span, context: _Context, previous: dict) -> list[EventFound]:
        entry = self._noun_entry(noun)
        if entry is None:
            return []
        if any(c.lower_ in self.hypothetical for c in noun.children):
            return []  # "d'éventuels achats d'armes"
        if any(g.lemma_.lower() in self.denial_verbs for g in _governors(noun)):
            return []  # the denial verb codes it
        governor = noun.head if noun.head.i != noun.i else None
        if (
            governor is not None
            and noun.dep_ in ("obj", "nmod", "obl:arg")
            and (
                (governor.pos_ in ("VERB", "AUX") and self._verb_entry(governor) is not None)
                or (governor.pos_ == "NOUN" and self._noun_entry(governor) is not None)
            )
        ):
            return []  # "un accord de coopération", "renforcer sa coopération": the content of that event
        objects, modifiers, complements = self._context_words(noun)
        reading = entry.reading(objects, modifiers, complements)
        if reading.denial:
            return []
        light = self._light_verb(noun)
        status_head = light if light is not None else noun
        status, modal_rule = self._status(status_head, context)
        if status == "denied":
            return []
        sources = self._participants(noun, entry.source, context, role="source")
        on_light_verb = self.arguments.light_verb_roles
        if not sources and light is not None:
            sources = self._participants(light, on_light_verb["source"], context, role="source")
        targets = self._participants(noun, entry.target, context, role="target", sources=sources)
        if not targets and light is not None:
            targets = self._participants(light, on_light_verb["target"], context, role="target", sources=sources)
        if not sources and not targets and context.pair and entry.symmetric and reading.code.startswith("04"):
            sources = context.pair  # "une poignée de main" between the two: a joint act
            modal_rule = modal_rule or "pair"
        if not sources and not targets:
            earlier = previous.get(_paragraph_of(context.doc, sentence.start_char))
            mentions_here = [m for m in context.doc._.telex_mentions or () if sentence.start_char <= m.start < noun.idx]
            if earlier is not None and not mentions_here and noun.dep_ not in ("obj", "nsubj"):
                sources, targets = earlier.source, earlier.target  # "Ce sera aussi le cas de la coopération militaire"
                modal_rule = modal_rule or "carried-over"
        return self._emit(
            entry,
            reading,
            noun,
            sentence,
            context,
            sources,
            targets,
            status,
            modal_rule,
            trigger_span=_noun_span(noun, entry),
        )

    def _light_verb(self, noun: Token) -> Token | None:
        """The verb a nominal event hangs on: "ont eu un échange", "a effectué une visite",
        "mèneraient des négociations" (also when the parse makes the noun a conjunct of it)."""
        head = noun.head
        if noun.dep_ in ("obj", "conj", "nsubj:pass", "obl:arg") and head.pos_ == "VERB":
            lemma = head.lemma_.lower()
            if lemma in self.light_verbs or noun.dep_ == "conj":
                return head
            if noun.dep_ == "conj" and head.pos_ == "NOUN":
                return self._light_verb(head)
        if noun.dep_ == "conj" and head.pos_ == "NOUN":
            return self._light_verb(head)
        return None

    # --- emitting -------------------------------------------------------------------------

    def _emit(
        self,
        entry,
        reading,
        trigger,
        sentence,
        context,
        sources,
        targets,
        status,
        rule,
        trigger_span: Span | None = None,
    ) -> list[EventFound]:
        if not sources:
            return []
        if (
            not targets
            and context.pair
            and len(sources) == 1
            and sources[0] in context.pair
            and (entry.symmetric or reading.code.startswith("04"))
        ):
            targets = tuple(a for a in context.pair if a != sources[0])  # "la visite de Kim" in a two-party story
        joint = False  # both parties are the subject: "les deux hommes ont eu un échange"
        if not targets and len(sources) == 2 and entry.symmetric:
            sources, targets, joint = sources[:1], sources[1:], True
        location = self._location(trigger, entry, context) or self._place_among(targets, context)
        if not targets and location is not None and location[1] and reading.code.startswith(("042", "036")):
            visited = location[1]  # "se rendra en Algérie": the visited country is the other party
            if visited in (context.doc._.telex_actors or {}) and visited not in sources:
                targets = (visited,)
        if not targets:
            return []
        if status == "intended":
            code = reading.intent
            if code is None:
                return []  # CAMEO has no intent code for this act: precision first
        elif status == "refused":
            code, status = reading.negated or reading.code, "asserted" if reading.negated else "negated"
        else:
            code = reading.code
        span = trigger_span or _trigger_span(trigger)
        quote = self._quote_of(trigger, context)
        when = self._date(sentence, context, future=status == "intended")
        targets = tuple(t for t in targets if t not in sources)
        directions = [(tuple(sources), targets)]
        codes = [code]
        if joint:  # "A et B se sont rencontrés": A meets B and B meets A, as event data counts it
            directions.append((targets, tuple(sources)))
            codes.append(code)
        elif code == HOST_CODE and status in ("asserted", "reported"):  # "A a reçu B": B visited A
            directions.append((targets, tuple(sources)))
            codes.append(VISIT_CODE)
        return [
            EventFound(
                sentence.start_char,
                sentence.end_char,
                span.text,
                span.start_char,
                span.end_char,
                event_code,
                source,
                target,
                status,
                when.value.isoformat() if when.value else None,
                when.source,
                location,
                quote if status == "reported" else None,
                f"{entry.pos}:{entry.lemma}"
                + (f" [{rule}]" if rule else "")
                + (" [implied visit]" if event_code != code else ""),
            )
            for (source, target), event_code in zip(directions, codes, strict=True)
        ]

    def _date(self, sentence: Span, context: _Context, future: bool):
        return date_event(sentence.text, context.published, self.language, future=future)

    def _place_among(self, targets: tuple[str, ...], context: _Context) -> tuple[str, str | None] | None:
        """ "a bombardé Odessa": a place acted upon is where the event happened."""
        actors = context.doc._.telex_actors or {}
        for target in targets:
            actor = actors.get(target)
            if actor is not None and actor.type == "place":
                return actor.name, actor.country
        return None

    def _location(self, trigger: Token, entry: EventEntry, context: _Context) -> tuple[str, str | None] | None:
        prepositions = entry.place or self.arguments.default_place
        for phrase in (p for prep in prepositions for p in self._phrases(trigger, prep, passive=False)):
            mention = mention_for_phrase(context.doc, phrase)
            if mention is None:
                continue
            actor = (context.doc._.telex_actors or {}).get(mention.actor)
            if actor is None or actor.type not in ("country", "place"):
                continue
            return mention.text, actor.country or (actor.id if actor.type == "country" else None)
        return None


def _dependent_words(head: Token) -> set[str]:
    """Lemmas and forms of the words below ``head``: what a multiword trigger's other words must be."""
    words: set[str] = set()
    for token in head.subtree:
        if token.i != head.i:
            words.add(token.lemma_.lower())
            words.add(token.lower_)
    return words


def _governors(token: Token) -> list[Token]:
    """The verbs (and nouns) that govern ``token`` through complements, nearest first."""
    chain = []
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in ("xcomp", "ccomp", "obj", "acl", "advcl", "conj", "nmod"):
            break
        current = current.head
        chain.append(current)
    return chain


def _trigger_span(verb: Token) -> Span:
    start, end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_.startswith("aux") and child.i < start and verb.i - child.i <= 3:
            start = child.i
    return verb.doc[start:end]


def _noun_span(noun: Token, entry: EventEntry) -> Span:
    if not entry.words:
        return noun.doc[noun.i : noun.i + 1]
    end = noun.i + 1
    for token in noun.subtree:
        if token.i > noun.i and (token.lemma_.lower() in entry.words or token.lower_ in entry.words):
            end = max(end, token.i + 1)
    return noun.doc[noun.i : end]


def _paragraph_of(doc: Doc, char: int) -> int:
    breaks = doc.user_data.get("telex_paragraph_breaks")
    if breaks is None:
        breaks = [m.start() for m in re.finditer("\n\n", doc_text(doc))]
        doc.user_data["telex_paragraph_breaks"] = breaks
    return bisect_left(breaks, char)


def _same_event(one: EventFound, other: EventFound) -> bool:
    """The same code from the same actors to the same actors, with the same status and day,
    stated in the same sentence or by the same trigger word ("la visite" mentioned twice), or a
    consultation (04x) however it is named ("un échange", "le sommet", "une poignée de main").
    Two statements with one code ("va aider", "ce sera aussi le cas de la coopération
    militaire") stay two events."""
    same_place = one.start == other.start or one.trigger.lower() == other.trigger.lower() or one.cameo.startswith("04")
    return same_place and (one.cameo, one.source, one.target, one.status, one.date) == (
        other.cameo,
        other.source,
        other.target,
        other.status,
        other.date,
    )


def _one_meeting_per_pair_and_day(events: list[EventFound]) -> list[EventFound]:
    """A meeting told as "un échange", "la visite", "les négociations" is one consultation (04x)
    from each side per day: keep the best attested (asserted over reported), then the most
    specific code (042 visit over 040 consult)."""
    status_rank = {"asserted": 0, "reported": 1, "intended": 2, "negated": 3, "denied": 4}
    best: dict[tuple, EventFound] = {}
    for event in events:
        if not event.cameo.startswith("04") or event.status in ("negated", "denied", "intended"):
            continue
        key = (event.source, event.target, event.date)
        rank = (status_rank.get(event.status, 9), event.cameo == "040")
        kept = best.get(key)
        if kept is None or rank < (status_rank.get(kept.status, 9), kept.cameo == "040"):
            best[key] = event
    winners = {id(event) for event in best.values()}
    return [
        event
        for event in events
        if id(event) in winners or not event.cameo.startswith("04") or event.status in ("negated", "denied", "intended")
    ]


def _unique(events: list[EventFound]) -> list[EventFound]:
    kept: list[EventFound] = []
    for event in events:
        if not any(_same_event(event, other) for other in kept):
            kept.append(event)
    return kept


@Language.factory(
    "telex_events",
    default_config={"knowledge": []},
    assigns=["doc._.telex_events"],
    requires=[  # and doc._.telex_date, which the caller sets before the pipeline runs
        "doc._.telex_mentions",
        "doc._.telex_actors",
        "doc._.telex_quotes",
        "token.dep",
        "token.lemma",
        "token.morph",
    ],
)
def make_event_coder(nlp: Language, name: str, knowledge: list[str]) -> EventCoder:
    """Triggers of ``nlp.lang``; ``knowledge``: analysts' folders layered over the packaged data."""
    return EventCoder(nlp, name, Knowledge.default().with_folders(knowledge))
