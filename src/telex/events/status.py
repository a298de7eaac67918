"""What a trigger states: an act that happened, or one intended, negated, denied, reported,
threatened or merely supposed — read from the words that govern it in the parse.

The cues are data (``events/modality_<lang>.yaml``): "va aider" is intended, "n'a pas rencontré"
negated, "niant toute transaction" denied (the denial is coded, never the act), "aurait attaqué"
reported, "menace de sanctions" threatened (the threat is coded, never the sanctions), and in
"si X attaque, nous frapperons" the condition is hypothetical and the main clause a threat.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from telex.events.dictionary import Modality
from telex.nlp.grammar import Grammar
from telex.nlp.index import span_set
from telex.nlp.verbforms import is_past_infinitive
from telex.quotes.lexicon import CueLexicon

GOVERNING_DEPS = ("xcomp", "ccomp", "obj", "acl", "advcl", "conj", "nmod")
ASSERTED, INTENDED, NEGATED, DENIED, REPORTED = "asserted", "intended", "negated", "denied", "reported"
REFUSED, THREATENED, HYPOTHETICAL = "refused", "threatened", "hypothetical"


class StatusReader:
    """Reads the status of triggers in one language."""

    def __init__(self, modality: Modality, grammar: Grammar, cues: CueLexicon) -> None:
        self.modality = modality
        self.grammar = grammar
        self.cues = cues
        self.denial_verbs = modality.denial_verbs
        self.negation_words = modality.negation_words
        self.intent_verbs = modality.intent_verbs
        self.threat_verbs = modality.threat_verbs
        self.conditions = modality.conditions
        self.modal_verbs = {c.lemma: c for c in modality.cues if c.role == "modal" and c.lemma}
        self.auxiliaries = modality.lemmas("intended", "auxiliary")
        self.refusals = modality.lemmas("negated", "verb")
        self.negated_intents = modality.lemmas("negated", "negated_intent")
        self.intent_nouns = modality.lemmas("intended", "marker")
        self.report_markers = modality.report_markers
        self.obligations = modality.lemmas("demanded", "auxiliary")
        self.requests = modality.lemmas("demanded", "verb")  # "a conseillé de ne pas se rendre"
        self.conditional_auxiliaries = modality.lemmas("threatened", "auxiliary")  # "may halt ... if"

    def is_denial(self, verb: Token) -> bool:
        """A denial verb, with the object its cue requires when it requires one ("rejeter les
        accusations" denies; "rejeter la proposition" is a rejection, 12x)."""
        lemma = verb.lemma_.lower()
        if lemma not in self.denial_verbs:
            return False
        required = self.modality.denial_requirement(lemma)
        if required is None:
            return True
        objects = [t for c in verb.children if c.dep_ == "obj" for t in c.subtree]
        return any(required in (t.lemma_.lower(), t.lower_) for t in objects)

    def obligation_clause(self, verb: Token) -> Token | None:
        """The head of the clause that puts an obligation on its subject, when ``verb`` is what is
        obliged: "Y must withdraw" (an obligation auxiliary on ``verb``), or the parse French gets,
        "Y doit se retirer", "la France ne devait pas accueillir" (the modal verb heading ``verb``
        as its infinitive complement)."""
        if not self.obligations:
            return None
        auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
        if any(c.lemma_.lower() in self.obligations or c.lower_ in self.obligations for c in auxiliaries):
            return verb
        modal = verb.head
        obliges = verb.dep_ == "xcomp" and modal.i != verb.i and modal.lemma_.lower() in self.obligations
        if obliges and modal.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in modal.children):
            return modal
        return None

    def demanding(self, verb: Token) -> Token | None:
        """ "Russia said Sudan must return the helicopter", "LR ont estimé que la France ne devait
        pas accueillir l'Aquarius": the speech verb whose reported clause puts an obligation on its
        subject. That clause is the speaker's demand, not an act (an obligation not to act is a
        demand too): the speech verb is returned when ``verb`` is what such a clause obliges."""
        clause = self.obligation_clause(verb)
        if clause is None or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        speech = clause.head
        cue = self.cues.find(speech.lower_, speech.lemma_) if speech.pos_ in ("VERB", "AUX") else None
        return speech if cue is not None and cue.stance in ("neutral", "request") else None

    def _requested(self, trigger: Token) -> bool:
        """ "a conseillé à ses ressortissants de ne pas se rendre en Iran", "a appelé à ne plus
        signer d'accord": an infinitive a request verb governs is what it asks for."""
        head = trigger.head
        return (
            head.i != trigger.i
            and head.lemma_.lower() in self.requests
            and "VerbForm=Inf" in str(trigger.morph)
            and trigger.dep_ in ("xcomp", "ccomp", "obl:arg", "obj", "advcl")
        )

    def status(self, trigger: Token, quoted: Sequence[tuple[int, int]]) -> tuple[str, str]:
        """The status and the cue that decided it."""
        governors = governors_of(trigger)
        for governor in governors:
            lemma = governor.lemma_.lower()
            if self.is_denial(governor):
                return DENIED, lemma
            if lemma in self.refusals:
                return REFUSED, lemma
            if lemma in self.threat_verbs:
                return THREATENED, lemma
        if self._requested(trigger):
            return HYPOTHETICAL, f"asked:{trigger.head.lemma_.lower()}"  # asked of someone, not done
        if self._in_condition(trigger):
            return HYPOTHETICAL, "condition"
        chain = [trigger, *governors]
        predicate = self._predicate_chain(chain)
        if any(self.negated(token) for token in predicate):
            auxiliaries = [c for t in predicate for c in t.children if c.dep_.startswith("aux")]
            intent = next((c.lower_ for c in auxiliaries if c.lemma_.lower() in self.negated_intents), None)
            if intent is not None:
                return REFUSED, f"{intent} not"  # "said it would not meet the demands": a refusal
            return NEGATED, "negation"
        if self._conditional_main_clause(trigger):
            return THREATENED, "condition"
        for position, token in enumerate(chain):
            lemma = token.lemma_.lower()
            if token.i != trigger.i and (lemma in self.auxiliaries or lemma in self.intent_verbs):
                if lemma in self.intent_verbs and is_past_infinitive(chain[position - 1]):
                    break  # "a annoncé avoir arrêté 17 Iraniens": done, not intended
                return INTENDED, lemma
            if token.i != trigger.i and token.pos_ == "ADJ" and token.lower_ in self.intent_nouns:
                return INTENDED, token.lower_  # "is ready to contribute troops", "willing to send"
            if token.i != trigger.i and lemma in self.modal_verbs:
                cue = self.modal_verbs[lemma]
                if cue.requires is None or cue.requires in str(token.morph):
                    return INTENDED, lemma
            if _future(token):
                return INTENDED, "future"
            if token.dep_ not in ("xcomp", "acl") or _describing_participle(token):
                break  # "un projet … vivement critiqué par Washington": the criticism is no plan
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nmod", "obj", "nsubj", "conj"):
            holder = trigger.head
            if any("Tense=Fut" in str(c.morph) for c in holder.children if c.dep_ in ("cop", "aux", "aux:tense")) or (
                "Tense=Fut" in str(holder.morph)
            ):
                return INTENDED, "future"
        if (
            trigger.dep_ == "acl"
            and trigger.head.lemma_.lower() in self.intent_nouns
            and not _describing_participle(trigger)
        ):
            return INTENDED, trigger.head.lemma_.lower()
        if self._hearsay_conditional(trigger):
            return REPORTED, "conditional"
        for governor in governors:
            if _same_subjects_aside(trigger, governor):
                continue  # "a plaidé pour X, égratignant la maire": an act of the speaker's own
            if (
                governor.pos_ in ("VERB", "AUX")
                and self.cues.find(governor.lower_, governor.lemma_) is not None
                and (trigger.dep_ in ("xcomp", "ccomp", "advcl") or trigger.head.i != governor.i)
            ):
                return REPORTED, f"said:{governor.lemma_.lower()}"
        if span_set(quoted).covers(trigger.idx):
            return REPORTED, "quote"
        if any(c.lemma_.lower() in self.report_markers for c in trigger.subtree if c.dep_ == "case"):
            return REPORTED, "selon"
        return ASSERTED, ""

    def negated(self, trigger: Token) -> bool:
        clitics = self.grammar.negation_clitics
        if trigger.lemma_.lower() in self.grammar.negated_by_clitic_alone and any(
            c.lower_ in clitics for c in trigger.children
        ):
            return True  # "il ne pouvait mettre en cause le Hezbollah"
        for child in trigger.children:
            if (
                child.dep_ == "advmod"
                and (child.lemma_.lower() in self.negation_words or "Polarity=Neg" in str(child.morph))
                and child.lower_ not in clitics
            ):
                return True
        return any(
            c.dep_ == "advmod" and c.lemma_.lower() in self.negation_words and c.lower_ not in clitics
            for aux in trigger.children
            if aux.dep_.startswith("aux")
            for c in aux.children
        )

    def _predicate_chain(self, chain: Sequence[Token]) -> list[Token]:
        """The trigger and the verbs it completes ("ne pouvait mettre en cause": the modal is
        negated, so is the act)."""
        found = [chain[0]]
        for token in chain[1:]:
            bare_infinitive = (
                found[-1].dep_ == "advcl"
                and "VerbForm=Inf" in str(found[-1].morph)
                and not any(c.dep_ == "mark" for c in found[-1].children)
            )  # "ne pouvait dans l'immédiat mettre en cause": the parser's advcl for xcomp
            if found[-1].dep_ != "xcomp" and not bare_infinitive:
                break
            found.append(token)
        return found

    def _hearsay_conditional(self, trigger: Token) -> bool:
        """ "aurait attaqué": the past conditional of hearsay."""
        return any(
            aux.dep_.startswith("aux") and aux.lemma_ in self.grammar.auxiliaries and "Mood=Cnd" in str(aux.morph)
            for aux in trigger.children
        )

    def _in_condition(self, trigger: Token) -> bool:
        """Inside a "si" clause: a supposition, not an event."""
        token = trigger
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in self.conditions for c in token.children):
                return True
            if token.head.i == token.i or token.dep_ not in ("advcl", "xcomp", "conj", "obj", "nmod"):
                return False
            token = token.head
        return False

    def _conditional_main_clause(self, trigger: Token) -> bool:
        """ "si X attaque, nous frapperons": a future or conditional main clause under a condition."""
        head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        has_condition = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.conditions for m in c.children)
            for c in head.children
        )
        if not has_condition:
            return False
        auxiliaries = [aux for aux in head.children if aux.dep_.startswith("aux")]
        return (
            _future(head)
            or "Mood=Cnd" in str(head.morph)
            or any("Mood=Cnd" in str(aux.morph) for aux in auxiliaries)
            or any(aux.lemma_.lower() in self.conditional_auxiliaries for aux in auxiliaries)
        )


def governors_of(token: Token) -> list[Token]:
    """The verbs (and nouns) that govern ``token`` through complements, nearest first."""
    chain = []
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in GOVERNING_DEPS:
            break
        current = current.head
        chain.append(current)
    return chain


def _future(token: Token) -> bool:
    return "Tense=Fut" in str(token.morph) or any(
        "Tense=Fut" in str(aux.morph) for aux in token.children if aux.dep_.startswith("aux")
    )


def _same_subjects_aside(trigger: Token, governor: Token) -> bool:
    """A participle clause beside a speech verb ("a déclaré X, dénonçant Y"; "Marquant son désaccord
    avec Trump, Macron a appelé au dialogue", the nominal act of the participle) tells what the
    speaker did, not what they said happened."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "obj" and trigger.head.i != governor.i:
        trigger = trigger.head
    return (
        trigger.head.i == governor.i
        and trigger.dep_ in ("advcl", "conj")
        and "VerbForm=Part" in str(trigger.morph)
        and "Tense=Pres" in str(trigger.morph)
    )


def _describing_participle(token: Token) -> bool:
    """A past participle describing a noun ("une mention vivement critiquée par Washington"):
    what it says happened, whatever the noun plans or intends."""
    morph = str(token.morph)
    return token.dep_ == "acl" and "VerbForm=Part" in morph and "Tense=Past" in morph
