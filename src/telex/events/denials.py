"""Denials: "X nie toute livraison d'armes", "X a démenti avoir rencontré Y".

A denial is one statement (CAMEO 016, or the denial verb's own code) by the one who denies, about
the act denied; the act itself is never coded. Its target is the other party of the denied act,
or, for "les deux parties niant", each side to the other; a denial with no other party ("ce que
l'Iran dément") stands without a target.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from telex.events.coding import CodingRules
from telex.events.dating import date_event
from telex.events.found import EventFound, found_at
from telex.events.participants import Participants, Scene
from telex.events.status import ASSERTED
from telex.events.triggers import TriggerFinder, trigger_span

DENIED_DEPS = ("obj", "ccomp", "xcomp")


class DenialCoder:
    def __init__(self, triggers: TriggerFinder, participants: Participants, rules: CodingRules, lang: str) -> None:
        self.triggers = triggers
        self.participants = participants
        self.rules = rules
        self.lang = lang

    def code(self, verb: Token, sentence: Span, scene: Scene) -> list[EventFound]:
        act = self._denied_act(verb)
        sources = self.participants.find(verb, ("nsubj", "agent"), scene, role="source")
        quote = scene.cue_quote(verb)
        if not sources and quote is not None and quote.speaker:
            sources = (quote.speaker,)
        if not sources:
            return []
        entries = self.triggers.dictionary.verb_entries(verb.lemma_.lower())
        code = self.rules.denial
        if entries and not entries[0].words:  # the verb's own code, as its object reads it
            code = entries[0].reading(*self.triggers.context_words(verb)).code  # "rejeter les accusations": 016
        act_code, targets = "?", ()
        if act is not None:
            act_entry = self.triggers.noun_entry(act) or self.triggers.verb_entry(act)
            if act_entry is not None:
                act_code = act_entry.reading(*self.triggers.context_words(act)).code
                roles = act_entry.target or ("obj",)
                targets = self.participants.find(act, roles, scene, role="target", sources=sources)
        if not targets and code.startswith(self.rules.demonstrative_targets):
            # "Washington a qualifié de fausses ces affirmations": the one who made them
            targets = tuple(self.participants.demonstrative_antecedent(verb, scene, sources))
        directions = [(sources, targets)]
        if not targets and len(sources) == 2 and self._said_by_a_pair(verb):
            # "les deux parties niant": each side denies to the other ("X et Y ont démenti": both, to no one)
            directions = [(sources[:1], sources[1:]), (sources[1:], sources[:1])]
        cue = trigger_span(verb)
        when = date_event(sentence.text, scene.published, self.lang, future=False)
        about = f" of {act.lemma_.lower()} ({act_code})" if act is not None else ""
        rule = f"denial:{verb.lemma_.lower()}{about}"
        quote = quote or scene.quote_at(verb.idx)
        # ASSERTED: the denial happened; the act denied is not an event
        return [
            found_at(sentence, cue, code, source, target, ASSERTED, when, rule, quote=quote)
            for source, target in directions
        ]

    def _said_by_a_pair(self, verb: Token) -> bool:
        """Is the denial's subject a pair ("les deux parties", "les deux pays")?"""
        return any(self.participants.is_pair_phrase(s) for s in self.participants.phrases(verb, "nsubj", passive=False))

    def _denied_act(self, verb: Token) -> Token | None:
        """The act denied, when the dictionary knows it ("toute transaction d'armes")."""
        for child in verb.children:
            if child.dep_ in DENIED_DEPS and (
                self.triggers.noun_entry(child) is not None or self.triggers.verb_entry(child) is not None
            ):
                return child
        return None
