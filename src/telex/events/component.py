"""``telex_events``: who did what to whom, coded in CAMEO, read over the dependency parse.

For every verb or noun of the event dictionaries (``data/events/<lang>/``) the coder finds the
source and target actors where the entry says to look (:mod:`telex.events.participants`),
decides what the sentence states of it (:mod:`telex.events.status`: asserted, intended, negated,
reported, threatened, supposed) and dates it. Denials are coded as the statement they are
(:mod:`telex.events.denials`), stance-taking speech as statements of its speaker
(:mod:`telex.events.statements`), and one act stated several times is one event
(:mod:`telex.events.merging`). The codes with a job of their own live in ``events/coding.yaml``.

Precision comes first: an act needs its source, and its target unless ``coding.yaml`` lets its
kind stand alone; an intention is coded only where CAMEO has an intent code for it; what is
threatened or supposed is never coded as done.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from telex.events.coding import load_coding_rules
from telex.events.dating import date_event
from telex.events.denials import DenialCoder
from telex.events.dictionary import EventEntry, Reading, load_arguments, load_event_dictionary, load_modality
from telex.events.found import EventFound, found_at
from telex.events.merging import main_event_per_sentence, merge_repeats, one_meeting_per_pair_and_day
from telex.events.participants import Participants, Scene
from telex.events.repairs import is_date_word
from telex.events.statements import StatementCoder
from telex.events.status import (
    ASSERTED,
    DENIED,
    HYPOTHETICAL,
    INTENDED,
    NEGATED,
    REFUSED,
    REPORTED,
    THREATENED,
    StatusReader,
    governors_of,
)
from telex.events.triggers import TriggerFinder, noun_span, trigger_span
from telex.knowledge import Knowledge
from telex.nlp.blocks import block_index
from telex.nlp.coref import coreference
from telex.nlp.doccache import sentence_number, sentences
from telex.nlp.extensions import register_extensions
from telex.nlp.grammar import load_grammar
from telex.nlp.index import span_set
from telex.nlp.salience import mention_for_phrase
from telex.quotes.lexicon import load_cues

CONSULT = "04"
MEETINGS = frozenset({"040", "041", "043", "046"})  # met, called, hosted, negotiated: two who talked
CARRY_OVER_DEPS_EXCLUDED = ("obj", "nsubj")


class EventCoder:
    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        register_extensions()
        self.name = name
        self.knowledge = knowledge
        self.language = language = nlp.lang
        grammar = load_grammar(language, knowledge)
        dictionary = load_event_dictionary(language, knowledge=knowledge)
        modality = load_modality(language, knowledge=knowledge)
        self.arguments = arguments = load_arguments(language, knowledge)
        self.rules = load_coding_rules(knowledge)
        self.triggers = TriggerFinder(dictionary, grammar)
        self.status = StatusReader(modality, grammar, load_cues(language, knowledge=knowledge))
        self.participants = Participants(grammar, arguments, self.triggers)
        self.denials = DenialCoder(self.triggers, self.participants, self.rules, language)
        self.statements = StatementCoder(self.participants, self.status, self.rules, language)
        self.hypothetical = arguments.hypothetical

    # --- the component --------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        scene = Scene(
            doc,
            doc._.telex_date,
            coreference(doc, self.knowledge),
            quotes=list(doc._.get("telex_quotes") or ()),
        )
        quoted = span_set([(quote.start, quote.end) for quote in scene.quotes])  # indexed once: asked at every trigger
        found: list[EventFound] = []
        latest_in_block: dict[int, EventFound] = {}  # for "ce sera aussi le cas de la coopération"
        for sentence in sentences(doc):
            if sentence.text.rstrip().endswith("?"):
                continue  # a question states no event
            here: list[EventFound] = []
            for token in sentence:
                if token.pos_ in ("VERB", "AUX"):
                    speech = self.status.demanding(token)
                    quote = None if speech is not None else self._quoted_demand(token, scene)
                    if speech is not None or quote is not None:
                        here += self._demand_events(token, speech, sentence, scene, quoted, quote)
                    else:
                        here += self._verb_events(token, sentence, scene, quoted)
                elif token.pos_ in ("NOUN", "PROPN"):
                    here += self._noun_events(token, sentence, scene, quoted, latest_in_block)
            for event in _without_cue_of_demand(here, scene, self.rules.pleas):
                found.append(event)
                latest_in_block[block_index(doc, event.start)] = event
                if event.cameo in MEETINGS and event.source and event.target:
                    scene.last_meeting = sentence_number(sentence[0])
        coded_cues = {t.i for e in found for t in doc.char_span(e.trigger_start, e.trigger_end) or ()}
        coded_cues |= _demand_cue_tokens(found, scene)  # the plea a quoted demand stands for
        found += self.statements.code(scene, coded_cues, quoted)
        found.sort(key=lambda event: (event.start, event.trigger_start))
        if self.arguments.one_event_per_sentence:
            found = main_event_per_sentence(found, lambda event: _height(doc, event), lambda a, b: _governs(doc, a, b))
        doc._.telex_events = one_meeting_per_pair_and_day(merge_repeats(found))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # --- verbs ----------------------------------------------------------------------------

    def _verb_events(self, verb: Token, sentence: Span, scene: Scene, quoted) -> list[EventFound]:
        if self.status.is_denial(verb):
            return self.denials.code(verb, sentence, scene)
        entry = self.triggers.verb_entry(verb)
        if entry is None:
            return []
        reading = entry.reading(*self.triggers.context_words(verb))
        if reading.denial:
            return []
        status, cue = self.status.status(verb, quoted)
        if status in (DENIED, HYPOTHETICAL):
            return []  # the denial verb codes a denial; a supposition is no event
        if self._is_purpose(verb):
            return []  # "un ultimatum aux troupes pour se retirer": an aim, not an act
        if reading.code == self.rules.neutral_statement and status in (ASSERTED, REPORTED) and scene.cue_quote(verb):
            return []  # "« … », a commenté le représentant": a neutral statement is its quotation
        if reading.code.startswith(self.rules.pleas) and self._asks_a_question(verb):
            return []  # "j'ai demandé combien de personnes allaient mourir": a question, no appeal
        if verb.lemma_.lower() in self.arguments.naming_verbs and self._gives_a_name(verb):
            return []  # "ce qu'il appelle une opération militaire spéciale": a name, no appeal
        sources = self.participants.find(verb, entry.source, scene, role="source")
        speech = scene.cue_quote(verb)
        if not sources and speech is not None and speech.speaker:
            sources = (speech.speaker,)  # "« … », a dénoncé le ministre": the quote step found him
        said = reading.kind == "statement" or reading.code.startswith(self.rules.quoted_targets)
        owned = reading.code.startswith(self.rules.nationality_targets)
        targets = self.participants.find(
            verb, entry.target, scene, role="target", sources=sources, demonyms=said or owned
        )
        if reading.code.startswith(self.rules.quoted_targets):
            # "El Khomri dénonce « la prise en otage des Français »": her own people, not whom she blames
            targets = self.participants.without_home_countries(targets, sources, scene)
        if not targets and reading.code.startswith(self.rules.clause_targets):
            targets = tuple(self.participants.clause_subject(verb, scene, sources))
        if not targets and (status == THREATENED or reading.code.startswith(self.rules.condition_targets)):
            targets = tuple(self.participants.condition_subject(verb, scene, sources, self.status.conditions))
        if not targets:
            targets = self._target_of_purpose(verb, scene, sources)
        unattributed = None if sources else self.arguments.unattributed_rule(reading.code)
        if unattributed is not None:
            sources = self.participants.unattributed_agent(verb, scene, targets, unattributed)
        if not targets and reading.code.startswith(self.rules.demonstrative_targets):
            targets = tuple(self.participants.demonstrative_antecedent(verb, scene, sources))
        if not targets and speech is not None and reading.code.startswith(self.rules.quoted_targets):
            targets = tuple(self.participants.actors_in_quote(speech, scene, sources)[:1])
        return self._emit(entry, reading, verb, sentence, scene, sources, targets, status, cue)

    def _demand_events(
        self, verb: Token, speech: Token | None, sentence: Span, scene: Scene, quoted, quote=None
    ) -> list[EventFound]:
        """ "X said Y must Z", "« Y doit Z », plaide X": X's demand on Y, coded by what is
        demanded (``coding.yaml``'s demands; a demand not to act is the default demand), never Z
        as done. ``speech`` is the verb that reports the clause, ``quote`` the quotation holding
        it when the speaker is quoted directly."""
        cue_token = speech if speech is not None else scene.cue_token(quote)
        status, cue = self.status.status(cue_token, quoted) if cue_token is not None else (ASSERTED, "")
        if status not in (ASSERTED, REPORTED):
            return []  # "did not say that Y must ...": no demand was made
        clause = self.status.obligation_clause(verb)
        roles = self.arguments.default_roles["verb"]
        sources: tuple[str, ...] = ()
        if speech is not None:
            sources = self.participants.find(speech, roles["source"], scene, role="source")
            quote = scene.cue_quote(speech)
        if not sources and quote is not None and quote.speaker:
            sources = (quote.speaker,)
        targets = self.participants.find(clause, roles["source"], scene, role="target", sources=sources)
        targets = tuple(t for t in targets if t not in sources)
        if not sources or not targets:
            return []
        entry = self.triggers.verb_entry(verb)
        act = entry.reading(*self.triggers.context_words(verb)).code if entry is not None else None
        if self.status.negated(clause) or self.status.negated(verb):
            act = None  # "ne devait pas accueillir l'Aquarius": a demand not to act
        when = date_event(sentence.text, scene.published, self.language, future=False)
        auxiliaries = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
        modal = clause if clause.i != verb.i or not auxiliaries else auxiliaries[0]
        span = scene.doc[min(modal.i, verb.i) : verb.i + 1]
        said = cue_token.lemma_.lower() if cue_token is not None else "«»"
        rule = f"demand:{said} {modal.lower_} {verb.lemma_.lower()}"
        code = self.rules.demand_for(act)
        return [
            found_at(
                sentence, span, code, sources, targets, status, when, rule + (f" [{cue}]" if cue else ""), quote=quote
            )
        ]

    def _quoted_demand(self, verb: Token, scene: Scene):
        """The direct quotation whose own main clause is ``verb``'s obligation ("« Les autorités
        doivent relâcher Drareni », a plaidé le CPJ"), when its speaker is known."""
        clause = self.status.obligation_clause(verb)
        if clause is None or clause.dep_ not in ("ROOT", "parataxis", "ccomp", "advcl"):
            return None
        quote = scene.quote_at(clause.idx)
        if quote is None or quote.kind != "direct" or not quote.speaker:
            return None
        head = clause.head
        if clause.dep_ != "ROOT" and quote.start <= head.idx < quote.end:
            return None  # a clause inside the quotation, under another of its verbs
        return quote

    # --- nouns ----------------------------------------------------------------------------

    def _noun_events(
        self, noun: Token, sentence: Span, scene: Scene, quoted, latest_in_block: dict[int, EventFound]
    ) -> list[EventFound]:
        entry = self.triggers.noun_entry(noun)
        if entry is None:
            return []
        if any(c.lower_ in self.hypothetical for c in noun.children):
            return []  # "d'éventuels achats d'armes"
        governor = noun.head if noun.head.i != noun.i else None
        receiver = self._receiving_verb(noun)
        if governor is not None and receiver is None and self._is_content_of(noun, governor):
            return []  # "un accord de coopération", "renforcer sa coopération": the content of that event
        reading = entry.reading(*self.triggers.context_words(noun))
        if reading.denial:
            return []
        light = self.triggers.light_verb(noun)
        status, cue = self.status.status(light if light is not None else noun, quoted)
        if status in (DENIED, HYPOTHETICAL):
            return []
        if any(c.dep_ == "case" and c.lemma_.lower() in self.status.report_markers for c in noun.children):
            return []  # "selon le mandat d'arrêt, …": the document cited, not a new act
        participants = self.participants
        # a nationality adjective names whose act it is: "les frappes israéliennes", "le retrait américain"
        sources = participants.find(noun, entry.source, scene, role="source", demonyms=True)
        on_light_verb = self.arguments.light_verb_roles
        if not sources and light is not None:
            sources = participants.find(light, on_light_verb["source"], scene, role="source")
        owned = reading.code.startswith(self.rules.nationality_targets)  # "la destruction d'un drone américain"
        targets = participants.find(
            noun, entry.target, scene, role="target", sources=sources, demonyms=owned, fallback=light is None
        )
        if not targets and light is not None:  # the noun's own phrases, which the parse often hangs on the verb
            roles = tuple(dict.fromkeys([*on_light_verb["target"], *entry.target]))  # "a mené des frappes sur Gaza"
            targets = participants.find(light, roles, scene, role="target", sources=sources, demonyms=owned)
        if not targets and receiver is not None and light is None:
            targets = participants.find(receiver, ("nsubj",), scene, role="target", sources=sources, fallback=False)
        if not targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.arguments.impact_verbs:
            # "une série de sanctions américaines frapperont le secteur pétrolier iranien": Iran
            targets = participants.find(noun.head, ("obj",), scene, role="target", sources=sources, demonyms=True)
        if not targets and reading.code.startswith(self.rules.clause_targets):
            targets = tuple(participants.noun_clause_subject(noun, scene, sources))  # "its demand that Israel ..."
        if not targets and light is not None:
            targets = participants.first_actor_target(noun, scene, sources)
        if not targets and self._their_meeting(noun, sentence, scene, reading.code):
            return []  # "a déclaré M. Rohani après leur discussion": the meeting coded just before, again
        if not sources and not targets and scene.pair and entry.symmetric and reading.code.startswith(CONSULT):
            sources, cue = scene.pair, cue or "pair"  # "une poignée de main" between the two: a joint act
        if not sources and not targets:
            earlier = latest_in_block.get(block_index(scene.doc, sentence.start_char))
            named_before = scene.mentions_between(sentence.start_char, noun.idx)
            if earlier is not None and not named_before and noun.dep_ not in CARRY_OVER_DEPS_EXCLUDED:
                sources, targets = earlier.source, earlier.target  # "Ce sera aussi le cas de la coopération"
                cue = cue or "carried-over"
        span = noun_span(noun, entry)
        return self._emit(entry, reading, noun, sentence, scene, sources, targets, status, cue, span)

    def _receiving_verb(self, noun: Token) -> Token | None:
        """ "Biden a reçu le soutien de l'AFL-CIO": the verb whose subject undergoes the nominal
        event it governs (``receiving_verbs``), or None."""
        verb = noun.head
        if noun.dep_ not in ("obj", "obl:arg", "obl:mod", "obl") or verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        if any(c.lower_ in self.participants.grammar.reflexive_pronouns for c in verb.children):
            lemma = self.participants.grammar.reflexive_name(lemma)  # "s'attirer les foudres de X"
        return verb if lemma in self.arguments.receiving_verbs else None

    def _is_content_of(self, noun: Token, governor: Token) -> bool:
        """ "un accord de coopération", "renforcer sa coopération": a noun that says what another
        trigger's event is about is not an event of its own."""
        if noun.dep_ not in ("obj", "nmod", "obl:arg"):
            return False
        if governor.pos_ in ("VERB", "AUX"):
            return self.triggers.verb_entry(governor) is not None or self.status.is_denial(governor)
        return governor.pos_ == "NOUN" and self.triggers.noun_entry(governor) is not None

    # --- emitting -------------------------------------------------------------------------

    def _asks_a_question(self, verb: Token) -> bool:
        """Does the verb's complement clause open with an interrogative word ("a demandé si",
        "a demandé combien")?"""
        interrogatives = self.participants.grammar.interrogatives
        for child in verb.children:
            if child.i < verb.i:
                continue
            if child.dep_ == "advmod" and child.lower_ in interrogatives:
                return True  # "a demandé combien de personnes…"
            if child.dep_ in ("ccomp", "advcl", "xcomp", "obj") and child.left_edge.lower_ in interrogatives:
                return True  # "a demandé à l'Iran si la paix était possible"
        return False

    def _target_of_purpose(self, verb: Token, scene: Scene, sources: tuple[str, ...]) -> tuple[str, ...]:
        """ "Moscou a envoyé des avions de chasse pour soutenir l'offensive du maréchal Haftar": an
        act that names no one it is done to is done to whom its purpose clause acts on (its object;
        not a place, which is where: "pour se retirer de la région de Tripoli")."""
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "xcomp") or "VerbForm=Inf" not in str(clause.morph):
                continue
            if not self.participants.opens_purpose(clause):
                continue
            found = self.participants.find(clause, ("obj",), scene, role="target", sources=sources, fallback=False)
            return tuple(a for a in found if getattr(scene.actors.get(a), "type", None) != "place")
        return ()

    def _is_purpose(self, verb: Token) -> bool:
        """An infinitive introduced by a purpose marker after an act the coder codes itself ("ont
        signé un accord pour garantir la fourniture", "l'a appelé pour le presser", "un ultimatum
        aux troupes pour se retirer"): what the act aims at, which the sentence does not say
        happened. After a verb that codes nothing the aim is what is told ("a ouvert un bureau
        pour aider les Hongkongais"). An act that is the aim's means ("a envoyé des troupes pour
        soutenir le gouvernement") loses it too: the sending is coded, the support is not."""
        if "VerbForm=Inf" not in str(verb.morph) or verb.head.i == verb.i:
            return False
        if verb.dep_ == "conj" and "VerbForm=Inf" in str(verb.head.morph):
            return self._is_purpose(verb.head)  # "pour dénoncer l'influence de Pékin et demander des réformes"
        if not self.participants.opens_purpose(verb):
            return False
        act = verb.head
        if act.pos_ in ("VERB", "AUX") and self.triggers.verb_entry(act) is not None:
            return True
        if act.pos_ in ("NOUN", "PROPN") and self.triggers.noun_entry(act) is not None:
            return True  # "lors d'une visite en France pour commémorer"
        return any(c.dep_ == "obj" and self.triggers.noun_entry(c) is not None for c in act.children)

    def _emit(
        self,
        entry: EventEntry,
        reading: Reading,
        trigger: Token,
        sentence: Span,
        scene: Scene,
        sources: tuple[str, ...],
        targets: tuple[str, ...],
        status: str,
        cue: str,
        span: Span | None = None,
    ) -> list[EventFound]:
        if scene.in_own_words(trigger.idx):
            performed = self._performed_in_quote(trigger, scene, reading)
            if performed is None:
                return []  # an act told in someone's own words: theirs to tell, not the coder's
            sources, status, cue = performed, ASSERTED, "own words"
        if not sources and entry.symmetric and len(targets) == 2:
            sources, targets = targets, ()  # "deux échanges de prisonniers entre l'Iran et les Etats-Unis": each way
        if not sources:
            return []
        if (
            not targets
            and scene.pair
            and len(sources) == 1
            and sources[0] in scene.pair
            and (entry.symmetric or reading.code.startswith(CONSULT))
        ):
            targets = tuple(a for a in scene.pair if a != sources[0])  # "la visite de Kim" in a two-party story
        joint = False  # both parties are the subject: "les deux hommes ont eu un échange"
        places = [
            t
            for t in targets
            if getattr(scene.actors.get(t), "type", None) == "place" or self._only_where(t, sentence, scene)
        ]
        if entry.symmetric and len(sources) == 2 and targets and len(places) == len(targets):
            targets = ()  # "X et Y ont lancé à Vienne leurs négociations": where, not with whom
        if not targets and len(sources) == 2 and entry.symmetric:
            sources, targets, joint = sources[:1], sources[1:], True
        location = self.participants.location(trigger, entry, scene) or self.participants.place_among(targets, scene)
        light = self.triggers.light_verb(trigger) if location is None and trigger.pos_ in ("NOUN", "PROPN") else None
        if light is not None:
            location = self.participants.location(light, entry, scene)  # "a mené plusieurs raids en Syrie"
        if not targets and location is not None and location[1] and reading.code.startswith(self.rules.place_as_target):
            place = location[1]  # "se rendra en Algérie", "plusieurs raids en Syrie": the country is the other party
            if place in scene.actors and place not in sources and place not in scene.home_countries(sources):
                targets = (place,)
        targets = tuple(t for t in targets if t not in sources)
        if status == REPORTED and cue.startswith("said:") and self._told_by_a_party(trigger, scene, sources, cue):
            status, cue = ASSERTED, "own report"
        code = self._code(reading, status, cue)
        if code is None:
            return []  # CAMEO has no code for this act in this status: precision first
        code, status, why = code
        code = self.rules.for_sources(code, [getattr(scene.actors.get(s), "code", None) for s in sources])
        cue = why or cue
        if not targets and not self.rules.may_lack_target(code, reading.kind):
            return []
        quote = scene.cue_quote(trigger) or (
            scene.quote_at(trigger.idx) if status == REPORTED or cue == "own words" else None
        )
        when = date_event(sentence.text, scene.published, self.language, future=status == INTENDED)
        span = span or trigger_span(trigger)
        directions = [(tuple(sources), targets)]
        codes = [code]
        if joint:  # "A et B se sont rencontrés": A meets B and B meets A, as event data counts it
            directions.append((targets, tuple(sources)))
            codes.append(code)
        elif (
            entry.symmetric
            and code == entry.code
            and status in (ASSERTED, REPORTED)
            and targets
            and not self._one_possessor(trigger, code)
        ):
            acting = tuple(
                t
                for t in targets
                if getattr(scene.actors.get(t), "type", None) != "place" and not self._only_where(t, sentence, scene)
            )
            if acting:  # "A a rencontré B": B met A too (a place where it happened does nothing)
                directions.append((acting, tuple(sources)))
                codes.append(code)
        elif code == self.rules.host and status in (ASSERTED, REPORTED) and targets:
            directions.append((targets, tuple(sources)))  # "A a reçu B": B visited A
            codes.append(self.rules.visit)
        rule = f"{entry.pos}:{entry.lemma}" + (f" [{cue}]" if cue else "")
        return [
            found_at(
                sentence,
                span,
                event_code,
                source,
                target,
                status,
                when,
                rule + (" [implied visit]" if event_code != code else ""),
                location,
                quote,
            )
            for (source, target), event_code in zip(directions, codes, strict=True)
        ]

    def _performed_in_quote(self, trigger: Token, scene: Scene, reading: Reading) -> tuple[str, ...] | None:
        """ "« Nous appelons l'Iran à libérer M. Ashoori », a déclaré le ministère": a speech act
        the speaker performs in their own words, with "je" or "nous" as its subject, or their own
        country in the present ("« La Chine s'oppose aux pressions », a rétorqué l'ambassadeur
        chinois": China's act, coded to China) ("nous
        réfléchissons à…" tells a state of mind, not an act: only the codes of coding.yaml's
        ``performed_in_quote`` count)."""
        if not reading.code.startswith(self.rules.performed_in_quote):
            return None
        quote = scene.quote_at(trigger.idx)
        if quote is None or not quote.speaker:
            return None
        speaker_pronouns = self.participants.grammar.speaker_pronouns
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "expl:subj")]
        if any(c.lower_ in speaker_pronouns for c in subjects):
            return (quote.speaker,)
        speaker = scene.actors.get(quote.speaker)
        home = speaker.country if speaker is not None and speaker.type == "person" else None
        present = "Tense=Pres" in str(trigger.morph) and not any(c.dep_.startswith("aux") for c in trigger.children)
        for subject in subjects if home and present else ():
            mention = mention_for_phrase(scene.doc, subject)
            if mention is not None and mention.actor == home:
                return (home,)  # "« La Chine s'oppose aux pressions », a rétorqué l'ambassadeur chinois"
        return None

    def _told_by_a_party(self, trigger: Token, scene: Scene, sources: tuple[str, ...], cue: str) -> bool:
        """ "Allemagne, France, Italie et Pays-Bas ont signé un accord, a annoncé le gouvernement
        allemand": an act told by one of those who did it is theirs to tell, not hearsay. The
        speaker is a party when it is a source, or a body (not a person) of a source's country."""
        said = cue.split(":", 1)[1]
        speech = next((g for g in governors_of(trigger) if g.lemma_.lower() == said), None)
        quote = scene.cue_quote(speech) if speech is not None else None
        speaker = scene.actors.get(quote.speaker) if quote is not None and quote.speaker else None
        if speaker is None:
            return False
        if speaker.id in sources:
            return True
        if speaker.type == "person" or not speaker.country:
            return False
        return any(getattr(scene.actors.get(s), "country", None) == speaker.country for s in sources)

    def _their_meeting(self, noun: Token, sentence: Span, scene: Scene, code: str) -> bool:
        """ "leur discussion", "leur rencontre" within two sentences of a meeting the coder coded:
        that meeting told again (not a meeting of the pair the whole article is about)."""
        if not code.startswith(CONSULT) or scene.last_meeting is None:
            return False
        plural = self.participants.grammar.plural_possessives
        if not any(c.dep_ == "det" and c.lower_ in plural for c in noun.children):
            return False
        return sentence_number(sentence[0]) - scene.last_meeting <= 2

    def _one_possessor(self, trigger: Token, code: str) -> bool:
        """ "Macron marque son désaccord avec Trump": a symmetric act owned by one party is that
        party's alone; a meeting ("sa rencontre avec Poutine") takes two whoever tells it."""
        if code.startswith(CONSULT):
            return False
        possessives = self.participants.grammar.singular_possessives
        return any(c.dep_ == "det" and c.lower_ in possessives for c in trigger.children)

    def _gives_a_name(self, verb: Token) -> bool:
        """A naming verb with a relative object and a noun phrase ("ce qu'il appelle une opération"),
        or with two noun phrases ("appelle cette guerre une opération spéciale")."""
        phrases = [
            c
            for c in verb.children
            if c.dep_ in ("obj", "xcomp", "nsubj", "iobj")
            and c.pos_ in ("NOUN", "PROPN", "PRON")
            and not is_date_word(c, self.participants.grammar)
            and not (c.dep_ == "nsubj" and c.i < verb.i)
        ]
        relative = [c for c in phrases if "PronType=Rel" in str(c.morph)]
        nouns = [c for c in phrases if c.pos_ in ("NOUN", "PROPN") and c.i > verb.i]
        if relative:
            return bool(nouns)
        objects = [c for c in phrases if c.dep_ in ("obj", "xcomp") and c.pos_ in ("NOUN", "PROPN", "PRON")]
        return len(objects) >= 2 and any(c.i > verb.i and c.pos_ in ("NOUN", "PROPN") for c in objects)

    def _only_where(self, actor_id: str, sentence: Span, scene: Scene) -> bool:
        """Is an actor named in the sentence only after a preposition of place ("agreed to set up a
        centre in Tokyo", "the force in Lebanon")? Then it is where, not a party that acts back."""
        words = [
            scene.doc.char_span(m.start, m.end, alignment_mode="expand")
            for m in scene.mentions_between(sentence.start_char, sentence.end_char)
            if m.actor == actor_id
        ]
        places = self.arguments.default_place
        return bool(words) and all(
            w is not None and any(c.dep_ == "case" and c.lower_ in places for c in w.root.children) for w in words
        )

    def _code(self, reading: Reading, status: str, cue: str = "") -> tuple[str, str, str] | None:
        """The code and status an event is stored with, or None when it is not coded. Under a
        condition ("would meet the mediator if he gave them a veto") an act with an intent code of
        its own among ``coding.yaml``'s ``promised_under_condition`` is a promise: its intent."""
        if (
            status == THREATENED
            and cue == "condition"
            and reading.intent
            and reading.code.startswith(self.rules.promised_under_condition)
        ):
            return reading.intent, INTENDED, "promise"
        if status == INTENDED and reading.intent:
            return reading.intent, INTENDED, ""
        if status == INTENDED and reading.code.startswith(self.rules.intended_as_threat):
            return self.rules.threat_for(reading.code), ASSERTED, "announced"  # "will impose sanctions"
        if status == INTENDED:
            return None
        if status == REFUSED:
            return (reading.negated, ASSERTED, "refused") if reading.negated else (reading.code, NEGATED, "refused")
        if status == THREATENED:
            return self.rules.threat_for(reading.code), ASSERTED, "threat"
        return reading.code, status, ""


def _trigger_token(doc: Doc, event: EventFound) -> Token:
    span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[0]


def _governs(doc: Doc, governor: EventFound, event: EventFound) -> bool:
    """Whether the trigger of ``governor`` is an ancestor of the trigger of ``event``."""
    return _trigger_token(doc, governor) in _trigger_token(doc, event).ancestors


def _height(doc: Doc, event: EventFound) -> int:
    """How many heads lie between an event's trigger and the root of its sentence."""
    token = _trigger_token(doc, event)
    height = 0
    while token.head.i != token.i and height < len(doc):
        token, height = token.head, height + 1
    return height


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


def _demand_cue_tokens(events: list[EventFound], scene: Scene) -> set[int]:
    """The words of the speech cues whose quotations make a demand (``demand:`` events)."""
    return {
        token.i for event in events if event.rule.startswith("demand:") for token in scene.cue_span(event.quote) or ()
    }


def _without_cue_of_demand(events: list[EventFound], scene: Scene, pleas: tuple[str, ...]) -> list[EventFound]:
    """ "« Les autorités doivent relâcher Drareni », a plaidé le CPJ": the plea and the demand it
    quotes are one act; the demand, which names whom it is made of, stands for it."""
    cues = _demand_cue_tokens(events, scene)
    if not cues:
        return events

    def is_the_plea(event: EventFound) -> bool:
        span = scene.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        return span is not None and span.root.i in cues and not event.target and event.cameo.startswith(pleas)

    return [e for e in events if not is_the_plea(e)]
